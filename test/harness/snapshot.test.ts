import { describe, expect, it } from '@jest/globals';
import {
  CreateKeyValueStoreCommand,
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand as DescribeControlCommand,
  ListKeyValueStoresCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
} from '@aws-sdk/client-cloudfront';
import { ConflictException, DescribeKeyValueStoreCommand, GetKeyCommand, ListKeysCommand, PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, KvsMockUsageError, manualClock, type KvsSimulator, type KvsSnapshot } from '../../src';
import { rejection } from '../helpers/clients';

const OTHER_ACCOUNT = '210987654321';

/** A simulator with a bit of everything: two accounts, tags, a deleted store, a failed import, a provisioning store, S3 objects. */
async function busySimulator(): Promise<{ kvs: KvsSimulator; clock: ReturnType<typeof manualClock>; redirects: string; token: string }> {
  const clock = manualClock('2024-01-01T00:00:00Z');
  const kvs = createKvsSimulator({ seed: 'snapshots', clock, provisioningDelayMs: 60_000 });
  const data = kvs.keyValueStoreClient();
  const cf = kvs.cloudFrontClient();
  const other = kvs.cloudFrontClient({}, { accountId: OTHER_ACCOUNT });

  const redirects = kvs.seedStore({ name: 'redirects', comment: 'old to new', items: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`/k${String(i).padStart(2, '0')}`, `v${i}`])) });
  clock.advance(1000);
  const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: redirects }));
  await data.send(new PutKeyCommand({ KvsARN: redirects, Key: 'é/ünïcode', Value: '✓', IfMatch: ETag }));
  await cf.send(new TagResourceCommand({ Resource: redirects, Tags: { Items: [{ Key: 'team', Value: 'edge' }, { Key: '42', Value: 'numeric key' }] } }));

  kvs.putS3Object('s3://bucket/import.json', { data: [{ key: 'imported', value: 'yes' }] });
  kvs.putS3Object('arn:aws:s3:::bucket/binary.bin', new Uint8Array([0xff, 0x00, 0xfe]));
  await cf.send(new CreateKeyValueStoreCommand({ Name: 'from-s3', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/import.json' } }));
  await cf.send(new CreateKeyValueStoreCommand({ Name: 'broken', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/missing.json' } }));
  clock.advance(60_000);
  const doomed = await cf.send(new CreateKeyValueStoreCommand({ Name: 'doomed' }));
  clock.advance(60_000);
  await cf.send(new DeleteKeyValueStoreCommand({ Name: 'doomed', IfMatch: doomed.ETag }));
  await other.send(new CreateKeyValueStoreCommand({ Name: 'elsewhere', Comment: 'another account' })); // still PROVISIONING

  const page = await data.send(new ListKeysCommand({ KvsARN: redirects, MaxResults: 10 }));
  return { kvs, clock, redirects, token: page.NextToken! };
}

describe('snapshot()', () => {
  it('is plain JSON of the whole simulator: stores with metadata, keys in the S3 import format, S3 objects', async () => {
    const { kvs, redirects } = await busySimulator();
    const snapshot = kvs.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot).toMatchObject({ format: 'cloudfront-kvs-mock/snapshot', version: 1, accountId: '123456789012', seed: 'snapshots', accounts: ['123456789012', OTHER_ACCOUNT] });
    expect(snapshot.stores.map((s) => [s.name, s.status, s.deleted])).toEqual([
      ['redirects', 'READY', false],
      ['from-s3', 'READY', false],
      ['broken', 'IMPORT_FAILURE', false],
      ['doomed', 'READY', true],
      ['elsewhere', 'PROVISIONING', false],
    ]);
    const store = snapshot.stores[0]!;
    const state = kvs.getStore(redirects)!;
    expect(store).toMatchObject({
      id: state.Id,
      arn: redirects,
      accountId: '123456789012',
      comment: 'old to new',
      etag: state.ETag,
      controlEtag: state.ControlETag,
      created: Date.parse('2024-01-01T00:00:00Z'),
      lastModified: Date.parse('2024-01-01T00:00:01Z'),
      tags: [{ key: 'team', value: 'edge' }, { key: '42', value: 'numeric key' }],
    });
    expect(store.keys.data).toHaveLength(26);
    expect(store.keys.data[0]).toEqual({ key: '/k00', value: 'v0' });
    expect(snapshot.stores[2]?.failureReason).toMatch(/missing\.json/);
    expect(snapshot.s3Objects).toEqual([
      { location: 's3://bucket/import.json', text: '{"data":[{"key":"imported","value":"yes"}]}' },
      { location: 's3://bucket/binary.bin', base64: '/wD+' },
    ]);
  });

  it('round-trips: a simulator created from it snapshots deep-equal, from the object and from its JSON text', async () => {
    const { kvs, clock } = await busySimulator();
    const snapshot = kvs.snapshot();
    expect(createKvsSimulator({ snapshot, clock }).snapshot()).toEqual(snapshot);
    expect(createKvsSimulator({ snapshot: JSON.stringify(snapshot), clock }).snapshot()).toEqual(snapshot);
  });

  it('a loaded simulator behaves the same: ETags, ids, keys, page tokens, markers, deleted and provisioning stores', async () => {
    const { kvs, clock, redirects, token } = await busySimulator();
    const copy = createKvsSimulator({ snapshot: kvs.snapshot(), clock });
    const [a, b] = [kvs, copy].map((sim) => ({ data: sim.keyValueStoreClient(), cf: sim.cloudFrontClient() }));

    for (const { data, cf } of [a!, b!]) {
      expect((await data.send(new GetKeyCommand({ KvsARN: redirects, Key: 'é/ünïcode' }))).Value).toBe('✓');
      const page = await data.send(new ListKeysCommand({ KvsARN: redirects, NextToken: token, MaxResults: 10 }));
      expect(page.Items?.[0]?.Key).toBe('/k10');
      const stores = await cf.send(new ListKeyValueStoresCommand({ MaxItems: 2 }));
      expect(stores.KeyValueStoreList?.Items?.map((s) => s.Name)).toEqual(['redirects', 'from-s3']);
      const next = await cf.send(new ListKeyValueStoresCommand({ Marker: stores.KeyValueStoreList!.NextMarker }));
      expect(next.KeyValueStoreList?.Items?.map((s) => [s.Name, s.Status])).toEqual([['broken', 'IMPORT_FAILURE']]);
      const tags = await cf.send(new ListTagsForResourceCommand({ Resource: redirects }));
      expect(tags.Tags?.Items).toEqual([{ Key: 'team', Value: 'edge' }, { Key: '42', Value: 'numeric key' }]);
    }
    const doomed = kvs.snapshot().stores.find((s) => s.name === 'doomed')!.arn;
    for (const sim of [kvs, copy]) {
      const error = await rejection(sim.keyValueStoreClient().send(new GetKeyCommand({ KvsARN: doomed, Key: 'k' })));
      expect(error).toBeInstanceOf(ConflictException);
    }
    // What comes next is the same on both: the next ETag, the next store's id.
    const outcomes = [];
    for (const { data, cf } of [a!, b!]) {
      const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: redirects }));
      const put = await data.send(new PutKeyCommand({ KvsARN: redirects, Key: 'new', Value: 'x', IfMatch: ETag }));
      const created = await cf.send(new CreateKeyValueStoreCommand({ Name: 'next' }));
      outcomes.push([ETag, put.ETag, created.KeyValueStore?.ARN, created.ETag, created.$metadata.requestId]);
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    // The provisioning delay came with the snapshot: the store created in the other account is READY a minute later.
    clock.advance(59_999);
    const status = async (sim: KvsSimulator) => (await sim.cloudFrontClient({}, { accountId: OTHER_ACCOUNT }).send(new DescribeControlCommand({ Name: 'elsewhere' }))).KeyValueStore?.Status;
    expect([await status(kvs), await status(copy)]).toEqual(['PROVISIONING', 'PROVISIONING']);
    clock.advance(1);
    expect([await status(kvs), await status(copy)]).toEqual(['READY', 'READY']);
    expect(copy.snapshot()).toEqual(kvs.snapshot());
  });

  it('loadSnapshot() rewinds a simulator to the snapshot and keeps its clients attached', async () => {
    const kvs = createKvsSimulator({ seed: 'rewind' });
    const data = kvs.keyValueStoreClient();
    const arn = kvs.seedStore({ items: { k: 'before' } });
    const saved = kvs.snapshot();
    const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'after', IfMatch: ETag }));
    kvs.seedStore({ name: 'later' });

    kvs.loadSnapshot(saved);
    expect(kvs.snapshot()).toEqual(saved);
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('before');
    expect(kvs.getStore('later')).toBeUndefined();
    expect(kvs.calls()).toHaveLength(3); // the log is not part of the state
  });

  it('reset() returns a simulator created from a snapshot to that snapshot', async () => {
    const source = createKvsSimulator({ seed: 'fixture' });
    const arn = source.seedStore({ name: 'fixture', items: { k: 'v' } });
    const snapshot = source.snapshot();
    const kvs = createKvsSimulator({ snapshot });
    kvs.seedStore({ name: 'scratch' });
    kvs.reset();
    expect(kvs.snapshot()).toEqual(snapshot);
    expect(kvs.getStore(arn)?.Items).toEqual({ k: 'v' });
    expect(kvs.seed).toBe('fixture');

    // The simulator keeps its own copy: changing the caller's object later changes nothing.
    snapshot.stores[0]!.keys.data[0]!.value = 'changed';
    kvs.reset();
    expect(kvs.getStore(arn)?.Items).toEqual({ k: 'v' });
  });

  it('keeps seeded store names counting from where they were', () => {
    const source = createKvsSimulator();
    source.seedStore();
    const kvs = createKvsSimulator({ snapshot: source.snapshot() });
    kvs.seedStore();
    expect(kvs.snapshot().stores.map((s) => s.name)).toEqual(['seeded-store-1', 'seeded-store-2']);
  });

  it("gives each store's keys as an S3 import file that seedStore and CreateKeyValueStore read back", async () => {
    const { kvs, redirects } = await busySimulator();
    const keys = kvs.snapshot().stores[0]!.keys;
    const target = createKvsSimulator();
    const seeded = target.seedStore({ importFile: JSON.stringify(keys) });
    expect(target.getStore(seeded)?.Items).toEqual(kvs.getStore(redirects)?.Items);
    target.putS3Object('s3://b/keys.json', keys);
    await target.cloudFrontClient().send(new CreateKeyValueStoreCommand({ Name: 'imported', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::b/keys.json' } }));
    expect(target.getStore('imported')?.Items).toEqual(kvs.getStore(redirects)?.Items);
  });
});

describe('loading a bad snapshot', () => {
  const good = (): KvsSnapshot => {
    const kvs = createKvsSimulator({ seed: 'good' });
    kvs.seedStore({ name: 'store', items: { k: 'v' } });
    kvs.putS3Object('s3://b/k', 'text');
    return kvs.snapshot();
  };
  const cases: Array<[string, (s: any) => unknown, RegExp]> = [
    ['not an object', () => 42, /snapshot must be an object/],
    ['not a snapshot', (s) => ({ ...s, format: 'other' }), /snapshot\.format must be "cloudfront-kvs-mock\/snapshot"/],
    ['a future version', (s) => ({ ...s, version: 2 }), /snapshot\.version must be 1/],
    ['a bad account id', (s) => ({ ...s, accountId: '1' }), /snapshot\.accountId must be 12 digits/],
    ['no seed', (s) => ({ ...s, seed: undefined }), /snapshot\.seed must be a string/],
    ['a bad quota', (s) => (s.config.quotas.keySizeBytes = 0, s), /snapshot\.config\.quotas\.keySizeBytes must be a whole number >= 1/],
    ['a bad generator', (s) => ({ ...s, generator: { ...s.generator, random: [1, 2, 3] } }), /snapshot\.generator\.random must be four unsigned 32-bit integers/],
    ['accounts without the default', (s) => ({ ...s, accounts: [] }), /snapshot\.accounts must include the default account/],
    ['a store ETag that is not a string', (s) => (s.stores[0].etag = 7, s), /snapshot\.stores\[0\]\.etag must be a string/],
    ['an ARN that does not match the id', (s) => (s.stores[0].arn += 'x', s), /snapshot\.stores\[0\]\.arn must be arn:aws:cloudfront::123456789012:key-value-store\//],
    ['a store of an unknown account', (s) => (s.stores[0].accountId = '999999999999', s), /snapshot\.stores\[0\]\.accountId must be one of the snapshot's accounts/],
    ['a bad name', (s) => (s.stores[0].name = 'no spaces', s), /snapshot\.stores\[0\]\.name must match/],
    ['two live stores with one name', (s) => (s.stores.push({ ...s.stores[0], id: 'other', arn: s.stores[0].arn.replace(s.stores[0].id, 'other') }), s), /snapshot\.stores\[1\]\.name repeats the name of another live store/],
    ['a bad time', (s) => (s.stores[0].created = '2024-01-01', s), /snapshot\.stores\[0\]\.created must be a time in epoch milliseconds/],
    ['keys that are not an import file', (s) => (s.stores[0].keys = { k: 'v' }, s), /snapshot\.stores\[0\]\.keys must be an import file/],
    ['a repeated key', (s) => (s.stores[0].keys.data.push({ key: 'k', value: 'again' }), s), /snapshot\.stores\[0\]\.keys does not fit this simulator: Item 1 of "data" repeats the key "k"/],
    ['a bad status', (s) => (s.stores[0].status = 'DELETED', s), /snapshot\.stores\[0\]\.status must be one of PROVISIONING, READY, IMPORT_FAILURE/],
    ['an S3 object with no body', (s) => (delete s.s3Objects[0].text, s), /snapshot\.s3Objects\[0\] must have either text or base64/],
    ['an S3 object at a bad location', (s) => (s.s3Objects[0].location = 'bucket/key', s), /snapshot\.s3Objects\[0\]\.location must be s3:\/\/bucket\/key/],
  ];

  it.each(cases)('%s is a usage error that says what is wrong', (_name, corrupt, message) => {
    const snapshot = corrupt(good());
    expect(() => createKvsSimulator({ snapshot: snapshot as KvsSnapshot })).toThrow(KvsMockUsageError);
    expect(() => createKvsSimulator({ snapshot: snapshot as KvsSnapshot })).toThrow(message);
    const kvs = createKvsSimulator({ seed: 'untouched' });
    const before = kvs.snapshot();
    expect(() => kvs.loadSnapshot(snapshot as KvsSnapshot)).toThrow(KvsMockUsageError);
    expect(kvs.snapshot()).toEqual(before);
  });

  it('text that is not JSON is a usage error', () => {
    expect(() => createKvsSimulator().loadSnapshot('{"format":')).toThrow(/The snapshot cannot be loaded: its text is not JSON/);
  });

  it('a snapshot of another default account loads only into a simulator created from it', () => {
    const snapshot = createKvsSimulator({ accountId: OTHER_ACCOUNT }).snapshot();
    expect(() => createKvsSimulator().loadSnapshot(snapshot)).toThrow(/default account is 210987654321, this simulator's is 123456789012/);
    expect(() => createKvsSimulator({ snapshot, accountId: '123456789012' })).toThrow(KvsMockUsageError);
    expect(createKvsSimulator({ snapshot }).accountId).toBe(OTHER_ACCOUNT);
  });

  it('a seed option that contradicts the snapshot is a usage error', () => {
    const snapshot = createKvsSimulator({ seed: 'a' }).snapshot();
    expect(() => createKvsSimulator({ snapshot, seed: 'b' })).toThrow(/the snapshot fixes the seed/);
    expect(createKvsSimulator({ snapshot, seed: 'a' }).seed).toBe('a');
  });

  it('carries the quotas: a store over the loading simulator quotas says to use the same quotas', () => {
    const source = createKvsSimulator({ quotas: { valueSizeBytes: 2000 } });
    source.seedStore({ items: { big: 'x'.repeat(1500) } });
    const snapshot = source.snapshot();
    expect(createKvsSimulator({ snapshot }).snapshot().config.quotas.valueSizeBytes).toBe(2000);
    expect(() => createKvsSimulator({ snapshot, quotas: { valueSizeBytes: 1024 } })).toThrow(/the limit is 1024 bytes \(load it into a simulator with the same quotas\)/);
    expect(() => createKvsSimulator().loadSnapshot(snapshot)).toThrow(/the limit is 1024 bytes/);
  });
});

describe('seedStore({ importFile })', () => {
  it('reads the S3 import file format from text or bytes', () => {
    const kvs = createKvsSimulator();
    const file = JSON.stringify({ data: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
    expect(kvs.getStore(kvs.seedStore({ importFile: file }))?.Items).toEqual({ a: '1', b: '2' });
    expect(kvs.getStore(kvs.seedStore({ importFile: new TextEncoder().encode(file) }))?.Items).toEqual({ a: '1', b: '2' });
  });

  it('says what is wrong with a bad file, and takes items or importFile, not both', () => {
    const kvs = createKvsSimulator();
    expect(() => kvs.seedStore({ importFile: '{"items":[]}' })).toThrow(/the import file cannot be loaded\. .*"data"/);
    expect(() => kvs.seedStore({ importFile: '{"data":[]}', items: {} })).toThrow(/give items or importFile, not both/);
    expect(() => kvs.seedStore({ importFile: 42 as never })).toThrow(KvsMockUsageError);
    expect(kvs.snapshot().stores).toEqual([]);
  });
});
