import { describe, expect, it } from '@jest/globals';
import { DescribeKeyValueStoreCommand as DescribeControlCommand } from '@aws-sdk/client-cloudfront';
import {
  CloudFrontKeyValueStoreServiceException,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { ETAG, anyETag, currentETag, expectRejectedUnchanged, totalSize } from './fixtures';

const T0 = Date.parse('2024-08-05T20:50:58.843Z');
const FIVE_MB = 5 * 1024 * 1024;

describe('PutKey', () => {
  it('creates a key: new ETag, counts after the write, state and LastModified on the simulator clock', async () => {
    const clock = manualClock(T0);
    const { kvs, data } = setup({ clock });
    const arn = kvs.seedStore({ items: { key1: 'value1' } });
    const before = kvs.getStore(arn)!;
    clock.advance(5_000);

    const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'key2', Value: 'value2', IfMatch: before.ETag }));

    expect(out).toEqual({ ETag: anyETag(), ItemCount: 2, TotalSizeInBytes: 22, $metadata: metadata(200) });
    expect(out.ETag).not.toBe(before.ETag);
    expect(kvs.getStore(arn)).toEqual({
      ...before,
      ETag: out.ETag,
      ItemCount: 2,
      TotalSizeInBytes: 22,
      LastModified: new Date(T0 + 5_000),
      Items: { key1: 'value1', key2: 'value2' },
    });
    expect(await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'key2' }))).toMatchObject({ Value: 'value2', ItemCount: 2 });
  });

  it('replaces the value of an existing key (upsert): same count, size by the new value', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { key1: 'value1', other: 'x' } });
    const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'key1', Value: 'a much longer value', IfMatch: kvs.getStore(arn)!.ETag }));
    expect(out).toEqual({ ETag: anyETag(), ItemCount: 2, TotalSizeInBytes: 4 + 19 + 1 + 7, $metadata: metadata(200) });
    expect(kvs.getStore(arn)!.Items).toEqual({ key1: 'a much longer value', other: 'x' });
  });

  it('rewriting the same value is still a write with a new ETag', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const etag = kvs.getStore(arn)!.ETag;
    const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: etag }));
    expect(out.ETag).toMatch(ETAG);
    expect(out.ETag).not.toBe(etag);
    expect(kvs.getStore(arn)).toMatchObject({ ETag: out.ETag, Items: { k: 'v' }, TotalSizeInBytes: 3 });
  });

  it('chains: each write returns the ETag the next write must present', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    let etag = await currentETag(data, arn);
    const seen = new Set([etag]);
    for (let i = 0; i < 20; i++) {
      const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key: `k${i}`, Value: `${i}`, IfMatch: etag }));
      expect(seen.has(out.ETag!)).toBe(false);
      seen.add(out.ETag!);
      etag = out.ETag!;
      expect(await currentETag(data, arn)).toBe(etag);
    }
    expect(kvs.getStore(arn)!.ItemCount).toBe(20);
  });

  it('accepts an empty value (D6): the pair counts key bytes + 1', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'flag', Value: '', IfMatch: kvs.getStore(arn)!.ETag }));
    expect(out).toEqual({ ETag: anyETag(), ItemCount: 1, TotalSizeInBytes: 5, $metadata: metadata(200) });
    expect(await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'flag' }))).toMatchObject({ Value: '' });
  });

  it('does not touch the control-plane ETag (D8)', async () => {
    const { kvs, data, control } = setup();
    const arn = kvs.seedStore({ name: 'ctl' });
    const controlBefore = (await control.send(new DescribeControlCommand({ Name: 'ctl' }))).ETag;
    await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: kvs.getStore(arn)!.ETag }));
    expect((await control.send(new DescribeControlCommand({ Name: 'ctl' }))).ETag).toBe(controlBefore);
    expect(kvs.getStore(arn)!.ControlETag).toBe(controlBefore);
  });

  describe('IfMatch (D1, D2, D8)', () => {
    it('without IfMatch: ValidationException naming IfMatch, nothing changes', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '2' } as never)),
        ValidationException,
        "Value null at 'IfMatch' failed to satisfy constraint: Member must not be null",
      );
    });

    it.each([
      ['an old ETag', 'old'],
      ['a made-up ETag', 'KV0AB12C3DEF456'],
      ['an empty string', ''],
      ['the control-plane ETag', 'control'],
      ['the ETag in lower case', 'lower'],
    ])('with %s: ValidationException "Pre-Condition failed", nothing changes', async (_, which) => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      const old = kvs.getStore(arn)!.ETag;
      await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '2', IfMatch: old }));
      const state = kvs.getStore(arn)!;
      const IfMatch = { old, '': '', control: state.ControlETag, lower: state.ETag.toLowerCase() }[which] ?? which;
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '3', IfMatch })), ValidationException, 'Pre-Condition failed');
      expect(kvs.getStore(arn)!.Items).toEqual({ a: '2' });
    });
  });

  describe('Key and Value constraints (D6: the model before the quota)', () => {
    const cases: Array<[string, string, string, typeof ValidationException | typeof ServiceQuotaExceededException, string]> = [
      ['an empty Key', '', 'v', ValidationException, "Value at 'Key' failed to satisfy constraint: Member must have length greater than or equal to 1"],
      ['a Key of 1025 characters', 'k'.repeat(1025), 'v', ValidationException, "Value at 'Key' failed to satisfy constraint: Member must have length less than or equal to 1024"],
      ['a Key of 1025 two-byte characters', 'é'.repeat(1025), 'v', ValidationException, 'less than or equal to 1024'],
      ['a Key of 1025 emoji (2050 UTF-16 units)', '😀'.repeat(1025), 'v', ValidationException, 'less than or equal to 1024'],
      ['a Key of 1024 characters (1024 bytes)', 'k'.repeat(1024), 'v', ServiceQuotaExceededException, 'the key is 1024 bytes in UTF-8; a key may be at most 512 bytes'],
      ['a Key of 513 bytes', 'k'.repeat(513), 'v', ServiceQuotaExceededException, 'the key is 513 bytes'],
      ['a Key of 257 two-byte characters (514 bytes)', 'é'.repeat(257), 'v', ServiceQuotaExceededException, 'the key is 514 bytes'],
      ['a Key of 129 emoji (516 bytes)', '😀'.repeat(129), 'v', ServiceQuotaExceededException, 'the key is 516 bytes'],
      ['a Value of 1025 bytes', 'k', 'v'.repeat(1025), ServiceQuotaExceededException, 'is 1025 bytes in UTF-8; a value may be at most 1024 bytes'],
      ['a Value of 342 three-byte characters (1026 bytes)', 'k', '€'.repeat(342), ServiceQuotaExceededException, 'is 1026 bytes'],
      ['a Value of 257 emoji (1028 bytes)', 'k', '😀'.repeat(257), ServiceQuotaExceededException, 'is 1028 bytes'],
      ['a Value with a lone surrogate', 'k', 'bad\udc00', ValidationException, "Value at 'Value' failed to satisfy constraint"],
    ];

    it.each(cases)('%s is rejected and nothing changes', async (_, Key, Value, Class, message) => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      const IfMatch = kvs.getStore(arn)!.ETag;
      const error = await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key, Value, IfMatch })), Class, message);
      if (Class === ServiceQuotaExceededException) expect(error.message).toMatch(/^Limit exceeded/);
    });

    it('without a Value: ValidationException naming Value, nothing changes', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: kvs.getStore(arn)!.ETag } as never)),
        ValidationException,
        "Value null at 'Value' failed to satisfy constraint: Member must not be null",
      );
    });

    it('without a Key: the SDK own client-side error, before any request', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      const before = kvs.getStore(arn);
      const error = await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Value: 'v', IfMatch: before!.ETag } as never)));
      expect(error).not.toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
      expect(error.message).toBe('No value provided for input HTTP label: Key.');
      expect(kvs.calls()).toEqual([]);
      expect(kvs.getStore(arn)).toEqual(before);
    });

    it('lists every broken constraint in one ValidationException', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new PutKeyCommand({ KvsARN: arn, Key: '' } as never)),
        ValidationException,
        /^3 validation errors detected: .*'Key'.*'Value'.*'IfMatch'/,
      );
    });

    it.each([
      ['a 512-byte ASCII key', 'k'.repeat(512), 'v', 512 + 1 + 1],
      ['a 512-byte key of two-byte characters', 'é'.repeat(256), 'v', 512 + 1 + 1],
      ['a 512-byte key of emoji', '😀'.repeat(128), '', 512 + 0 + 1],
      ['a 1024-byte value', 'k', 'v'.repeat(1024), 1 + 1024 + 1],
      ['a 1024-byte value of emoji', 'k', '😀'.repeat(256), 1 + 1024 + 1],
      ['a largest pair', 'é'.repeat(256), '€'.repeat(341) + 'x', 512 + 1024 + 1],
    ])('accepts %s at the exact limit, counted in UTF-8 bytes', async (_, Key, Value, size) => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key, Value, IfMatch: kvs.getStore(arn)!.ETag }));
      expect(out).toEqual({ ETag: anyETag(), ItemCount: 1, TotalSizeInBytes: size, $metadata: metadata(200) });
      expect(kvs.getStore(arn)!.Items).toEqual({ [Key]: Value });
    });
  });

  describe('store size quota (D6, D7)', () => {
    it('fills a store to exactly its limit, and one byte more is ServiceQuotaExceededException (quotas option)', async () => {
      const { kvs, data } = setup({ quotas: { storeSizeBytes: 30 } });
      const arn = kvs.seedStore({ items: { key1: 'value1' } }); // 11
      const etag = kvs.getStore(arn)!.ETag;
      // 11 + (4 + 14 + 1) = 30: exactly the limit.
      const full = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'key2', Value: 'value2-padded!', IfMatch: etag }));
      expect(full).toMatchObject({ ItemCount: 2, TotalSizeInBytes: 30 });

      const msg = 'Limit exceeded: the key value store would hold 31 bytes; a store may hold at most 30 bytes.';
      // A new one-byte key with an empty value needs 2 bytes; a value one byte longer needs 1.
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'key2', Value: 'value2-padded!!', IfMatch: full.ETag })), ServiceQuotaExceededException, msg);
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'x', Value: '', IfMatch: full.ETag })), ServiceQuotaExceededException, 'would hold 32 bytes');

      // Replacing with a shorter value frees room; the same size is still fine.
      const same = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'key2', Value: 'VALUE2-PADDED!', IfMatch: full.ETag }));
      expect(same.TotalSizeInBytes).toBe(30);
      const shrunk = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'key2', Value: 'v', IfMatch: same.ETag }));
      expect(shrunk.TotalSizeInBytes).toBe(17);
    });

    it('holds exactly 5,242,880 bytes and refuses one byte more (the real 5 MB limit)', async () => {
      const { kvs, data } = setup();
      // 5085 pairs of 6 + 1024 + 1 = 1031 bytes: 5,242,635 bytes; 245 left.
      const items = Array.from({ length: 5085 }, (_, i) => ({ key: `f${String(i).padStart(5, '0')}`, value: 'v'.repeat(1024) }));
      const arn = kvs.seedStore({ items });
      expect(kvs.getStore(arn)!.TotalSizeInBytes).toBe(5_242_635);

      const full = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'last', Value: 'x'.repeat(240), IfMatch: kvs.getStore(arn)!.ETag }));
      expect(full).toEqual({ ETag: anyETag(), ItemCount: 5086, TotalSizeInBytes: FIVE_MB, $metadata: metadata(200) });

      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'last', Value: 'x'.repeat(241), IfMatch: full.ETag })),
        ServiceQuotaExceededException,
        `would hold ${FIVE_MB + 1} bytes; a store may hold at most ${FIVE_MB} bytes`,
      );
      expect(kvs.getStore(arn)!.Items['last']).toBe('x'.repeat(240));
    });
  });

  describe('order of checks (README "How the double answers")', () => {
    it('model constraints come before the store lookup', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      const unknown = arn.replace(/[0-9a-f]{12}$/, '000000000000');
      const error = await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: unknown, Key: '', Value: 'v', IfMatch: 'x' })), ValidationException, "'Key'");
      expect(error).not.toBeInstanceOf(ResourceNotFoundException);
    });

    it('the store lookup comes before the ETag', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      const unknown = arn.replace(/[0-9a-f]{12}$/, '000000000000');
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: unknown, Key: 'k', Value: 'v', IfMatch: 'stale' })), ResourceNotFoundException, unknown);
    });

    it('a stale ETag wins over a quota: clients retry on it', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k'.repeat(600), Value: 'v'.repeat(2000), IfMatch: 'stale' })), ValidationException, 'Pre-Condition failed');
    });

    it('the key quota comes before the value quota, both before the store size', async () => {
      const { kvs, data } = setup({ quotas: { storeSizeBytes: 10 } });
      const arn = kvs.seedStore();
      const IfMatch = kvs.getStore(arn)!.ETag;
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k'.repeat(600), Value: 'v'.repeat(2000), IfMatch })), ServiceQuotaExceededException, 'the key is 600 bytes');
      await expectRejectedUnchanged(kvs, arn, () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v'.repeat(2000), IfMatch })), ServiceQuotaExceededException, 'is 2000 bytes');
    });
  });

  it('computes sizes the same way as an independent D7 oracle over many writes', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const model: Record<string, string> = {};
    let etag = kvs.getStore(arn)!.ETag;
    const keys = ['a', 'é', 'e\u0301', '日本語', '😀', 'a/b c?', '\ue000', 'long'.repeat(100)];
    const values = ['', 'x', 'ü'.repeat(100), '𝄞'.repeat(50), 'plain text'];
    for (let i = 0; i < 40; i++) {
      const Key = keys[(i * 7) % keys.length]!;
      const Value = values[(i * 3) % values.length]!;
      const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key, Value, IfMatch: etag }));
      model[Key] = Value;
      expect(out).toMatchObject({ ItemCount: Object.keys(model).length, TotalSizeInBytes: totalSize(model) });
      etag = out.ETag!;
    }
    expect(kvs.getStore(arn)!.Items).toEqual(model);
  });
});
