/**
 * End to end, the way a deploy script drives CloudFront KeyValueStore: create a store from an S3
 * import, wait until it is READY, read what was imported, push ~200 changes in 50-key UpdateKeys
 * batches with ETag retries (while someone else writes too), update the comment, delete.
 */
import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontClient,
  CreateKeyValueStoreCommand,
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand as DescribeStoreCommand,
  EntityNotFound,
  ListKeyValueStoresCommand,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DescribeKeyValueStoreCommand,
  PutKeyCommand,
  UpdateKeysCommand,
  ValidationException,
  paginateListKeys,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, manualClock } from '../../src';
import { rejection } from '../helpers/clients';

// ---- The deploy script under test: plain SDK code, written as it would be against AWS. ----

const BATCH = 50;

async function createFromImport(control: CloudFrontClient, name: string, sourceArn: string) {
  const out = await control.send(new CreateKeyValueStoreCommand({ Name: name, Comment: 'deploy v1', ImportSource: { SourceType: 'S3', SourceARN: sourceArn } }));
  return out.KeyValueStore!;
}

/** Polls the control plane until the store leaves PROVISIONING; an import failure is an error with its reason. */
async function waitUntilReady(control: CloudFrontClient, data: CloudFrontKeyValueStoreClient, name: string, sleep: (ms: number) => void) {
  let polls = 0;
  for (;;) {
    polls++;
    const { KeyValueStore } = await control.send(new DescribeStoreCommand({ Name: name }));
    if (KeyValueStore!.Status === 'READY') return polls;
    if (KeyValueStore!.Status === 'IMPORT_FAILURE') {
      const { FailureReason } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: KeyValueStore!.ARN! }));
      throw new Error(`import failed: ${FailureReason}`);
    }
    if (polls >= 60) throw new Error('timed out waiting for READY');
    sleep(5_000);
  }
}

async function readAll(data: CloudFrontKeyValueStoreClient, arn: string) {
  const pairs: Record<string, string> = {};
  for await (const page of paginateListKeys({ client: data, pageSize: 50 }, { KvsARN: arn })) {
    for (const { Key, Value } of page.Items ?? []) pairs[Key!] = Value!;
  }
  return pairs;
}

const isStaleETag = (e: unknown) => e instanceof ValidationException && e.message.includes('Pre-Condition failed');

/** Applies puts and deletes in batches of 50, re-reading the ETag and retrying a batch when another writer got in first. */
async function applyChanges(data: CloudFrontKeyValueStoreClient, arn: string, puts: Record<string, string>, deletes: string[]) {
  const ops = [...Object.entries(puts).map(([Key, Value]) => ({ put: { Key, Value } })), ...deletes.map((Key) => ({ del: { Key } }))];
  let { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
  let retries = 0;
  for (let i = 0; i < ops.length; i += BATCH) {
    const batch = ops.slice(i, i + BATCH);
    const Puts = batch.flatMap((op) => ('put' in op ? [op.put] : []));
    const Deletes = batch.flatMap((op) => ('del' in op ? [op.del] : []));
    for (let attempt = 1; ; attempt++) {
      try {
        ({ ETag } = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, ...(Puts.length ? { Puts } : {}), ...(Deletes.length ? { Deletes } : {}) })));
        break;
      } catch (error) {
        if (!isStaleETag(error) || attempt === 3) throw error;
        retries++;
        ({ ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })));
      }
    }
  }
  return retries;
}

async function setComment(control: CloudFrontClient, name: string, comment: string) {
  const { ETag } = await control.send(new DescribeStoreCommand({ Name: name }));
  return control.send(new UpdateKeyValueStoreCommand({ Name: name, Comment: comment, IfMatch: ETag }));
}

async function remove(control: CloudFrontClient, name: string) {
  const { ETag } = await control.send(new DescribeStoreCommand({ Name: name }));
  return control.send(new DeleteKeyValueStoreCommand({ Name: name, IfMatch: ETag }));
}

// ---- The test. ----

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const SOURCE = 'arn:aws:s3:::deploy-artifacts/kvs/redirects.json';
const pad = (n: number) => String(n).padStart(3, '0');

