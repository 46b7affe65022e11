import { describe, expect, it } from '@jest/globals';
import { CloudFrontClient, DeleteKeyValueStoreCommand, DescribeKeyValueStoreCommand as DescribeControlCommand } from '@aws-sdk/client-cloudfront';
import {
  CloudFrontKeyValueStoreClient,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, DEFAULT_QUOTAS, KvsMockUsageError, manualClock, type KvsSimulator } from '../../src';
import { rejection, setup } from '../helpers/clients';
import { expectServiceError } from './fixtures';

/** The KvsMockUsageError a call throws (fails when it throws anything else or nothing). */
function usageError(fn: () => unknown): KvsMockUsageError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(KvsMockUsageError);
  const error = thrown as KvsMockUsageError;
  expect(error.name).toBe('KvsMockUsageError');
  expect(error.message).toMatch(/^\[cloudfront-kvs-mock\] /);
  return error;
}

describe('createKvsSimulator(options) misuse: KvsMockUsageError that says what to do', () => {
  it.each([
    ['an unknown option', { acountId: '123456789012' }, /unknown option "acountId"\. Known options: accountId, clock, seed, quotas, provisioningDelayMs, onUnhandled/],
    ['options that are not an object', 'fast', /createKvsSimulator\(options\) must be an object/],
    ['an accountId that is not 12 digits', { accountId: '12345' }, /accountId must be 12 digits, got "12345"/],
    ['a clock that is not a function', { clock: 1700000000000 }, /clock must be a function returning epoch milliseconds or a Date, e\.g\. manualClock\(\)/],
    ['a seed that is an object', { seed: { value: 1 } }, /seed must be a string or a number/],
    ['a negative provisioning delay', { provisioningDelayMs: -1 }, /provisioningDelayMs must be a number of milliseconds >= 0, got -1/],
    ['an infinite provisioning delay', { provisioningDelayMs: Infinity }, /provisioningDelayMs must be a number of milliseconds >= 0, got Infinity/],
    ['an unknown onUnhandled policy', { onUnhandled: 'ignore' }, /onUnhandled must be 'throw', 'passthrough' or a function, got "ignore"/],
    ['an unknown quota', { quotas: { keysPerBatch: 10 } }, /unknown option "keysPerBatch"\. Known options: keyValueStoresPerAccount, storeSizeBytes, keySizeBytes, valueSizeBytes, keysPerUpdate, updatePayloadBytes, importFileSizeBytes/],
    ['quotas that are not an object', { quotas: 5 }, /quotas.*must be an object/],
    ['a quota of 0', { quotas: { storeSizeBytes: 0 } }, /storeSizeBytes must be a whole number >= 1, got 0/],
    ['a fractional quota', { quotas: { keysPerUpdate: 1.5 } }, /keysPerUpdate must be a whole number >= 1, got 1\.5/],
    ['a negative quota', { quotas: { keySizeBytes: -512 } }, /keySizeBytes must be a whole number >= 1, got -512/],
    ['a quota given as a string', { quotas: { valueSizeBytes: '1024' } }, /valueSizeBytes must be a whole number >= 1, got 1024/],
    ['a quota of NaN', { quotas: { storeSizeBytes: NaN } }, /storeSizeBytes must be a whole number >= 1, got NaN/],
  ])('%s', (_, options, message) => {
    expect(usageError(() => createKvsSimulator(options as never)).message).toMatch(message);
  });

  it('refuses a numeric accountId: 12 digits as a number would name another account', () => {
    expect(usageError(() => createKvsSimulator({ accountId: 123456789012 as never })).message).toMatch(/accountId must be 12 digits, got 123456789012/);
    const kvs = createKvsSimulator();
    expect(usageError(() => kvs.seedStore({ accountId: 210987654321 as never })).message).toMatch(/seedStore\(\): accountId must be 12 digits/);
  });

  it('accepts every documented option', () => {
    const kvs = createKvsSimulator({
      accountId: '210987654321',
      clock: manualClock(0),
      seed: 7,
      quotas: { ...DEFAULT_QUOTAS },
      provisioningDelayMs: 0,
      onUnhandled: 'throw',
    });
    expect(kvs.accountId).toBe('210987654321');
    expect(kvs.seed).toBe('7');
    expect(kvs.seedStore()).toMatch(/^arn:aws:cloudfront::210987654321:key-value-store\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('quotas option', () => {
  it('changes the limits the data plane enforces', async () => {
    const { kvs, data } = setup({ quotas: { keySizeBytes: 4, valueSizeBytes: 3, keysPerUpdate: 2 } });
    const arn = kvs.seedStore();
    const IfMatch = kvs.getStore(arn)!.ETag;
    expectServiceError(await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'abcde', Value: 'v', IfMatch }))), ServiceQuotaExceededException, 'a key may be at most 4 bytes');
    expectServiceError(await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'abcd', Value: 'vvvv', IfMatch }))), ServiceQuotaExceededException, 'a value may be at most 3 bytes');
    expectServiceError(
      await rejection(data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch, Puts: [{ Key: 'a', Value: '' }, { Key: 'b', Value: '' }, { Key: 'c', Value: '' }] }))),
      ServiceQuotaExceededException,
      'at most 2',
    );
    await expect(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'abcd', Value: 'vvv', IfMatch }))).resolves.toMatchObject({ TotalSizeInBytes: 8 });
  });

  it('applies to seeded stores too', () => {
    const kvs = createKvsSimulator({ quotas: { storeSizeBytes: 10 } });
    expect(kvs.seedStore({ items: { key: 'value' } })).toEqual(expect.any(String)); // 3 + 5 + 1 = 9
    expect(usageError(() => kvs.seedStore({ items: { key: 'value', x: '' } })).message).toMatch(/the pairs total 11 bytes, the store limit is 10 bytes/);
  });
});

