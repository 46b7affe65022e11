/**
 * Atomicity, isolation and quota edges, through the real clients: a batch that breaks a rule in
 * its last item applies nothing; racing writers with one ETag produce exactly one winner; the
 * exact quota edges (5 MB, 512/1024 bytes, 50 keys, 200 stores); two simulators and two accounts
 * never see each other; and after detach()/restore() the SDK is untouched.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as cf from '@aws-sdk/client-cloudfront';
import * as kv from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, type KvsSimulator } from '../../src';
import { rejection, setup } from '../helpers/clients';
import { checkProperty, envCount } from './model/settings';
import { byteOrder, pairBytes } from './model/text';

const FILE = 'test/reliability/atomicity.test.ts';
const MB5 = 5 * 1024 * 1024;

/** Everything the simulator holds, minus where its id generator stands. */
function state(kvs: KvsSimulator): string {
  return JSON.stringify({ ...kvs.snapshot(), generator: undefined });
}

async function etagOf(data: kv.CloudFrontKeyValueStoreClient, arn: string): Promise<string> {
  return (await data.send(new kv.DescribeKeyValueStoreCommand({ KvsARN: arn }))).ETag!;
}

async function scan(data: kv.CloudFrontKeyValueStoreClient, arn: string, pageSize = 50): Promise<string[]> {
  const keys: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await data.send(new kv.ListKeysCommand({ KvsARN: arn, MaxResults: pageSize, ...(NextToken ? { NextToken } : {}) }));
    for (const item of page.Items ?? []) keys.push(item.Key!);
    NextToken = page.NextToken;
  } while (NextToken);
  return keys;
}

