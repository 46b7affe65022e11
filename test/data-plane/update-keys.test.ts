import { describe, expect, it } from '@jest/globals';
import {
  PutKeyCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateKeysCommand,
  ValidationException,
  type UpdateKeysCommandInput,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { manualClock, type KvsSimulatorOptions } from '../../src';
import { metadata, setup } from '../helpers/clients';
import { ETAG, anyETag, expectRejectedUnchanged, totalSize } from './fixtures';

const T0 = Date.parse('2024-03-01T00:00:00.000Z');

type Puts = NonNullable<UpdateKeysCommandInput['Puts']>;
type Deletes = NonNullable<UpdateKeysCommandInput['Deletes']>;

const SEEDED: Record<string, string> = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`d${String(i).padStart(2, '0')}`, `value ${i}`]));

/** A valid batch: `puts` new keys p00.. (24 bytes each) and `deletes` of existing keys d00.. */
function batch(puts: number, deletes: number): { Puts: Puts; Deletes: Deletes } {
  return {
    Puts: Array.from({ length: puts }, (_, i) => ({ Key: `p${String(i).padStart(2, '0')}`, Value: `put value ${i}`.padEnd(20, '.') })),
    Deletes: Array.from({ length: deletes }, (_, i) => ({ Key: `d${String(i).padStart(2, '0')}` })),
  };
}

/** The pairs a store holding SEEDED has after `input`, computed independently of src. */
function applied(input: { Puts: Puts; Deletes: Deletes }): Record<string, string> {
  const items = { ...SEEDED };
  for (const d of input.Deletes) delete items[d.Key!];
  for (const p of input.Puts) items[p.Key!] = p.Value!;
  return items;
}

/** The size after the 49 valid items the all-or-nothing cases start from. */
const VALID_49_SIZE = totalSize(applied(batch(25, 24)));

/** A store holding SEEDED (d00..d59). */
function world(options: KvsSimulatorOptions = {}) {
  const { kvs, data } = setup(options);
  const arn = kvs.seedStore({ items: SEEDED });
  return { kvs, data, arn };
}