describe('seedStore(options)', () => {
  it('creates a READY store with the pairs, in either item format, and returns its ARN', async () => {
    const { kvs, data } = setup();
    const a = kvs.seedStore({ name: 'objects', comment: 'seeded', items: { key1: 'value1' } });
    const b = kvs.seedStore({ items: [{ key: 'key1', value: 'value1' }] });
    for (const arn of [a, b]) {
      await expect(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'key1' }))).resolves.toMatchObject({ Value: 'value1', ItemCount: 1, TotalSizeInBytes: 11 });
    }
    expect(kvs.getStore(a)).toMatchObject({ Name: 'objects', Comment: 'seeded', Status: 'READY' });
    expect(kvs.getStore(b)).toMatchObject({ Name: 'seeded-store-1', Comment: '' });
  });

  it('names unnamed stores seeded-store-1, -2, … skipping names in use', () => {
    const kvs = createKvsSimulator();
    kvs.seedStore({ name: 'seeded-store-2' });
    kvs.seedStore();
    kvs.seedStore();
    expect(kvs.getStore('seeded-store-1')).toBeDefined();
    expect(kvs.getStore('seeded-store-3')).toBeDefined();
  });

  it.each([
    ['duplicate keys', { items: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }, /Item 1 of "data" repeats the key "a": keys must be unique/],
    ['a key over 512 bytes', { items: { ['é'.repeat(257)]: 'v' } }, /the key is 514 bytes, the limit is 512 bytes/],
    ['a key of 1025 characters', { items: { ['k'.repeat(1025)]: 'v' } }, /the key is 1025 bytes, the limit is 512 bytes/],
    ['a value over 1024 bytes', { items: { k: 'v'.repeat(1025) } }, /the value of key "k" is 1025 bytes, the limit is 1024 bytes/],
    ['an empty key', { items: { '': 'v' } }, /Item 0 of "data" has an empty key/],
    ['a lone surrogate', { items: { k: '\ud800' } }, /lone surrogate/],
    ['a value that is not a string', { items: { k: 1 } }, /"value" must be a string/],
    ['an item without a key', { items: [{ value: 'v' }] }, /has no "key"/],
    ['an item that is not an object', { items: ['k=v'] }, /Item 0 of "data" must be an object/],
    ['items that are a string', { items: 'k=v' }, /items must be an object of key to value or an array of \{ key, value \}/],
    ['items that are null', { items: null }, /items must be an object of key to value or an array of \{ key, value \}/],
    ['an unknown option', { itmes: {} }, /seedStore\(options\): unknown option "itmes"/],
    ['a bad name', { name: 'my store!' }, /name must match/],
    ['a name longer than 64 characters', { name: 'n'.repeat(65) }, /name must match/],
    ['a bad accountId', { accountId: 'acct' }, /seedStore\(\): accountId must be 12 digits, got "acct"/],
    ['a comment over 128 characters', { comment: 'c'.repeat(129) }, /comment must be a string of at most 128 characters/],
  ])('refuses %s with KvsMockUsageError, creating nothing', (_, options, message) => {
    const kvs = createKvsSimulator();
    expect(usageError(() => kvs.seedStore(options as never)).message).toMatch(message);
    expect(kvs.getStore('seeded-store-1')).toBeUndefined();
    expect(kvs.getStore('my store!')).toBeUndefined();
  });

  it('refuses a name already in use in the account, and says how to go on', () => {
    const kvs = createKvsSimulator();
    const arn = kvs.seedStore({ name: 'taken', items: { a: '1' } });
    expect(usageError(() => kvs.seedStore({ name: 'taken' })).message).toMatch(/a store named "taken" already exists in account 123456789012; choose another name or call reset\(\) first/);
    expect(kvs.getStore('taken')!.ARN).toBe(arn);
    expect(kvs.getStore('taken')!.Items).toEqual({ a: '1' });
    // Another account may use the name.
    expect(kvs.seedStore({ name: 'taken', accountId: '111111111111' })).toMatch(/^arn:aws:cloudfront::111111111111:/);
  });

  it('takes keys and values at their exact limits', () => {
    const kvs = createKvsSimulator();
    const arn = kvs.seedStore({ items: { ['é'.repeat(256)]: '😀'.repeat(256) } });
    expect(kvs.getStore(arn)!.TotalSizeInBytes).toBe(512 + 1024 + 1);
  });
});