describe('a batch that breaks a rule in its last item applies nothing', () => {
  type Breaker = { rule: string; error: string; quotas?: Record<string, number> };
  const BREAKERS: Breaker[] = [
    { rule: 'duplicate put', error: 'ValidationException' },
    { rule: 'empty key', error: 'ValidationException' },
    { rule: 'key of 1025 characters', error: 'ValidationException' },
    { rule: 'lone surrogate in a value', error: 'ValidationException' },
    { rule: 'missing value', error: 'ValidationException' },
    { rule: 'key in both lists', error: 'ValidationException' },
    { rule: 'key of 513 bytes', error: 'ServiceQuotaExceededException' },
    { rule: 'value of 1025 bytes', error: 'ServiceQuotaExceededException' },
    { rule: 'delete of a missing key', error: 'ResourceNotFoundException' },
    { rule: 'the 51st key', error: 'ServiceQuotaExceededException' },
    { rule: 'one byte over the store quota', error: 'ServiceQuotaExceededException', quotas: { storeSizeBytes: 400 } },
    { rule: 'one byte over the payload quota', error: 'ServiceQuotaExceededException', quotas: { updatePayloadBytes: 200 } },
  ];

  it('for every rule, whatever came before it in the batch', async () => {
    const runs = Math.max(240, Math.round(envCount('KVS_FC_RUNS', 2000) / 8));
    const property = fc.asyncProperty(
      fc.nat(BREAKERS.length - 1),
      fc.uniqueArray(fc.constantFrom('a', 'b', 'é', '😀', 'ｱ', '__proto__', 'x/y', 'constructor'), { minLength: 0, maxLength: 8 }),
      fc.nat(),
      async (which, keys, split) => {
        const breaker = BREAKERS[which]!;
        const { kvs, data } = setup({ seed: 'atomic', ...(breaker.quotas ? { quotas: breaker.quotas } : {}) });
        const arn = kvs.seedStore({ items: { a: 'old', b: 'old', z: 'zz' } });
        // A valid batch: puts of `keys`, with existing ones possibly deleted instead.
        const deletes = keys.filter((k, i) => (k === 'a' || k === 'b') && (split >> i) % 2 === 1);
        const puts: Array<{ Key: string; Value: string }> = keys.filter((k) => !deletes.includes(k)).map((Key) => ({ Key, Value: `v-${Key}` }));
        const valid = { Puts: [...puts], Deletes: deletes.map((Key): { Key: string } => ({ Key })) };
        const broken = { Puts: [...puts], Deletes: [...valid.Deletes] };
        switch (breaker.rule) {
          case 'duplicate put':
            broken.Puts.push({ Key: 'z', Value: '1' }, { Key: 'z', Value: '2' });
            break;
          case 'empty key':
            broken.Puts.push({ Key: '', Value: 'v' });
            break;
          case 'key of 1025 characters':
            broken.Puts.push({ Key: 'k'.repeat(1025), Value: 'v' });
            break;
          case 'lone surrogate in a value':
            broken.Puts.push({ Key: 'w', Value: 'bad\uD800' });
            break;
          case 'missing value':
            broken.Puts.push({ Key: 'w' } as { Key: string; Value: string });
            break;
          case 'key in both lists':
            broken.Puts.push({ Key: 'z', Value: 'v' });
            broken.Deletes.push({ Key: 'z' });
            break;
          case 'key of 513 bytes':
            broken.Puts.push({ Key: 'é'.repeat(256) + 'k', Value: 'v' });
            break;
          case 'value of 1025 bytes':
            broken.Puts.push({ Key: 'w', Value: 'v'.repeat(1025) });
            break;
          case 'delete of a missing key':
            broken.Deletes.push({ Key: 'never-there' });
            break;
          case 'the 51st key':
            for (let i = broken.Puts.length + broken.Deletes.length; i < 51; i++) broken.Puts.push({ Key: `n${i}`, Value: 'v' });
            break;
          case 'one byte over the store quota': {
            // Fill the store to exactly its quota with the batch, then one byte more.
            const sizeAfterValid = pairBytes('a', 'old') + pairBytes('b', 'old') + pairBytes('z', 'zz') + sizeDelta(valid);
            const room = 400 - sizeAfterValid;
            broken.Puts.push({ Key: 'w', Value: 'f'.repeat(room - pairBytes('w', '') + 1) });
            break;
          }
          case 'one byte over the payload quota': {
            const payload = valid.Puts.reduce((n, p) => n + Buffer.byteLength(p.Key) + Buffer.byteLength(p.Value), 0) + valid.Deletes.reduce((n, d) => n + Buffer.byteLength(d.Key), 0);
            broken.Puts.push({ Key: 'w', Value: 'p'.repeat(200 - payload) }); // 'w' + the value: 201 bytes in all
            break;
          }
        }
        const ETag = await etagOf(data, arn);
        const before = state(kvs);
        const error = await rejection(data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, ...broken })));
        expect(error).toBeInstanceOf(kv.CloudFrontKeyValueStoreServiceException);
        expect(error.name).toBe(breaker.error);
        expect(state(kvs)).toBe(before);
        expect(await etagOf(data, arn)).toBe(ETag);
        // Not vacuous: the same batch without the breaking item is accepted.
        if (valid.Puts.length + valid.Deletes.length > 0) {
          const ok = await data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, ...valid }));
          expect(ok.ETag).not.toBe(ETag);
        }
      },
    );
    await checkProperty('for every rule, whatever came before it in the batch', FILE, property, runs);
  });

  /** The size change a valid batch makes to the seeded store {a: old, b: old, z: zz}. */
  function sizeDelta(batch: { Puts: Array<{ Key: string; Value: string }>; Deletes: Array<{ Key: string }> }): number {
    const seeded: Record<string, string> = { a: 'old', b: 'old', z: 'zz' };
    let delta = 0;
    for (const d of batch.Deletes) delta -= pairBytes(d.Key, seeded[d.Key]!);
    for (const p of batch.Puts) delta += pairBytes(p.Key, p.Value) - (p.Key in seeded && Object.prototype.hasOwnProperty.call(seeded, p.Key) ? pairBytes(p.Key, seeded[p.Key]!) : 0);
    return delta;
  }
});

