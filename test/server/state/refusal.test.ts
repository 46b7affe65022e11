import { afterEach, describe, expect, it } from '@jest/globals';
import { PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createKvsSimulator, KvsMockUsageError } from '../../../src';
import { openStateFile, type StateFile } from '../../../src/server/state';
import { durableClients, reopen, stateDir } from './durable';

const cleanups: Array<() => void> = [];
const open: StateFile[] = [];
afterEach(async () => {
  for (const state of open.splice(0)) await state.close().catch(() => undefined);
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A state file whose journal holds `puts` PutKeys on store `s` (keys k0…), not compacted. */
async function written(puts = 3) {
  const dirs = stateDir();
  cleanups.push(dirs.cleanup);
  const kvs = createKvsSimulator({ seed: 'refusal' });
  const arn = kvs.seedStore({ name: 's' });
  const state = await openStateFile(dirs.file, kvs);
  open.push(state);
  const { data } = durableClients(kvs, () => state);
  let etag = kvs.getStore(arn)!.ETag;
  for (let i = 0; i < puts; i++) etag = (await data.send(new PutKeyCommand({ KvsARN: arn, Key: `k${i}`, Value: `v${i}`, IfMatch: etag }))).ETag!;
  return { ...dirs, kvs, arn, journal: `${dirs.file}.journal` };
}

/** Opening `file` is refused with a usage error naming `named` and saying `what`; both files and the simulator stay as they were. */
async function expectRefused(file: string, named: string, what: RegExp | string) {
  const files = [file, `${file}.journal`].map((f) => (existsSync(f) ? readFileSync(f) : undefined));
  const kvs = createKvsSimulator({ seed: 'untouched' });
  kvs.seedStore({ name: 'mine' });
  const before = kvs.snapshot();
  const error = await openStateFile(file, kvs).then(
    (state) => {
      open.push(state);
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error,
  );
  expect(error).toBeInstanceOf(KvsMockUsageError);
  expect(error.message).toContain(`The state file ${named} `);
  expect(error.message).toMatch(what);
  expect(error.message).toContain('It was left as it is');
  expect([file, `${file}.journal`].map((f) => (existsSync(f) ? readFileSync(f) : undefined))).toEqual(files);
  expect(kvs.snapshot()).toEqual(before);
}

describe('a damaged state file is refused, named and left untouched', () => {
  it('refuses garbage, an empty file and a plain snapshot, which are no state files', async () => {
    const dirs = stateDir();
    cleanups.push(dirs.cleanup);
    writeFileSync(dirs.file, 'hello, this is not JSON\n\x00\x01');
    await expectRefused(dirs.file, dirs.file, /is not a cloudfront-kvs-mock state file/);
    writeFileSync(dirs.file, '');
    await expectRefused(dirs.file, dirs.file, /\(the file is empty\)/);
    writeFileSync(dirs.file, JSON.stringify(createKvsSimulator().snapshot()));
    await expectRefused(dirs.file, dirs.file, /its first line is not a "cloudfront-kvs-mock\/state" header/);
  });

  it('refuses another format version, of the snapshot or of the journal', async () => {
    const { file, journal } = await written();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"version":1', '"version":2'));
    await expectRefused(file, file, /is of format version 2; this release of cloudfront-kvs-mock reads version 1 only/);
    writeFileSync(file, text);
    writeFileSync(journal, readFileSync(journal, 'utf8').replace('"version":1', '"version":"0.9"'));
    await expectRefused(file, journal, /is of format version "0.9"/);
  });

  it('refuses a truncated or corrupt snapshot', async () => {
    const { file } = await written();
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 20));
    await expectRefused(file, file, /is truncated: its snapshot should have \d+ bytes, it has \d+/);
    const flipped = Buffer.from(bytes);
    const at = bytes.indexOf('"seed"');
    flipped[at + 1] = 'S'.charCodeAt(0);
    writeFileSync(file, flipped);
    await expectRefused(file, file, /is corrupt: its snapshot does not match its checksum/);
    writeFileSync(file, Buffer.concat([bytes, Buffer.from('{}')]));
    await expectRefused(file, file, /has 2 bytes after its snapshot/);
  });

  it('refuses a journal with a damaged record before its last, a missing record, or no snapshot', async () => {
    const { file, journal } = await written(3);
    const lines = readFileSync(journal, 'utf8').split('\n');
    expect(lines).toHaveLength(5); // header, three records, and the end of the last line
    writeFileSync(journal, [lines[0], lines[1], lines[2]!.replace('"v1"', '"v9"'), lines[3], ''].join('\n'));
    await expectRefused(file, journal, /is corrupt at line 3: the record does not match its checksum, and intact records follow it/);
    writeFileSync(journal, [lines[0], lines[1], lines[3], ''].join('\n'));
    await expectRefused(file, journal, /record 2 is missing: line 3 holds record 3/);
    writeFileSync(journal, lines.join('\n'));
    const snapshot = readFileSync(file);
    rmSync(file); // a journal alone
    await expectRefused(file, journal, new RegExp(`is a journal without its snapshot ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    writeFileSync(file, snapshot);
  });

  it('refuses a state of another account than the simulator\'s, naming the file', async () => {
    const { file } = await written(1);
    const kvs = createKvsSimulator({ accountId: '210987654321' });
    await expect(openStateFile(file, kvs)).rejects.toThrow(new RegExp(`The state file .*state\\.json does not fit this simulator: The snapshot's default account is 123456789012, this simulator's is 210987654321`));
  });

  it('drops a torn last record (a crash mid-append, never acknowledged) and keeps every record before it', async () => {
    const { file, journal, kvs, arn } = await written(3);
    const lines = readFileSync(journal, 'utf8').split('\n');
    // A fourth write that never completed: half a line, then the zeros a crash can leave.
    appendFileSync(journal, lines[3]!.slice(0, 30));
    appendFileSync(journal, Buffer.alloc(64));
    const { kvs: again, state } = await reopen(file);
    open.push(state);
    expect(again.snapshot()).toEqual(kvs.snapshot());
    expect(again.getStore(arn)?.Items).toEqual({ k0: 'v0', k1: 'v1', k2: 'v2' });
    // Opening wrote a clean snapshot and journal: the torn bytes are gone.
    expect(readFileSync(journal, 'utf8')).toBe(`{"format":"cloudfront-kvs-mock/state-journal","version":1,"lsn":3}\n`);

    // A complete last line whose checksum fails (a sector that never reached the disk) is torn too.
    const dirs = await written(2);
    const last = readFileSync(dirs.journal, 'utf8').split('\n');
    writeFileSync(dirs.journal, [last[0], last[1], last[2]!.replace('"v1"', '"xx"'), ''].join('\n'));
    const { kvs: third, state: thirdState } = await reopen(dirs.file);
    open.push(thirdState);
    expect(third.getStore(dirs.arn)?.Items).toEqual({ k0: 'v0' });
  });

  it('refuses a state file path that is a directory, and bad arguments', async () => {
    const dirs = stateDir();
    cleanups.push(dirs.cleanup);
    await expect(openStateFile(dirs.dir, createKvsSimulator())).rejects.toThrow(/The state file .* cannot be read \(EISDIR/);
    await expect(openStateFile('', createKvsSimulator())).rejects.toThrow(KvsMockUsageError);
    await expect(openStateFile(dirs.file, createKvsSimulator(), { compactAfterBytes: 0 })).rejects.toThrow(/compactAfterBytes must be a whole number of bytes >= 1, got 0/);
    expect(existsSync(dirs.file)).toBe(false);
  });
});