describe('getStore(arnOrName, accountId?)', () => {
  it('finds a store by ARN or by name, in the default account or another', () => {
    const kvs = createKvsSimulator();
    const arn = kvs.seedStore({ name: 'mine', items: { a: '1' } });
    const other = kvs.seedStore({ name: 'theirs', accountId: '111111111111' });
    expect(kvs.getStore(arn)!.Name).toBe('mine');
    expect(kvs.getStore('mine')!.ARN).toBe(arn);
    expect(kvs.getStore('theirs')).toBeUndefined();
    expect(kvs.getStore('theirs', '111111111111')!.ARN).toBe(other);
    expect(kvs.getStore(other)!.AccountId).toBe('111111111111');
    expect(kvs.getStore('nope')).toBeUndefined();
  });

  it('describes the store as plain data', () => {
    const clock = manualClock(Date.parse('2024-01-01T00:00:00Z'));
    const kvs = createKvsSimulator({ clock });
    const arn = kvs.seedStore({ name: 'plain', comment: 'c', items: { b: '2', a: '1' } });
    expect(kvs.getStore(arn)).toEqual({
      Name: 'plain',
      Id: arn.split('/')[1],
      ARN: arn,
      AccountId: '123456789012',
      Comment: 'c',
      Status: 'READY',
      ETag: expect.stringMatching(/^KV[0-9A-Z]{13}$/),
      ControlETag: expect.stringMatching(/^E[0-9A-Z]{12,13}$/),
      ItemCount: 2,
      TotalSizeInBytes: 6,
      Created: new Date('2024-01-01T00:00:00Z'),
      LastModified: new Date('2024-01-01T00:00:00Z'),
      Items: { a: '1', b: '2' },
      Tags: {},
    });
    expect(Object.keys(kvs.getStore(arn)!.Items)).toEqual(['a', 'b']);
  });

  it('returns a copy: changing it changes nothing', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const copy = kvs.getStore(arn)!;
    copy.Items['b'] = '2';
    copy.Items['a'] = 'changed';
    copy.ETag = 'KV000000000000X';
    copy.Created.setTime(0);
    expect(kvs.getStore(arn)!.Items).toEqual({ a: '1' });
    expect(kvs.getStore(arn)!.Created.getTime()).not.toBe(0);
    await expect(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).resolves.toMatchObject({ Value: '1', ItemCount: 1 });
  });

  it('is undefined for a store deleted through the control plane', async () => {
    const { kvs, control } = setup();
    const arn = kvs.seedStore({ name: 'gone' });
    const { ETag } = await control.send(new DescribeControlCommand({ Name: 'gone' }));
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'gone', IfMatch: ETag }));
    expect(kvs.getStore(arn)).toBeUndefined();
    expect(kvs.getStore('gone')).toBeUndefined();
  });
});