describe('racing writers', () => {
  it('with one ETag: exactly one of five concurrent writers wins, and the store holds its write only', async () => {
    const { kvs } = setup();
    const clients = Array.from({ length: 5 }, (_, i) => kvs.attach(new kv.CloudFrontKeyValueStoreClient(i % 2 ? { cacheMiddleware: true } : {})));
    const arn = kvs.seedStore({ items: { counter: '0' } });
    for (let round = 0; round < 20; round++) {
      const ETag = await etagOf(clients[0]!, arn);
      const results = await Promise.allSettled(
        clients.map((client, i) =>
          i % 2
            ? client.send(new kv.PutKeyCommand({ KvsARN: arn, Key: 'counter', Value: `w${i}-r${round}`, IfMatch: ETag }))
            : client.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts: [{ Key: 'counter', Value: `w${i}-r${round}` }, { Key: `by-${i}`, Value: `${round}` }] })),
        ),
      );
      const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') {
          expect(r.reason).toBeInstanceOf(kv.ValidationException);
          expect(r.reason.message).toContain('Pre-Condition failed');
        }
      }
      const winner = winners[0]!;
      expect(kvs.getStore(arn)!.Items['counter']).toBe(`w${winner}-r${round}`);
      expect(kvs.getStore(arn)!.ETag).toBe((results[winner] as PromiseFulfilledResult<{ ETag?: string }>).value.ETag);
    }
  });

  it('optimistic read-modify-write loops lose no increment', async () => {
    const { kvs } = setup();
    const clients = Array.from({ length: 4 }, () => kvs.attach(new kv.CloudFrontKeyValueStoreClient({})));
    const arn = kvs.seedStore({ items: { n: '0' } });
    let conflicts = 0;
    const increment = async (client: kv.CloudFrontKeyValueStoreClient) => {
      for (;;) {
        const ETag = await etagOf(client, arn);
        const { Value } = await client.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'n' }));
        try {
          await client.send(new kv.PutKeyCommand({ KvsARN: arn, Key: 'n', Value: String(Number(Value) + 1), IfMatch: ETag }));
          return;
        } catch (error) {
          if (!(error instanceof kv.ValidationException && error.message.includes('Pre-Condition failed'))) throw error;
          conflicts++;
        }
      }
    };
    await Promise.all(clients.flatMap((client) => Array.from({ length: 10 }, () => increment(client))));
    expect(kvs.getStore(arn)!.Items['n']).toBe('40');
    expect(conflicts).toBeGreaterThan(0); // the writers really raced
  });

  it('with one control-plane ETag: an update and a delete, one wins', async () => {
    const { kvs, control } = setup();
    const other = kvs.attach(new cf.CloudFrontClient({}));
    const created = await control.send(new cf.CreateKeyValueStoreCommand({ Name: 'raced' }));
    const [update, remove] = await Promise.allSettled([
      control.send(new cf.UpdateKeyValueStoreCommand({ Name: 'raced', Comment: 'c', IfMatch: created.ETag })),
      other.send(new cf.DeleteKeyValueStoreCommand({ Name: 'raced', IfMatch: created.ETag })),
    ]);
    expect([update.status, remove.status].sort()).toEqual(['fulfilled', 'rejected']);
    const loser = (update.status === 'rejected' ? update : remove) as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(cf.CloudFrontServiceException);
    expect(['PreconditionFailed', 'EntityNotFound']).toContain(loser.reason.name);
    expect(kvs.getStore('raced') === undefined).toBe(remove.status === 'fulfilled');
  });
});