describe('UpdateKeys', () => {
  describe('success', () => {
    it('applies puts and deletes in one write: one new ETag, counts and D7 size after, LastModified on the clock', async () => {
      const clock = manualClock(T0);
      const { kvs, data } = setup({ clock });
      const arn = kvs.seedStore({ items: { key1: 'value1', key2: 'value2', key3: 'value3' } });
      const before = kvs.getStore(arn)!;
      clock.advance(1_000);

      const out = await data.send(
        new UpdateKeysCommand({
          KvsARN: arn,
          IfMatch: before.ETag,
          Puts: [{ Key: 'key1', Value: 'new value 1' }, { Key: 'key4', Value: 'value4' }, { Key: 'ключ', Value: '値' }],
          Deletes: [{ Key: 'key2' }, { Key: 'key3' }],
        }),
      );

      const items = { key1: 'new value 1', key4: 'value4', ключ: '値' };
      expect(out).toEqual({ ETag: anyETag(), ItemCount: 3, TotalSizeInBytes: totalSize(items), $metadata: metadata(200) });
      expect(out.TotalSizeInBytes).toBe(16 + 11 + (8 + 3 + 1));
      expect(out.ETag).not.toBe(before.ETag);
      expect(kvs.getStore(arn)).toEqual({ ...before, ETag: out.ETag, ItemCount: 3, TotalSizeInBytes: 39, LastModified: new Date(T0 + 1_000), Items: items });
    });

    it('with Puts only', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      const out = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, Puts: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '' }] }));
      expect(out).toEqual({ ETag: anyETag(), ItemCount: 2, TotalSizeInBytes: 3 + 2, $metadata: metadata(200) });
      expect(kvs.getStore(arn)!.Items).toEqual({ a: '1', b: '' });
    });

    it('with Deletes only (and an empty Puts list)', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
      const out = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, Puts: [], Deletes: [{ Key: 'a' }] }));
      expect(out).toEqual({ ETag: anyETag(), ItemCount: 1, TotalSizeInBytes: 3, $metadata: metadata(200) });
      expect(kvs.getStore(arn)!.Items).toEqual({ b: '2' });
    });

    it.each([
      [50, 0],
      [0, 50],
      [25, 25],
      [1, 49],
    ])('takes exactly 50 keys (%i puts + %i deletes)', async (puts, deletes) => {
      const { kvs, data, arn } = world();
      const input = batch(puts, deletes);
      const out = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, ...input }));
      const expected = applied(input);
      expect(out).toEqual({ ETag: anyETag(), ItemCount: 60 - deletes + puts, TotalSizeInBytes: totalSize(expected), $metadata: metadata(200) });
      expect(kvs.getStore(arn)!.Items).toEqual(expected);
    });

    it('changes the ETag once per batch: the ETag before the batch is stale, the returned one is current', async () => {
      const { kvs, data, arn } = world();
      const before = kvs.getStore(arn)!.ETag;
      const out = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: before, ...batch(10, 10) }));
      expect(out.ETag).toMatch(ETAG);
      expect(kvs.getStore(arn)!.ETag).toBe(out.ETag);
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'x', Value: 'y', IfMatch: before })), ValidationException, 'Pre-Condition failed');
      await expect(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'x', Value: 'y', IfMatch: out.ETag }))).resolves.toMatchObject({ ETag: anyETag() });
    });

    it('measures the store limit after the whole batch: deletes make room for puts', async () => {
      const { kvs, data } = setup({ quotas: { storeSizeBytes: 22 } });
      const arn = kvs.seedStore({ items: { key1: 'value1', key2: 'value2' } }); // 22: full
      const out = await data.send(
        new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, Deletes: [{ Key: 'key1' }], Puts: [{ Key: 'key3', Value: 'value3' }] }),
      );
      expect(out).toMatchObject({ ItemCount: 2, TotalSizeInBytes: 22 });
      expect(kvs.getStore(arn)!.Items).toEqual({ key2: 'value2', key3: 'value3' });
    });

    it('accepts a batch of the largest pairs within the 5 MB store', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      const Puts = Array.from({ length: 50 }, (_, i) => ({ Key: String(i).padStart(3, '0') + 'é'.repeat(254) + 'x', Value: '€'.repeat(341) + 'x' }));
      const out = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, Puts }));
      expect(out).toMatchObject({ ItemCount: 50, TotalSizeInBytes: 50 * (512 + 1024 + 1) });
    });
  });

  describe('all-or-nothing: one bad item, last in a batch of 49 valid ones, and nothing applies (D5)', () => {
    type Case = [string, (b: { Puts: Puts; Deletes: Deletes }) => void, typeof ValidationException | typeof ServiceQuotaExceededException | typeof ResourceNotFoundException, string | RegExp, KvsSimulatorOptions];
    const cases: Case[] = [
      ['a duplicate key in Puts', (b) => b.Puts.push({ Key: 'p00', Value: 'another value' }), ValidationException, `Value at 'Puts' failed to satisfy constraint: Member must have unique items: "p00" appears more than once`, {}],
      ['a duplicate of an identical put', (b) => b.Puts.push({ ...b.Puts[3]! }), ValidationException, 'unique items: "p03"', {}],
      ['a duplicate key in Deletes', (b) => b.Deletes.push({ Key: 'd00' }), ValidationException, `Value at 'Deletes' failed to satisfy constraint: Member must have unique items: "d00" appears more than once`, {}],
      ['a key in both Puts and Deletes', (b) => b.Puts.push({ Key: 'd10', Value: 'x' }), ValidationException, 'Key "d10" is in both Puts and Deletes', {}],
      ['a delete of a missing key', (b) => b.Deletes.push({ Key: 'no-such-key' }), ResourceNotFoundException, 'Key "no-such-key" was not found', {}],
      ['a 51st key (a put)', (b) => b.Puts.push({ Key: 'p99', Value: 'x' }, { Key: 'p98', Value: 'x' }), ServiceQuotaExceededException, 'the request updates 51 keys; one UpdateKeys may update at most 50', {}],
      ['a 51st key (a delete)', (b) => b.Deletes.push({ Key: 'd50' }, { Key: 'd51' }), ServiceQuotaExceededException, 'updates 51 keys', {}],
      ['a put key of 513 bytes', (b) => b.Puts.push({ Key: 'k'.repeat(513), Value: 'x' }), ServiceQuotaExceededException, 'the key is 513 bytes in UTF-8; a key may be at most 512 bytes', {}],
      ['a put key of 1024 characters', (b) => b.Puts.push({ Key: 'é'.repeat(1024), Value: 'x' }), ServiceQuotaExceededException, 'the key is 2048 bytes', {}],
      ['a delete key of 513 bytes', (b) => b.Deletes.push({ Key: 'k'.repeat(513) }), ServiceQuotaExceededException, 'the key is 513 bytes', {}],
      ['a value of 1025 bytes', (b) => b.Puts.push({ Key: 'big', Value: 'ü'.repeat(512) + 'x' }), ServiceQuotaExceededException, 'the value of key "big" is 1025 bytes in UTF-8; a value may be at most 1024 bytes', {}],
      ['an empty put key', (b) => b.Puts.push({ Key: '', Value: 'x' }), ValidationException, `Value at 'Puts.26.member.Key' failed to satisfy constraint: Member must have length greater than or equal to 1`, {}],
      ['an empty delete key', (b) => b.Deletes.push({ Key: '' }), ValidationException, `Value at 'Deletes.25.member.Key' failed to satisfy constraint: Member must have length greater than or equal to 1`, {}],
      ['a put key of 1025 characters', (b) => b.Puts.push({ Key: 'k'.repeat(1025), Value: 'x' }), ValidationException, 'Member must have length less than or equal to 1024', {}],
      ['a put without a Value', (b) => b.Puts.push({ Key: 'nv' } as never), ValidationException, `Value null at 'Puts.26.member.Value' failed to satisfy constraint: Member must not be null`, {}],
      ['a put without a Key', (b) => b.Puts.push({ Value: 'nk' } as never), ValidationException, `Value null at 'Puts.26.member.Key' failed to satisfy constraint: Member must not be null`, {}],
      ['a value with a lone surrogate', (b) => b.Puts.push({ Key: 'ls', Value: '\ud83d' }), ValidationException, `Value at 'Puts.26.member.Value' failed to satisfy constraint`, {}],
      ['a put that takes the store over its size limit', (b) => b.Puts.push({ Key: 'last', Value: 'x'.repeat(10) }), ServiceQuotaExceededException, `Limit exceeded: the key value store would hold ${VALID_49_SIZE + 15} bytes; a store may hold at most ${VALID_49_SIZE + 10} bytes.`, { quotas: { storeSizeBytes: VALID_49_SIZE + 10 } }],
      ['a put that takes the payload over its limit', (b) => b.Puts.push({ Key: 'last', Value: 'x'.repeat(600) }), ServiceQuotaExceededException, /the request carries \d+ bytes of keys and values; one UpdateKeys may carry at most 800/, { quotas: { updatePayloadBytes: 800 } }],
    ];

    it.each(cases)('%s', async (_, spoil, Class, message, options) => {
      const { kvs, data, arn } = world(options);
      const input = batch(25, 24);
      spoil(input);
      await expectRejectedUnchanged(kvs, arn, () => data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, ...input })), Class, message);
      expect(kvs.getStore(arn)!.Items).toEqual(SEEDED);
    });

    // The valid part of those batches must be fine on its own, or they prove nothing.
    it('the valid part of those batches applies on its own (control)', async () => {
      const { kvs, data, arn } = world({ quotas: { storeSizeBytes: VALID_49_SIZE + 10, updatePayloadBytes: 800 } });
      const input = batch(25, 24);
      input.Puts.push({ Key: 'last', Value: 'x' });
      await expect(data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, ...input }))).resolves.toEqual({
        ETag: anyETag(),
        ItemCount: 60 - 24 + 26,
        TotalSizeInBytes: VALID_49_SIZE + 6,
        $metadata: metadata(200),
      });
      expect(kvs.getStore(arn)!.Items).toEqual(applied(input));
    });

    it('a stale IfMatch with an otherwise valid batch: Pre-Condition failed (D1)', async () => {
      const { kvs, data, arn } = world();
      const stale = kvs.getStore(arn)!.ETag;
      await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'bump', Value: '1', IfMatch: stale }));
      await expectRejectedUnchanged(kvs, arn, () => data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: stale, ...batch(25, 25) })), ValidationException, 'Pre-Condition failed');
    });

    it('no IfMatch: ValidationException naming IfMatch (D2)', async () => {
      const { kvs, data, arn } = world();
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new UpdateKeysCommand({ KvsARN: arn, ...batch(2, 2) } as never)),
        ValidationException,
        "Value null at 'IfMatch' failed to satisfy constraint: Member must not be null",
      );
    });

    it.each([
      ['neither list', {}],
      ['two empty lists', { Puts: [], Deletes: [] }],
      ['an empty Puts list', { Puts: [] }],
      ['an empty Deletes list', { Deletes: [] }],
    ])('an empty request (%s): ValidationException', async (_, lists) => {
      const { kvs, data, arn } = world();
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, ...lists })),
        ValidationException,
        'UpdateKeys needs at least one item in Puts or Deletes.',
      );
    });

    it('a stale IfMatch wins over a missing key to delete and over the key-count quota', async () => {
      const { kvs, data, arn } = world();
      const spoiled = batch(30, 30);
      spoiled.Deletes.push({ Key: 'missing' });
      await expectRejectedUnchanged(kvs, arn, () => data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: 'KV0AB12C3DEF456', ...spoiled })), ValidationException, 'Pre-Condition failed');
    });

    it('the key-count quota wins over a missing key to delete', async () => {
      const { kvs, data, arn } = world();
      const spoiled = batch(30, 30);
      spoiled.Deletes.push({ Key: 'missing' });
      await expectRejectedUnchanged(kvs, arn, () => data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, ...spoiled })), ServiceQuotaExceededException, 'updates 61 keys');
    });

    it('the 5 MB store limit is all-or-nothing too (real limit)', async () => {
      const { kvs, data } = setup();
      // 5085 pairs of 1031 bytes = 5,242,635; 245 bytes left.
      const items = Array.from({ length: 5085 }, (_, i) => ({ key: `f${String(i).padStart(5, '0')}`, value: 'v'.repeat(1024) }));
      const arn = kvs.seedStore({ items });
      const IfMatch = kvs.getStore(arn)!.ETag;
      // Two pairs of 122 + 123 bytes fit exactly; one byte more does not, and neither pair lands.
      const fits = [{ Key: 'a', Value: 'x'.repeat(120) }, { Key: 'b', Value: 'x'.repeat(121) }];
      const over = [{ Key: 'a', Value: 'x'.repeat(120) }, { Key: 'b', Value: 'x'.repeat(122) }];
      await expectRejectedUnchanged(kvs, arn, () => data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch, Puts: over })), ServiceQuotaExceededException, 'would hold 5242881 bytes');
      const out = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch, Puts: fits }));
      expect(out).toMatchObject({ ItemCount: 5087, TotalSizeInBytes: 5_242_880 });
    });
  });
});