describe('attach and detach', () => {
  it('attach returns the very client, which then needs no region and no credentials', async () => {
    const kvs = createKvsSimulator();
    const client = new CloudFrontKeyValueStoreClient({});
    expect(kvs.attach(client)).toBe(client);
    const arn = kvs.seedStore();
    await expect(client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).resolves.toMatchObject({ KvsARN: arn });
  });

  it('attach refuses what is not an SDK client', () => {
    const kvs = createKvsSimulator();
    for (const bad of [undefined, null, {}, 'client', { middlewareStack: {} }]) {
      expect(usageError(() => kvs.attach(bad as never)).message).toMatch(/attach\(client\) takes an SDK v3 client instance/);
    }
  });

  it('attach refuses an unknown option or a bad accountId', () => {
    const kvs = createKvsSimulator();
    expect(usageError(() => kvs.attach(new CloudFrontClient({}), { account: '1' } as never)).message).toMatch(/unknown option "account"/);
    expect(usageError(() => kvs.attach(new CloudFrontClient({}), { accountId: '1' })).message).toMatch(/accountId must be 12 digits, got "1"/);
  });

  it('detach returns the client to the bare SDK (no region: the SDK own error), and says whether it was attached', async () => {
    const kvs = createKvsSimulator();
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = kvs.seedStore();
    await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(kvs.detach(client)).toBe(true);
    expect(kvs.detach(client)).toBe(false);
    expect(kvs.detach(new CloudFrontKeyValueStoreClient({}))).toBe(false);
    const error = await rejection(client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })));
    expect(error.message).toBe('Region is missing');
    expect(kvs.calls()).toHaveLength(1);
  });

  it('a client attached twice answers once per send', async () => {
    const kvs = createKvsSimulator();
    const client = kvs.attach(kvs.attach(new CloudFrontKeyValueStoreClient({})));
    const arn = kvs.seedStore({ items: { a: '1' } });
    await client.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: kvs.getStore(arn)!.ETag }));
    expect(kvs.calls('PutKey')).toHaveLength(1);
    expect(kvs.getStore(arn)!.ItemCount).toBe(2);
  });
});

describe('reset()', () => {
  it('forgets stores and calls, keeps attached clients working, and rewinds ids', async () => {
    const { kvs, data } = setup({ seed: 'reset-me' });
    const first = kvs.seedStore({ items: { a: '1' } });
    const firstETag = kvs.getStore(first)!.ETag;
    await data.send(new DescribeKeyValueStoreCommand({ KvsARN: first }));

    kvs.reset();

    expect(kvs.getStore(first)).toBeUndefined();
    expect(kvs.calls()).toEqual([]);
    // The default account stays known: the old ARN is simply not found.
    expectServiceError(await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: first }))), ResourceNotFoundException, 'was not found');
    kvs.reset();
    const again = kvs.seedStore({ items: { a: '1' } });
    expect(again).toBe(first);
    expect(kvs.getStore(again)!.ETag).toBe(firstETag);
    await expect(data.send(new GetKeyCommand({ KvsARN: again, Key: 'a' }))).resolves.toMatchObject({ Value: '1' });
  });
});

describe('seed: the same seed gives the same ids and ETags', () => {
  async function run(kvs: KvsSimulator) {
    const data = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = kvs.seedStore({ items: { a: '1' } });
    const put = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: kvs.getStore(arn)!.ETag }));
    const update = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: put.ETag, Deletes: [{ Key: 'a' }] }));
    return { arn, etags: [put.ETag, update.ETag], requestIds: [put.$metadata.requestId, update.$metadata.requestId], state: kvs.getStore(arn) };
  }

  it('two simulators with the same seed replay each other exactly', async () => {
    const clock = manualClock(0);
    const a = await run(createKvsSimulator({ seed: 42, clock }));
    const b = await run(createKvsSimulator({ seed: '42', clock }));
    expect(b).toEqual(a);
  });

  it('a different seed gives different ids and ETags', async () => {
    const a = await run(createKvsSimulator({ seed: 1 }));
    const b = await run(createKvsSimulator({ seed: 2 }));
    expect(b.arn).not.toBe(a.arn);
    expect(b.etags).not.toEqual(a.etags);
  });

  it('without a seed, the one in use can be read back and replayed', async () => {
    const clock = manualClock(0);
    const first = createKvsSimulator({ clock });
    expect(first.seed).toEqual(expect.any(String));
    expect(createKvsSimulator().seed).not.toBe(first.seed);
    const a = await run(first);
    const b = await run(createKvsSimulator({ seed: first.seed, clock }));
    expect(b).toEqual(a);
  });
});