describe('quota edges', () => {
  it('a store of exactly 5 MB fits; one byte more fails and changes nothing', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const value = 'v'.repeat(1024);
    const key = (i: number) => `key-${String(i).padStart(5, '0')}`; // 9 bytes: 1,034 bytes a pair (D7)
    const full = Math.floor(MB5 / pairBytes(key(0), value)); // 5,070 pairs
    const lastValue = 'l'.repeat(MB5 - full * pairBytes(key(0), value) - pairBytes(key(full), '')); // the exact remainder
    let ETag = await etagOf(data, arn);
    for (let start = 0; start < full; start += 50) {
      const Puts = Array.from({ length: Math.min(50, full - start) }, (_, i) => ({ Key: key(start + i), Value: value }));
      ({ ETag } = (await data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts }))) as { ETag: string });
    }
    const last = await data.send(new kv.PutKeyCommand({ KvsARN: arn, Key: key(full), Value: lastValue, IfMatch: ETag }));
    expect(last.TotalSizeInBytes).toBe(MB5);
    expect(last.ItemCount).toBe(full + 1);
    ETag = last.ETag!;

    const before = state(kvs);
    const overByPut = await rejection(data.send(new kv.PutKeyCommand({ KvsARN: arn, Key: key(full), Value: lastValue + 'l', IfMatch: ETag })));
    expect(overByPut).toBeInstanceOf(kv.ServiceQuotaExceededException);
    const newKey = await rejection(data.send(new kv.PutKeyCommand({ KvsARN: arn, Key: 'x', Value: '', IfMatch: ETag })));
    expect(newKey).toBeInstanceOf(kv.ServiceQuotaExceededException);
    // A batch whose delete makes room for one of its new pairs but not for the next two bytes.
    const overByBatch = await rejection(
      data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Deletes: [{ Key: key(0) }], Puts: [{ Key: key(1), Value: value }, { Key: 'y'.repeat(9), Value: value + '' }, { Key: 'q', Value: '' }] })),
    );
    expect(overByBatch).toBeInstanceOf(kv.ServiceQuotaExceededException);
    expect(state(kvs)).toBe(before);

    // At exactly 5 MB, a same-size replacement and a swap that frees what it adds both fit.
    const same = await data.send(new kv.PutKeyCommand({ KvsARN: arn, Key: key(full), Value: 'm'.repeat(lastValue.length), IfMatch: ETag }));
    expect(same.TotalSizeInBytes).toBe(MB5);
    const swap = await data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: same.ETag, Deletes: [{ Key: key(0) }], Puts: [{ Key: 'k'.repeat(9), Value: value }] }));
    expect(swap.TotalSizeInBytes).toBe(MB5);

    // More than 512 keys (the index splits into chunks): ListKeys pages through all in UTF-8 order.
    const keys = await scan(data, arn, 47);
    expect(keys).toHaveLength(full + 1);
    expect(keys).toEqual(Object.keys(kvs.getStore(arn)!.Items).sort(byteOrder));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keys of 512 bytes and values of 1,024 bytes fit; one byte more does not', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    let ETag = await etagOf(data, arn);
    const cases: Array<[string, string, string | undefined]> = [
      ['k'.repeat(512), 'v', undefined],
      ['😀'.repeat(128), 'v', undefined],
      ['k'.repeat(513), 'v', 'ServiceQuotaExceededException'],
      ['😀'.repeat(128) + 'k', 'v', 'ServiceQuotaExceededException'],
      ['a'.repeat(1024), 'v', 'ServiceQuotaExceededException'], // within the model (1..1024 characters), over the quota
      ['a'.repeat(1025), 'v', 'ValidationException'], // the model's constraint is checked first (D6)
      ['v1', 'x'.repeat(1024), undefined],
      ['v2', '😀'.repeat(256), undefined],
      ['v3', 'x'.repeat(1025), 'ServiceQuotaExceededException'],
      ['v4', 'é'.repeat(512) + 'x', 'ServiceQuotaExceededException'],
      ['v5', '', undefined],
    ];
    for (const [Key, Value, expected] of cases) {
      const before = state(kvs);
      const answer = data.send(new kv.PutKeyCommand({ KvsARN: arn, Key, Value, IfMatch: ETag }));
      if (expected === undefined) ({ ETag } = (await answer) as { ETag: string });
      else {
        expect((await rejection(answer)).name).toBe(expected);
        expect(state(kvs)).toBe(before);
      }
    }
  });

  it('50 keys in one UpdateKeys fit, 51 do not; the payload quota is exact', async () => {
    const { kvs, data } = setup({ quotas: { updatePayloadBytes: 100 } });
    const arn = kvs.seedStore({ items: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`d${i}`, 'x'])) });
    let ETag = await etagOf(data, arn);
    const puts = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `p${i}`, Value: '' }));
    const deletes = Array.from({ length: 25 }, (_, i) => ({ Key: `d${i}` }));
    const before = state(kvs);
    expect((await rejection(data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts: puts(26), Deletes: deletes })))).name).toBe('ServiceQuotaExceededException');
    expect((await rejection(data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts: puts(51) })))).name).toBe('ServiceQuotaExceededException');
    expect(state(kvs)).toBe(before);
    // 25 puts of 2-3 bytes (p0..p24: 65 bytes) and 25 deletes of 2-3 bytes (65 bytes) = 130 > 100.
    expect((await rejection(data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts: puts(25), Deletes: deletes })))).name).toBe('ServiceQuotaExceededException');
    // Exactly 100 bytes of keys and values: accepted.
    ({ ETag } = (await data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts: [{ Key: 'k', Value: 'v'.repeat(99) }] }))) as { ETag: string });
    expect((await rejection(data.send(new kv.UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts: [{ Key: 'k', Value: 'v'.repeat(100) }] })))).name).toBe('ServiceQuotaExceededException');

    const { kvs: wide, data: wideData } = setup();
    const wideArn = wide.seedStore({ items: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`d${i}`, 'x'])) });
    const fifty = await wideData.send(new kv.UpdateKeysCommand({ KvsARN: wideArn, IfMatch: await etagOf(wideData, wideArn), Puts: puts(25), Deletes: deletes }));
    expect(fifty.ItemCount).toBe(25);
  });

  it('200 stores per account; the 201st is refused until one is deleted', async () => {
    const { kvs, control } = setup();
    for (let i = 0; i < 200; i++) await control.send(new cf.CreateKeyValueStoreCommand({ Name: `s${i}` }));
    const before = state(kvs);
    const refused = await rejection(control.send(new cf.CreateKeyValueStoreCommand({ Name: 's200' })));
    expect(refused).toBeInstanceOf(cf.EntityLimitExceeded);
    expect(state(kvs)).toBe(before);
    const { ETag } = await control.send(new cf.DescribeKeyValueStoreCommand({ Name: 's7' }));
    await control.send(new cf.DeleteKeyValueStoreCommand({ Name: 's7', IfMatch: ETag }));
    await control.send(new cf.CreateKeyValueStoreCommand({ Name: 's200' }));
    expect((await rejection(control.send(new cf.CreateKeyValueStoreCommand({ Name: 's201' })))).name).toBe('EntityLimitExceeded');
  });
});

