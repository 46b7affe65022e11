import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontKeyValueStoreServiceException,
  DeleteKeyCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { anyETag, expectRejectedUnchanged, expectServiceError } from './fixtures';

const T0 = Date.parse('2024-01-22T10:00:00.000Z');

describe('DeleteKey', () => {
  it('removes the pair: new ETag, counts after the delete, state and LastModified on the simulator clock', async () => {
    const clock = manualClock(T0);
    const { kvs, data } = setup({ clock });
    const arn = kvs.seedStore({ items: { key1: 'value1', key2: 'value2' } });
    const before = kvs.getStore(arn)!;
    clock.advance(42);

    const out = await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'key1', IfMatch: before.ETag }));

    expect(out).toEqual({ ETag: anyETag(), ItemCount: 1, TotalSizeInBytes: 11, $metadata: metadata(200) });
    expect(out.ETag).not.toBe(before.ETag);
    expect(kvs.getStore(arn)).toEqual({ ...before, ETag: out.ETag, ItemCount: 1, TotalSizeInBytes: 11, LastModified: new Date(T0 + 42), Items: { key2: 'value2' } });
    expectServiceError(await rejection(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'key1' }))), ResourceNotFoundException, 'was not found');
  });

  it('empties the store when it deletes the last key', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { 'only-key': '日本語' } });
    const out = await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'only-key', IfMatch: kvs.getStore(arn)!.ETag }));
    expect(out).toEqual({ ETag: anyETag(), ItemCount: 0, TotalSizeInBytes: 0, $metadata: metadata(200) });
    expect(kvs.getStore(arn)!.Items).toEqual({});
  });

  it('a key deleted and put again is a fresh key', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'old' } });
    const del = await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'k', IfMatch: kvs.getStore(arn)!.ETag }));
    const put = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'new', IfMatch: del.ETag }));
    expect(put).toMatchObject({ ItemCount: 1, TotalSizeInBytes: 5 });
    expect(new Set([del.ETag, put.ETag]).size).toBe(2);
  });

  it('a key that is not there: ResourceNotFoundException 404 naming the key, nothing changes, the ETag stays valid (D4)', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const IfMatch = kvs.getStore(arn)!.ETag;
    const error = await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'missing', IfMatch })), ResourceNotFoundException, 'Key "missing" was not found');
    expect(error.message).toContain(arn);
    // The failed delete did not use the ETag up.
    await expect(data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch }))).resolves.toMatchObject({ ItemCount: 0 });
  });

  it('deleting twice with the new ETag: the second delete is not found', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const first = await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: kvs.getStore(arn)!.ETag }));
    await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: first.ETag! })), ResourceNotFoundException, '"a"');
  });

  it('a key over the 512-byte quota (within the model): ServiceQuotaExceededException 402, as in UpdateKeys Deletes (D6)', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const IfMatch = kvs.getStore(arn)!.ETag;
    await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: '日'.repeat(171), IfMatch })), ServiceQuotaExceededException, 'the key is 513 bytes in UTF-8; a key may be at most 512 bytes');
    // At exactly 512 bytes the key passes the quota and is simply not there.
    await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'é'.repeat(256), IfMatch })), ResourceNotFoundException, 'was not found');
  });

  describe('IfMatch (D1, D2)', () => {
    it('without IfMatch: ValidationException naming IfMatch, nothing changes', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a' } as never)),
        ValidationException,
        "Value null at 'IfMatch' failed to satisfy constraint: Member must not be null",
      );
    });

    it('with a stale ETag: ValidationException "Pre-Condition failed", nothing changes', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
      const stale = kvs.getStore(arn)!.ETag;
      await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'b', IfMatch: stale }));
      await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: stale })), ValidationException, 'Pre-Condition failed');
      expect(kvs.getStore(arn)!.Items).toEqual({ a: '1' });
    });

    it('with the control-plane ETag: Pre-Condition failed (D8)', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: kvs.getStore(arn)!.ControlETag })), ValidationException, 'Pre-Condition failed');
    });

    it('a stale ETag wins over a missing key (the ETag is checked first)', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'missing', IfMatch: 'KV0000000000000' })), ValidationException, 'Pre-Condition failed');
    });
  });

  describe('Key', () => {
    it('an empty Key: ValidationException, nothing changes', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: '', IfMatch: kvs.getStore(arn)!.ETag })),
        ValidationException,
        "Value at 'Key' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    it('a Key over 1024 characters: ValidationException, nothing changes', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(
        kvs,
        arn,
        () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'k'.repeat(1025), IfMatch: kvs.getStore(arn)!.ETag })),
        ValidationException,
        'Member must have length less than or equal to 1024',
      );
    });

    it('without a Key: the SDK own client-side error, before any request', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      const error = await rejection(data.send(new DeleteKeyCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag } as never)));
      expect(error).not.toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
      expect(error.message).toBe('No value provided for input HTTP label: Key.');
      expect(kvs.calls()).toEqual([]);
      expect(kvs.getStore(arn)!.Items).toEqual({ a: '1' });
    });
  });
});
