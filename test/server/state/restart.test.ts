import { afterEach, describe, expect, it } from '@jest/globals';
import { CreateFunctionCommand, CreateKeyValueStoreCommand, DeleteFunctionCommand, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import { PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { existsSync, readFileSync } from 'node:fs';
import { createKvsSimulator, manualClock, type KvsSimulator } from '../../../src';
import { openStateFile, type StateFile } from '../../../src/server/state';
import { durableClients, reopen, stateDir } from './durable';
import { answers, workload } from './workload';

let cleanup: (() => void) | undefined;
const open: StateFile[] = [];
afterEach(async () => {
  for (const state of open.splice(0)) await state.close().catch(() => undefined);
  cleanup?.();
});

// One clock for the simulators of a test and their restarts: the same call at the same time gets the same answer.
const clock = manualClock('2026-03-01T12:00:00Z');

/** A simulator with its state file at `file`, and clients that wait for it. */
async function started(file: string, seed = 'state') {
  clock.advance(1000);
  const kvs = createKvsSimulator({ seed, clock });
  const state = await openStateFile(file, kvs);
  open.push(state);
  return { kvs, state, clients: durableClients(kvs, () => state) };
}

async function restarted(file: string): Promise<{ kvs: KvsSimulator; state: StateFile; clients: ReturnType<typeof durableClients> }> {
  const { kvs, state } = await reopen(file, { clock });
  open.push(state);
  return { kvs, state, clients: durableClients(kvs, () => state) };
}

describe('a state file restores the simulator exactly', () => {
  it('creates the file from the simulator when there is none, and a restart finds its state', async () => {
    const dirs = stateDir();
    cleanup = dirs.cleanup;
    const kvs = createKvsSimulator({ seed: 'fresh', clock });
    kvs.seedStore({ name: 'seeded', items: { a: '1' } });
    const state = await openStateFile(dirs.file, kvs);
    open.push(state);
    expect(existsSync(dirs.file)).toBe(true);
    expect(readFileSync(`${dirs.file}.journal`, 'utf8')).toBe('{"format":"cloudfront-kvs-mock/state-journal","version":1,"lsn":0}\n');
    const { kvs: again } = await restarted(dirs.file);
    expect(again.snapshot()).toEqual(kvs.snapshot());
    expect(again.getStore('seeded')?.Items).toEqual({ a: '1' });
  });

  it('after every kind of write, without close() (as after a crash): the same snapshot, answers and next ids', async () => {
    const dirs = stateDir();
    cleanup = dirs.cleanup;
    const first = await started(dirs.file);
    const { alpha, beta } = await workload(first.kvs, first.clients, () => first.state);
    // Nothing flushed or compacted on purpose: only what afterWrite made durable.
    expect(first.state.stats().compactions).toBe(2); // at opening, and after the S3 object (afterAdmin)
    const second = await restarted(dirs.file);

    expect(second.kvs.snapshot()).toEqual(first.kvs.snapshot());
    expect(second.kvs.seed).toBe('state');
    const stores = [alpha, beta];
    expect(await answers(second.clients, stores)).toEqual(await answers(first.clients, stores));
    const [one, two] = await Promise.all(
      [first, second].map(async ({ clients }) => (await clients.control.send(new CreateKeyValueStoreCommand({ Name: 'next' }))).KeyValueStore),
    );
    expect(two).toEqual(one);
    expect(second.kvs.getFunction('gone')).toBeUndefined();
    expect(second.kvs.getStore('gamma')).toBeUndefined();
    expect(second.kvs.getStore(beta)?.Items).toMatchObject({ imported: 'from S3', second: '2' });
  });

  it('after close(), reopened twice: each restart continues where the last one stopped', async () => {
    const dirs = stateDir();
    cleanup = dirs.cleanup;
    const first = await started(dirs.file);
    await workload(first.kvs, first.clients, () => first.state);
    await first.state.close();
    expect(readFileSync(`${dirs.file}.journal`, 'utf8').split('\n').filter(Boolean)).toHaveLength(1); // compacted: the header only

    const second = await restarted(dirs.file);
    expect(second.kvs.snapshot()).toEqual(first.kvs.snapshot());
    await second.clients.control.send(new CreateKeyValueStoreCommand({ Name: 'later', Comment: 'after a restart' }));
    const third = await restarted(dirs.file);
    expect(third.kvs.snapshot()).toEqual(second.kvs.snapshot());
    const { KeyValueStoreList } = await third.clients.control.send(new ListKeyValueStoresCommand({}));
    expect(KeyValueStoreList?.Items?.map((s) => s.Name)).toEqual(['alpha', 'beta', 'c1', 'c2', 'later']);
  });

  it('keeps accounts the service met through a write, and afterAdmin keeps seeding, resets and loaded snapshots', async () => {
    const dirs = stateDir();
    cleanup = dirs.cleanup;
    const first = await started(dirs.file);
    const other = first.kvs.cloudFrontClient({}, { accountId: '210987654321' });
    const durableOther = durableClients(first.kvs, () => first.state).control;
    await other.send(new ListKeyValueStoresCommand({})); // a read: the account is known from now on
    await durableOther.send(new CreateKeyValueStoreCommand({ Name: 'mine' }));
    expect((await restarted(dirs.file)).kvs.snapshot()).toEqual(first.kvs.snapshot());

    first.kvs.seedStore({ name: 'seeded', items: { s: '1' } });
    first.kvs.seedFunction({ name: 'seeded-fn', code: 'function handler(e) { return e.request; }', publish: true });
    await first.state.afterAdmin();
    expect((await restarted(dirs.file)).kvs.snapshot()).toEqual(first.kvs.snapshot());

    const saved = first.kvs.snapshot();
    first.kvs.reset();
    await first.state.afterAdmin();
    expect(first.kvs.snapshot().stores).toEqual([]);
    expect((await restarted(dirs.file)).kvs.snapshot()).toEqual(first.kvs.snapshot());
    first.kvs.loadSnapshot(saved);
    await first.state.afterAdmin();
    expect((await restarted(dirs.file)).kvs.snapshot()).toEqual(saved);
  });

  it('restores the latest state when records are taken late and out of order (calls interleaving), from the call log\'s records', async () => {
    const dirs = stateDir();
    cleanup = dirs.cleanup;
    const kvs = createKvsSimulator({ seed: 'interleaved', clock });
    const arn = kvs.seedStore({ name: 's', items: { k: '0' } });
    const state = await openStateFile(dirs.file, kvs);
    open.push(state);
    const data = kvs.keyValueStoreClient();
    const control = kvs.cloudFrontClient();
    let etag = kvs.getStore(arn)!.ETag;
    for (const value of ['1', '2', '3']) etag = (await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: value, IfMatch: etag }))).ETag!;
    const code = new TextEncoder().encode('function handler(e) { return e.request; }');
    const created = await control.send(new CreateFunctionCommand({ Name: 'f', FunctionConfig: { Comment: 'one', Runtime: 'cloudfront-js-2.0' }, FunctionCode: code }));
    await control.send(new DeleteFunctionCommand({ Name: 'f', IfMatch: created.ETag! }));
    await control.send(new CreateFunctionCommand({ Name: 'f', FunctionConfig: { Comment: 'two', Runtime: 'cloudfront-js-1.0' }, FunctionCode: code }));
    // Every write is done before any record is taken, and they are handed over backwards.
    const writes = kvs.calls().filter((call) => call.output !== undefined);
    expect(writes.map((c) => c.operation)).toEqual(['PutKey', 'PutKey', 'PutKey', 'CreateFunction', 'DeleteFunction', 'CreateFunction']);
    await Promise.all(writes.reverse().map((call) => state.afterWrite(call)));
    const { kvs: again } = await reopen(dirs.file, { clock });
    expect(again.snapshot()).toEqual(kvs.snapshot());
    expect(again.getStore(arn)?.Items).toEqual({ k: '3' });
    expect(again.getFunction('f')?.DEVELOPMENT.Runtime).toBe('cloudfront-js-1.0');
  });

  it('ignores reads and failed calls: they add nothing to the journal', async () => {
    const dirs = stateDir();
    cleanup = dirs.cleanup;
    const first = await started(dirs.file);
    const arn = first.kvs.seedStore({ name: 'seeded' });
    await first.state.afterAdmin();
    const before = readFileSync(`${dirs.file}.journal`);
    await first.clients.control.send(new ListKeyValueStoresCommand({}));
    await expect(first.clients.control.send(new CreateKeyValueStoreCommand({ Name: 'seeded' }))).rejects.toMatchObject({ name: 'EntityAlreadyExists' });
    expect(readFileSync(`${dirs.file}.journal`)).toEqual(before);
    expect(first.kvs.getStore(arn)).toBeDefined();
  });
});