describe('isolation', () => {
  it('two simulators never see each other’s stores, even with the same seed and interleaved calls', async () => {
    const one = setup({ seed: 'same' });
    const two = setup({ seed: 'same' });
    const other = setup({ seed: 'other' });
    const [a, b] = await Promise.all([
      one.control.send(new cf.CreateKeyValueStoreCommand({ Name: 'shared-name' })),
      two.control.send(new cf.CreateKeyValueStoreCommand({ Name: 'shared-name' })),
    ]);
    // The same seed gives the same ARN: the stores are still two.
    expect(a.KeyValueStore!.ARN).toBe(b.KeyValueStore!.ARN);
    const arn = a.KeyValueStore!.ARN!;
    await Promise.all([
      one.data.send(new kv.PutKeyCommand({ KvsARN: arn, Key: 'who', Value: 'one', IfMatch: one.kvs.getStore(arn)!.ETag })),
      two.data.send(new kv.PutKeyCommand({ KvsARN: arn, Key: 'who', Value: 'two', IfMatch: two.kvs.getStore(arn)!.ETag })),
    ]);
    expect((await one.data.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'who' }))).Value).toBe('one');
    expect((await two.data.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'who' }))).Value).toBe('two');
    // Another simulator knows neither the store nor, by name, anything.
    expect((await rejection(other.data.send(new kv.DescribeKeyValueStoreCommand({ KvsARN: arn })))).name).toBe('ResourceNotFoundException');
    expect((await rejection(other.control.send(new cf.DescribeKeyValueStoreCommand({ Name: 'shared-name' })))).name).toBe('EntityNotFound');
    expect((await other.control.send(new cf.ListKeyValueStoresCommand({}))).KeyValueStoreList).toMatchObject({ Quantity: 0 });
    expect(other.kvs.getStore(arn)).toBeUndefined();
    // Deleting in one leaves the other's store as it was.
    const before = state(two.kvs);
    const { ETag } = await one.control.send(new cf.DescribeKeyValueStoreCommand({ Name: 'shared-name' }));
    await one.control.send(new cf.DeleteKeyValueStoreCommand({ Name: 'shared-name', IfMatch: ETag }));
    expect(state(two.kvs)).toBe(before);
  });

  it('two accounts of one simulator share nothing but the data plane’s routing by ARN', async () => {
    const { kvs, data, control } = setup();
    const b = kvs.attach(new cf.CloudFrontClient({}), { accountId: '210987654321' });
    const mine = await control.send(new cf.CreateKeyValueStoreCommand({ Name: 'same', Comment: 'A' }));
    const theirs = await b.send(new cf.CreateKeyValueStoreCommand({ Name: 'same', Comment: 'B' }));
    expect(theirs.KeyValueStore!.ARN).toMatch(/^arn:aws:cloudfront::210987654321:key-value-store\//);
    expect((await control.send(new cf.DescribeKeyValueStoreCommand({ Name: 'same' }))).KeyValueStore!.Comment).toBe('A');
    expect((await b.send(new cf.DescribeKeyValueStoreCommand({ Name: 'same' }))).KeyValueStore!.Comment).toBe('B');
    expect((await b.send(new cf.ListKeyValueStoresCommand({}))).KeyValueStoreList!.Items!.map((s) => s.ARN)).toEqual([theirs.KeyValueStore!.ARN]);
    // A's ETag and A's ARN mean nothing to B's control plane.
    expect((await rejection(b.send(new cf.UpdateKeyValueStoreCommand({ Name: 'same', Comment: 'x', IfMatch: mine.ETag })))).name).toBe('PreconditionFailed');
    expect((await rejection(b.send(new cf.ListTagsForResourceCommand({ Resource: mine.KeyValueStore!.ARN })))).name).toBe('NoSuchResource');
    expect((await rejection(b.send(new cf.TagResourceCommand({ Resource: mine.KeyValueStore!.ARN, Tags: { Items: [{ Key: 'k', Value: 'v' }] } })))).name).toBe('NoSuchResource');
    // Keys written to one account's store are not in the other's.
    const arnA = mine.KeyValueStore!.ARN!;
    const arnB = theirs.KeyValueStore!.ARN!;
    await data.send(new kv.PutKeyCommand({ KvsARN: arnA, Key: 'k', Value: 'A', IfMatch: kvs.getStore(arnA)!.ETag }));
    expect((await rejection(data.send(new kv.GetKeyCommand({ KvsARN: arnB, Key: 'k' })))).name).toBe('ResourceNotFoundException');
    expect(kvs.getStore('same', '210987654321')!.Items).toEqual({});
    expect(kvs.getStore('same')!.Items).toEqual({ k: 'A' });
  });

  it('concurrent boundaries each answer from their own simulator', async () => {
    const one = createKvsSimulator({ seed: 'b1' });
    const two = createKvsSimulator({ seed: 'b2' });
    const work = (name: string) => async () => {
      const control = new cf.CloudFrontClient({});
      await control.send(new cf.CreateKeyValueStoreCommand({ Name: name }));
      await new Promise((resolve) => setImmediate(resolve));
      const list = await control.send(new cf.ListKeyValueStoresCommand({}));
      return list.KeyValueStoreList!.Items!.map((s) => s.Name);
    };
    const [a, b] = await Promise.all([one.boundary(work('from-one'))(), two.boundary(work('from-two'))()]);
    expect(a).toEqual(['from-one']);
    expect(b).toEqual(['from-two']);
    expect(one.getStore('from-two')).toBeUndefined();
    expect(two.getStore('from-one')).toBeUndefined();
  });
});

