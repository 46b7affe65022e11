import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontKeyValueStoreServiceException,
  GetKeyCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { metadata, rejection, setup } from '../helpers/clients';
import { expectRejectedUnchanged } from './fixtures';

describe('GetKey', () => {
  it('answers the pair and the store counts, and no ETag (AWS example)', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { key1: 'value1' } });
    const out = await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'key1' }));
    expect(out).toEqual({ Key: 'key1', Value: 'value1', ItemCount: 1, TotalSizeInBytes: 11, $metadata: metadata(200) });
    expect(out).not.toHaveProperty('ETag');
  });

  it('counts the whole store, not the one pair', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1', bb: '22', ccc: '333' } });
    const out = await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'bb' }));
    expect(out).toEqual({ Key: 'bb', Value: '22', ItemCount: 3, TotalSizeInBytes: 3 + 5 + 7, $metadata: metadata(200) });
  });

  it('reads an empty value as an empty string', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { blank: '' } });
    const out = await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'blank' }));
    expect(out).toEqual({ Key: 'blank', Value: '', ItemCount: 1, TotalSizeInBytes: 6, $metadata: metadata(200) });
  });

  it('reads a key of exactly 512 UTF-8 bytes and a value of exactly 1024', async () => {
    const { kvs, data } = setup();
    const key = 'é'.repeat(256);
    const value = '€'.repeat(341) + 'x';
    const arn = kvs.seedStore({ items: [{ key, value }] });
    const out = await data.send(new GetKeyCommand({ KvsARN: arn, Key: key }));
    expect(out).toEqual({ Key: key, Value: value, ItemCount: 1, TotalSizeInBytes: 512 + 1024 + 1, $metadata: metadata(200) });
  });

  it('never changes the store (ETag, items, times)', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const before = kvs.getStore(arn);
    await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    await rejection(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'missing' })));
    expect(kvs.getStore(arn)).toEqual(before);
  });

  it('is case-sensitive and exact: a key that is not there is ResourceNotFoundException 404 (D4)', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { Key: 'v', 'trailing ': 'w' } });
    for (const Key of ['key', 'KEY', 'Key ', 'trailing', ' Key']) {
      const error = await expectRejectedUnchanged(kvs, arn, () => data.send(new GetKeyCommand({ KvsARN: arn, Key })), ResourceNotFoundException, JSON.stringify(Key));
      expect(error.message).toContain(arn);
    }
  });

  it('treats a key above the 512-byte quota (but within the model) as simply not found', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    await expectRejectedUnchanged(kvs, arn, () => data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k'.repeat(1024) })), ResourceNotFoundException, 'was not found');
  });

  it('rejects an empty Key with ValidationException naming Key', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    await expectRejectedUnchanged(
      kvs,
      arn,
      () => data.send(new GetKeyCommand({ KvsARN: arn, Key: '' })),
      ValidationException,
      "Value at 'Key' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('rejects a Key over 1024 characters with ValidationException; 1024 characters pass the model', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    await expectRejectedUnchanged(
      kvs,
      arn,
      () => data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k'.repeat(1025) })),
      ValidationException,
      "Value at 'Key' failed to satisfy constraint: Member must have length less than or equal to 1024",
    );
    // Length is counted in code points: 1024 emoji are 2048 UTF-16 units but within the model.
    await expectRejectedUnchanged(kvs, arn, () => data.send(new GetKeyCommand({ KvsARN: arn, Key: '😀'.repeat(1024) })), ResourceNotFoundException, 'was not found');
    await expectRejectedUnchanged(kvs, arn, () => data.send(new GetKeyCommand({ KvsARN: arn, Key: '😀'.repeat(1025) })), ValidationException, 'less than or equal to 1024');
  });

  it('without a Key throws the SDK own client-side error, before any request', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const error = await rejection(data.send(new GetKeyCommand({ KvsARN: arn } as never)));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
    expect(error.message).toBe('No value provided for input HTTP label: Key.');
    expect(error.$metadata).toBeUndefined();
    expect(kvs.calls()).toEqual([]);
  });

  it('with a lone surrogate in Key throws the SDK URIError, as the SDK does when it builds the path', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const error = await rejection(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'bad\ud800' })));
    expect(error).toBeInstanceOf(URIError);
    expect(kvs.calls()).toEqual([]);
  });
});