describe('a deploy script, end to end', () => {
  it('creates from an import, waits for READY, reads, batch-updates with retries, updates the comment and deletes', async () => {
    const clock = manualClock(T0);
    const kvs = createKvsSimulator({ seed: 'deploy', clock, provisioningDelayMs: 20_000 });
    const control = kvs.attach(new CloudFrontClient({}));
    const rival = kvs.attach(new CloudFrontKeyValueStoreClient({}));

    // Another writer (a second deploy, an operator) slips in one PutKey right before the third batch.
    const data = new CloudFrontKeyValueStoreClient({});
    let updateKeysSent = 0;
    data.middlewareStack.add(
      (next: (args: any) => Promise<any>, context: { commandName?: string }) => async (args: any) => {
        if (context.commandName === 'UpdateKeysCommand' && ++updateKeysSent === 3) {
          const { ETag } = await rival.send(new DescribeKeyValueStoreCommand({ KvsARN: args.input.KvsARN }));
          await rival.send(new PutKeyCommand({ KvsARN: args.input.KvsARN, Key: 'rival-key', Value: 'concurrent', IfMatch: ETag }));
        }
        return next(args);
      },
      { step: 'initialize', priority: 'high', name: 'concurrentWriter' },
    );
    kvs.attach(data);

    // The import file: 10 retired routes and 5 routes that the deploy will rewrite.
    const imported: Record<string, string> = {};
    for (let i = 0; i < 10; i++) imported[`old-${i}`] = `/retired/${i}`;
    for (let i = 0; i < 5; i++) imported[`route-${pad(i)}`] = `/v1/${i}`;
    kvs.putS3Object(SOURCE, { data: Object.entries(imported).map(([key, value]) => ({ key, value })) });

    // 1. Create: PROVISIONING, and the data plane is not serving yet.
    const store = await createFromImport(control, 'redirects', SOURCE);
    const arn = store.ARN!;
    expect(store).toMatchObject({ Name: 'redirects', Status: 'PROVISIONING', Comment: 'deploy v1' });
    expect(await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })))).toBeInstanceOf(ConflictException);

    // 2. Poll until READY: polls at +0, +5, +10, +15 s see PROVISIONING; +20 s sees READY.
    expect(await waitUntilReady(control, data, 'redirects', (ms) => void clock.advance(ms))).toBe(5);
    expect(clock()).toBe(T0 + 20_000);
    const controlETagBefore = (await control.send(new DescribeStoreCommand({ Name: 'redirects' }))).ETag;

    // 3. The imported pairs are all there.
    expect(await readAll(data, arn)).toEqual(imported);
    expect(await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).toMatchObject({ Status: 'READY', ItemCount: 15 });

    // 4. 200 puts + 10 deletes = 210 changes: batches of 50, 50, 50, 50, 10; the third is retried once.
    const desired: Record<string, string> = {};
    for (let i = 0; i < 200; i++) desired[`route-${pad(i)}`] = `/v2/${i}`;
    const retired = Object.keys(imported).filter((key) => key.startsWith('old-'));
    kvs.clearCalls();

    const retries = await applyChanges(data, arn, desired, retired);

    expect(retries).toBe(1);
    const updates = kvs.calls('UpdateKeys').filter((c) => c.clientName === 'CloudFrontKeyValueStoreClient');
    expect(updates.map((c) => (c.error ? 'stale' : 'ok'))).toEqual(['ok', 'ok', 'stale', 'ok', 'ok', 'ok']);
    expect(updates[2]!.error).toBeInstanceOf(ValidationException);
    expect(updates.map((c) => ((c.input as { Puts?: unknown[] }).Puts?.length ?? 0) + ((c.input as { Deletes?: unknown[] }).Deletes?.length ?? 0))).toEqual([
      50, 50, 50, 50, 50, 10,
    ]);
    const expected = { ...desired, 'rival-key': 'concurrent' };
    expect(await readAll(data, arn)).toEqual(expected);
    const afterBatches = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    const expectedSize = Object.entries(expected).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v) + 1, 0);
    expect(afterBatches).toMatchObject({ Status: 'READY', ItemCount: 201, TotalSizeInBytes: expectedSize });
    expect(kvs.getStore(arn)!.Items).toEqual(expected);
    // Key writes never touch the control-plane ETag (D8).
    expect((await control.send(new DescribeStoreCommand({ Name: 'redirects' }))).ETag).toBe(controlETagBefore);

    // 5. The comment, with the control-plane ETag: a new control ETag, the data ETag unchanged.
    clock.advance(1_000);
    const updated = await setComment(control, 'redirects', 'deploy v2: 200 routes');
    expect(updated.KeyValueStore).toMatchObject({ Comment: 'deploy v2: 200 routes', Status: 'READY', LastModifiedTime: new Date(T0 + 21_000) });
    expect(updated.ETag).not.toBe(controlETagBefore);
    expect((await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).ETag).toBe(afterBatches.ETag);

    // 6. Delete: gone from the control plane, in conflict on the data plane.
    const deleted = await remove(control, 'redirects');
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(await rejection(control.send(new DescribeStoreCommand({ Name: 'redirects' })))).toBeInstanceOf(EntityNotFound);
    expect((await control.send(new ListKeyValueStoresCommand({}))).KeyValueStoreList!.Quantity).toBe(0);
    const gone = await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })));
    expect(gone).toBeInstanceOf(ConflictException);
    expect(gone.message).toContain('Key-Value-Store was not in expected state');
    expect(kvs.getStore(arn)).toBeUndefined();
  });

  it('stops with the FailureReason when the import fails', async () => {
    const clock = manualClock(T0);
    const kvs = createKvsSimulator({ seed: 'deploy-failure', clock, provisioningDelayMs: 20_000 });
    const control = kvs.attach(new CloudFrontClient({}));
    const data = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    kvs.putS3Object(SOURCE, { data: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] });

    await createFromImport(control, 'redirects', SOURCE);
    await expect(waitUntilReady(control, data, 'redirects', (ms) => void clock.advance(ms))).rejects.toThrow(
      'import failed: Item 1 of "data" repeats the key "a": keys must be unique',
    );
  });
});