describe('the SDK’s other ways of sending', () => {
  it('callbacks and send options get the same answers and errors as a plain send', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const viaCallback = (command: any) =>
      new Promise<{ error: any; output: any }>((resolve) => {
        data.send(command, (error: unknown, output: unknown) => resolve({ error, output }));
      });
    const ok = await viaCallback(new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(ok.error).toBeNull();
    expect(ok.output).toMatchObject({ Key: 'a', Value: '1', ItemCount: 1, TotalSizeInBytes: 3 });
    const failed = await viaCallback(new kv.GetKeyCommand({ KvsARN: arn, Key: 'missing' }));
    expect(failed.error).toBeInstanceOf(kv.ResourceNotFoundException);
    const withOptions = await data.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }), { requestTimeout: 1 });
    expect(withOptions.Value).toBe('1');
    const withBoth = await new Promise<any>((resolve) => data.send(new kv.DescribeKeyValueStoreCommand({ KvsARN: arn }), {}, (error: unknown, output: unknown) => resolve({ error, output })));
    expect(withBoth.output.ETag).toBe(kvs.getStore(arn)!.ETag);
  });
});

describe('your own middleware', () => {
  it('runs on every send wherever it sits in the stack, as in front of AWS', async () => {
    const kvs = createKvsSimulator();
    const client = new kv.CloudFrontKeyValueStoreClient({});
    const seen = { first: 0, relative: 0, later: 0, command: 0 };
    const rewrite = (counter: keyof typeof seen, Key?: string) => (next: any) => async (args: any) => {
      seen[counter]++;
      return next(Key ? { ...args, input: { ...args.input, Key } } : args);
    };
    client.middlewareStack.add(rewrite('first', 'b'), { step: 'initialize', priority: 'high', name: 'first' });
    kvs.attach(client);
    const arn = kvs.seedStore({ items: { a: '1', b: '2', c: '3' } });
    for (let i = 0; i < 3; i++) expect((await client.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('2');
    // Added after a few sends: it runs from the next send on, as in the SDK.
    client.middlewareStack.addRelativeTo(rewrite('relative', 'c'), { relation: 'before', toMiddleware: 'cloudfrontKvsMockMiddleware', name: 'relative' });
    client.middlewareStack.add(rewrite('later'), { step: 'build', name: 'later' });
    for (let i = 0; i < 3; i++) expect((await client.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('3');
    const command = new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' });
    command.middlewareStack.add(rewrite('command'), { step: 'initialize', priority: 'high', name: 'command' });
    await client.send(command);
    // After the double's place too: those sends take the SDK's whole pipeline, answered at the wire.
    expect(seen).toEqual({ first: 7, relative: 4, later: 4, command: 1 });
  });

  /**
   * The reference is the bare SDK in front of a request handler that answers at once (a region,
   * credentials and a no-op signer given), with a pass-through at the double's place in the stack
   * (same name, step and priority) for relative middleware to anchor to: whatever the order of
   * adds, removes, attaches and sends, and with or without `cacheMiddleware`, the same middleware
   * must run, in the same order.
   */
  it('runs exactly as it would in front of AWS', async () => {
    type Op =
      | { op: 'add'; step: 'initialize' | 'serialize' | 'build'; priority: 'high' | 'normal' | 'low' }
      | { op: 'relative'; relation: 'before' | 'after'; to: number }
      | { op: 'remove'; which: number }
      | { op: 'send'; command: 'get' | 'describe'; withOptions: boolean; ownMiddleware: boolean }
      | { op: 'reattach' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), step: fc.constantFrom('initialize' as const, 'serialize' as const, 'build' as const), priority: fc.constantFrom('high' as const, 'normal' as const, 'low' as const) }),
      { weight: 2, arbitrary: fc.record({ op: fc.constant('relative' as const), relation: fc.constantFrom('before' as const, 'after' as const), to: fc.oneof(fc.constant(0), fc.nat(5)) }) },
      fc.record({ op: fc.constant('remove' as const), which: fc.nat(5) }),
      {
        weight: 4,
        arbitrary: fc.record({ op: fc.constant('send' as const), command: fc.constantFrom('get' as const, 'describe' as const), withOptions: fc.nat(5).map((n) => n === 0), ownMiddleware: fc.nat(5).map((n) => n === 0) }),
      },
      fc.constant<Op>({ op: 'reattach' }),
    );
    const NAME = 'cloudfrontKvsMockMiddleware';
    const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const requestHandler = {
      handle: async (request: { path: string }) => ({
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: request.path.includes('/keys/') ? utf8({ Key: 'a', Value: '1', ItemCount: 1, TotalSizeInBytes: 2 }) : utf8({ ItemCount: 1, TotalSizeInBytes: 2, KvsARN: 'arn' }),
        },
      }),
    };
    const noopSigner = { sign: async (request: unknown) => request };
    const property = fc.asyncProperty(fc.boolean(), fc.array(op, { minLength: 1, maxLength: 25 }), async (cacheMiddleware, ops) => {
      const kvs = createKvsSimulator();
      const arn = kvs.seedStore({ items: { a: '1' } });
      const double = kvs.attach(new kv.CloudFrontKeyValueStoreClient({ cacheMiddleware }));
      const reference = new kv.CloudFrontKeyValueStoreClient({
        cacheMiddleware,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        requestHandler,
        // Current releases sign through httpAuthSchemes, older ones through signer.
        httpAuthSchemes: [{ schemeId: 'aws.auth#sigv4a', identityProvider: () => async () => ({}), signer: noopSigner }],
        signer: noopSigner,
      } as never);
      const standIn = (next: any) => next;
      const place = (client: kv.CloudFrontKeyValueStoreClient) => {
        client.middlewareStack.add(standIn as never, { step: 'initialize', priority: 'high', name: NAME, override: true });
        delete (client as unknown as { handlers?: unknown }).handlers; // as attach() does: a cached chain is rebuilt
      };
      place(reference);
      const ran = { double: [] as string[], reference: [] as string[] };
      const names: string[] = [NAME];
      let n = 0;
      for (const o of ops) {
        if (o.op === 'add' || o.op === 'relative') {
          const name = `user${n++}`;
          const to = names[o.op === 'relative' ? o.to % names.length : 0]!;
          for (const [key, client] of [['double', double], ['reference', reference]] as const) {
            const mw = (next: any) => async (args: any) => {
              ran[key].push(name);
              return next(args);
            };
            if (o.op === 'add') client.middlewareStack.add(mw as never, { step: o.step, priority: o.priority, name } as never);
            else client.middlewareStack.addRelativeTo(mw as never, { relation: o.relation, toMiddleware: to, name });
          }
          names.push(name);
        } else if (o.op === 'remove') {
          const name = names[1 + (o.which % Math.max(1, names.length - 1))];
          if (!name) continue;
          double.middlewareStack.remove(name);
          reference.middlewareStack.remove(name);
          names.splice(names.indexOf(name), 1);
        } else if (o.op === 'reattach') {
          kvs.attach(double);
          place(reference);
        } else {
          const send = async (key: 'double' | 'reference', client: kv.CloudFrontKeyValueStoreClient) => {
            const command = o.command === 'get' ? new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }) : new kv.DescribeKeyValueStoreCommand({ KvsARN: arn });
            const own = (next: any) => async (args: any) => (ran[key].push('command'), next(args));
            if (o.ownMiddleware) (command.middlewareStack as { add(mw: unknown, options: unknown): void }).add(own, { step: 'initialize', priority: 'low', name: 'own' });
            ran[key].push('|');
            try {
              await (o.withOptions ? client.send(command as never, {}) : client.send(command as never));
            } catch (error) {
              ran[key].push(`threw: ${(error as Error).message}`); // e.g. a relative middleware whose anchor was removed
            }
          };
          await send('double', double);
          await send('reference', reference);
        }
      }
      expect(ran.double).toEqual(ran.reference);
    });
    await checkProperty('runs exactly as it would in front of AWS', FILE, property, envCount('KVS_MW_RUNS', 400));
  });
});

