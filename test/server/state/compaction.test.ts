import { afterEach, describe, expect, it } from '@jest/globals';
import { PutKeyCommand, UpdateKeysCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createKvsSimulator, KvsMockUsageError } from '../../../src';
import { openStateFile, type StateFile } from '../../../src/server/state';
import { durableClients, reopen, stateDir } from './durable';

const cleanups: Array<() => void> = [];
const open: StateFile[] = [];
afterEach(async () => {
  for (const state of open.splice(0)) await state.close().catch(() => undefined);
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function started(compactAfterBytes?: number, stores = 1) {
  const dirs = stateDir();
  cleanups.push(dirs.cleanup);
  const kvs = createKvsSimulator({ seed: 'compaction' });
  const arns = Array.from({ length: stores }, (_, i) => kvs.seedStore({ name: `s${i}`, items: { seeded: 'x' } }));
  const state = await openStateFile(dirs.file, kvs, compactAfterBytes === undefined ? {} : { compactAfterBytes });
  open.push(state);
  return { ...dirs, kvs, arns, state, ...durableClients(kvs, () => state), journal: `${dirs.file}.journal` };
}

/** Record numbers in the journal now. */
const recordsIn = (journal: string) =>
  readFileSync(journal, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => JSON.parse(line.slice(9)).n as number);

describe('the journal, its group commit and its compaction', () => {
  it('compacts once the journal passes the threshold (and twice the snapshot): bounded files, numbering carried on', async () => {
    const t = await started(4096);
    const arn = t.arns[0]!;
    let etag = t.kvs.getStore(arn)!.ETag;
    const sizes: number[] = [];
    for (let i = 0; i < 120; i++) {
      etag = (await t.data.send(new PutKeyCommand({ KvsARN: arn, Key: `key-${i % 40}`, Value: `value ${i}`, IfMatch: etag }))).ETag!;
      sizes.push(statSync(t.journal).size);
    }
    const { compactions, journalBytes, snapshotBytes } = t.state.stats();
    expect(compactions).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThan(Math.max(4096, 2 * snapshotBytes) + 400); // one record past the threshold at most
    expect(journalBytes).toBe(statSync(t.journal).size);
    // The journal after a compaction goes on from the snapshot's number.
    const header = JSON.parse(readFileSync(t.journal, 'utf8').split('\n')[0]!);
    const numbers = recordsIn(t.journal);
    expect(numbers[0]).toBe(header.lsn + 1);
    expect(numbers.at(-1)).toBe(120);
    const { kvs } = await reopen(t.file);
    expect(kvs.snapshot()).toEqual(t.kvs.snapshot());
  });

  it('a large state is compacted no more often than its journal doubles it', async () => {
    const t = await started(1024);
    const arn = t.arns[0]!;
    const items = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`bulk-${i}`, 'v'.repeat(100)]));
    t.kvs.seedStore({ name: 'big', items });
    await t.state.afterAdmin();
    const { snapshotBytes, compactions } = t.state.stats();
    expect(snapshotBytes).toBeGreaterThan(200_000);
    let etag = t.kvs.getStore(arn)!.ETag;
    for (let i = 0; i < 100; i++) etag = (await t.data.send(new PutKeyCommand({ KvsARN: arn, Key: `k${i}`, Value: 'v', IfMatch: etag }))).ETag!;
    expect(t.state.stats().compactions).toBe(compactions);
  });

  it('writes that arrive together share one fsync, and each resolves only once it is on disk', async () => {
    const t = await started(undefined, 32);
    const flushes = t.state.stats().flushes;
    const done = await Promise.all(
      t.arns.map(async (arn, i) => {
        await t.data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: t.kvs.getStore(arn)!.ETag, Puts: [{ Key: 'a', Value: String(i) }], Deletes: [{ Key: 'seeded' }] }));
        // Acknowledged: its record is in the file now.
        expect(readFileSync(t.journal, 'utf8')).toContain(`"arn":"${arn}"`);
        return i;
      }),
    );
    expect(done).toHaveLength(32);
    expect(t.state.stats().flushes - flushes).toBeLessThan(8);
    const { kvs } = await reopen(t.file);
    expect(kvs.snapshot()).toEqual(t.kvs.snapshot());
    expect(kvs.getStore('s31')?.Items).toEqual({ a: '31' });
  });

  it('writes during a compaction wait for it and land in the new journal', async () => {
    const t = await started(undefined, 8);
    const admin = t.state.afterAdmin();
    const writes = t.arns.map((arn, i) => t.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'during', Value: String(i), IfMatch: t.kvs.getStore(arn)!.ETag })));
    await Promise.all([admin, ...writes]);
    await Promise.all(t.arns.map((arn) => t.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'after', Value: 'x', IfMatch: t.kvs.getStore(arn)!.ETag }))));
    const { kvs } = await reopen(t.file);
    expect(kvs.snapshot()).toEqual(t.kvs.snapshot());
  });

  it('a crash between the new snapshot and the new journal: the old journal\'s records, already in the snapshot, are skipped', async () => {
    const t = await started();
    const arn = t.arns[0]!;
    let etag = t.kvs.getStore(arn)!.ETag;
    for (let i = 0; i < 5; i++) etag = (await t.data.send(new PutKeyCommand({ KvsARN: arn, Key: `k${i}`, Value: `v${i}`, IfMatch: etag }))).ETag!;
    const oldJournal = readFileSync(t.journal);
    await t.state.afterAdmin();
    writeFileSync(t.journal, oldJournal); // as if the journal's rename never happened
    const { kvs } = await reopen(t.file);
    expect(kvs.snapshot()).toEqual(t.kvs.snapshot());

    // The other way round (a journal newer than its snapshot) means the files are not one state.
    const t2 = await started();
    const oldSnapshot = readFileSync(t2.file);
    await t2.data.send(new PutKeyCommand({ KvsARN: t2.arns[0]!, Key: 'k', Value: 'v', IfMatch: t2.kvs.getStore(t2.arns[0]!)!.ETag }));
    await t2.state.afterAdmin();
    writeFileSync(t2.file, oldSnapshot);
    await expect(openStateFile(t2.file, createKvsSimulator())).rejects.toThrow(/state\.json\.journal follows a later snapshot \(of write 1\) than .* holds \(of write 0\)/);
  });

  it('close() flushes and compacts; a write after it is refused', async () => {
    const t = await started();
    const arn = t.arns[0]!;
    const pending = t.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'last', Value: 'v', IfMatch: t.kvs.getStore(arn)!.ETag }));
    await pending;
    await t.state.close();
    await t.state.close();
    expect(recordsIn(t.journal)).toEqual([]);
    const error = await t.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'late', Value: 'v', IfMatch: t.kvs.getStore(arn)!.ETag })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(KvsMockUsageError);
    expect((error as Error).message).toMatch(/state\.json is closed: a write after close\(\) is not kept/);
    const { kvs } = await reopen(t.file);
    expect(kvs.getStore(arn)?.Items).toEqual({ seeded: 'x', last: 'v' });
  });
});