describe('after detach() and restore() the SDK is untouched', () => {
  const regionMissing = async (client: { send(command: any): Promise<unknown> }, command: unknown) => {
    const error = await rejection(client.send(command));
    expect(error).not.toBeInstanceOf(kv.CloudFrontKeyValueStoreServiceException);
    expect(error).not.toBeInstanceOf(cf.CloudFrontServiceException);
    expect(error.message).toBe('Region is missing');
  };

  it('a detached client, and any client never attached, fail with the SDK’s own Region is missing', async () => {
    const kvs = createKvsSimulator();
    const data = kvs.attach(new kv.CloudFrontKeyValueStoreClient({}));
    const cached = kvs.attach(new kv.CloudFrontKeyValueStoreClient({ cacheMiddleware: true }));
    const control = kvs.attach(new cf.CloudFrontClient({}));
    const arn = kvs.seedStore({ items: { a: '1' } });
    // Some of everything first, failures included, on every command class used below.
    for (const client of [data, cached]) {
      await client.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }));
      await rejection(client.send(new kv.PutKeyCommand({ KvsARN: arn, Key: 'a', Value: 'b', IfMatch: 'stale' })));
    }
    await control.send(new cf.ListKeyValueStoresCommand({}));
    for (const client of [data, cached, control]) expect(kvs.detach(client)).toBe(true);
    for (const client of [data, cached, control]) expect(client.middlewareStack.identify().join()).not.toContain('cloudfrontKvsMock');
    await regionMissing(data, new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    await regionMissing(cached, new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    await regionMissing(cached, new kv.PutKeyCommand({ KvsARN: arn, Key: 'a', Value: 'b', IfMatch: 'x' }));
    await regionMissing(control, new cf.ListKeyValueStoresCommand({}));
    await regionMissing(new kv.CloudFrontKeyValueStoreClient({}), new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    // Detaching twice is harmless; attaching again works again.
    expect(kvs.detach(data)).toBe(false);
    kvs.attach(data);
    expect((await data.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('1');
  });

  /** The `send` every client inherits, as a property descriptor of the prototype that owns it. */
  const sendDescriptor = () => {
    let owner: object | null = Object.getPrototypeOf(new kv.CloudFrontKeyValueStoreClient({}));
    while (owner && !Object.prototype.hasOwnProperty.call(owner, 'send')) owner = Object.getPrototypeOf(owner);
    return owner ? Object.getOwnPropertyDescriptor(owner, 'send') : undefined;
  };

  it('restore() puts back the exact send and leaves clients built during install bare', async () => {
    const send = sendDescriptor();
    expect(send?.value).toEqual(expect.any(Function));
    const kvs = createKvsSimulator();
    const early = new kv.CloudFrontKeyValueStoreClient({});
    kvs.install();
    try {
      const control = new cf.CloudFrontClient({});
      const created = await control.send(new cf.CreateKeyValueStoreCommand({ Name: 'installed' }));
      const arn = created.KeyValueStore!.ARN!;
      await early.send(new kv.PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: kvs.getStore(arn)!.ETag }));
      await rejection(early.send(new kv.GetKeyCommand({ KvsARN: arn, Key: 'missing' })));
      expect(kvs.restore()).toBe(true);
      await regionMissing(early, new kv.GetKeyCommand({ KvsARN: arn, Key: 'k' }));
      await regionMissing(control, new cf.ListKeyValueStoresCommand({}));
      await regionMissing(new kv.CloudFrontKeyValueStoreClient({}), new kv.GetKeyCommand({ KvsARN: arn, Key: 'k' }));
    } finally {
      kvs.restore();
    }
    expect(sendDescriptor()).toEqual(send);
    expect(kvs.restore()).toBe(false);
  });
});
