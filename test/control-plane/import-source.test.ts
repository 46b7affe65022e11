import { describe, expect, it } from '@jest/globals';
import { CloudFrontClient, CreateKeyValueStoreCommand, DeleteKeyValueStoreCommand, InvalidArgument, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import {
  ConflictException,
  CloudFrontKeyValueStoreClient,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { KvsSimulator } from '../../src';
import { rejection, setup } from '../helpers/clients';
import { controlError, createStore, describeStore } from './fixtures';

const SOURCE = 'arn:aws:s3:::amzn-s3-demo-bucket/validJSON.json';

/** Registers `body` as the import object and creates a store from it; returns its ARN. */
async function importStore(kvs: KvsSimulator, control: CloudFrontClient, body: string | Uint8Array | object, name = 'imported') {
  kvs.putS3Object(SOURCE, body);
  const out = await createStore(control, { Name: name, ImportSource: { SourceType: 'S3', SourceARN: SOURCE } });
  return out.KeyValueStore!.ARN!;
}

/** What every failed import must look like on both planes (D11): IMPORT_FAILURE, a reason, no keys. */
async function expectImportFailure(
  { kvs, control, data }: { kvs: KvsSimulator; control: CloudFrontClient; data: CloudFrontKeyValueStoreClient },
  arn: string,
  reason: RegExp | string,
) {
  const store = (await describeStore(control, 'imported')).KeyValueStore!;
  expect(store.Status).toBe('IMPORT_FAILURE');
  expect(store.ARN).toBe(arn);

  const described = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
  expect(described).toMatchObject({ Status: 'IMPORT_FAILURE', ItemCount: 0, TotalSizeInBytes: 0, KvsARN: arn });
  if (typeof reason === 'string') expect(described.FailureReason).toBe(reason);
  else expect(described.FailureReason).toMatch(reason);

  // Every other data-plane call answers D3's conflict: the store has no keys to serve.
  for (const call of [
    // One at a time: started together, a later rejection could arrive (over HTTP) before its handler.
    () => data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })),
    () => data.send(new ListKeysCommand({ KvsARN: arn })),
    () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: described.ETag })),
  ]) {
    const error = await rejection(call());
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toBe(`Key-Value-Store was not in expected state: ${arn} is IMPORT_FAILURE, not READY.`);
  }
  expect(kvs.getStore(arn)).toMatchObject({ Status: 'IMPORT_FAILURE', ItemCount: 0, Items: {} });
  expect(kvs.getStore(arn)!.FailureReason).toBe(described.FailureReason);
}

describe('CreateKeyValueStore with an ImportSource (D11)', () => {
  describe('a bad ImportSource → InvalidArgument, nothing created', () => {
    it.each([
      ['SourceType other than S3', { SourceType: 'HTTP', SourceARN: SOURCE }, /Value at 'ImportSource.SourceType' failed to satisfy constraint: Member must satisfy enum value set: \[S3\]/],
      ['a bucket ARN, not an object ARN', { SourceType: 'S3', SourceARN: 'arn:aws:s3:::amzn-s3-demo-bucket' }, /Value at 'ImportSource.SourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      ['a bucket ARN with a trailing slash', { SourceType: 'S3', SourceARN: 'arn:aws:s3:::amzn-s3-demo-bucket/' }, /'ImportSource.SourceARN'/],
      ['an s3:// URL', { SourceType: 'S3', SourceARN: 's3://amzn-s3-demo-bucket/validJSON.json' }, /'ImportSource.SourceARN'/],
      ['an ARN of another service', { SourceType: 'S3', SourceARN: 'arn:aws:cloudfront::123456789012:key-value-store/x' }, /'ImportSource.SourceARN'/],
      ['an empty SourceARN', { SourceType: 'S3', SourceARN: '' }, /'ImportSource.SourceARN'/],
      ['a missing SourceARN', { SourceType: 'S3' }, /Value null at 'ImportSource.SourceARN' failed to satisfy constraint: Member must not be null/],
      ['a missing SourceType', { SourceARN: SOURCE }, /Value null at 'ImportSource.SourceType' failed to satisfy constraint: Member must not be null/],
    ])('%s', async (_, source, message) => {
      const { kvs, control } = setup();
      kvs.putS3Object(SOURCE, { data: [] });
      await controlError(
        control.send(new CreateKeyValueStoreCommand({ Name: 'imported', ImportSource: source as never })),
        InvalidArgument,
        'InvalidArgument',
        400,
        message,
      );
      expect(kvs.getStore('imported')).toBeUndefined();
      expect((await control.send(new ListKeyValueStoresCommand({}))).KeyValueStoreList!.Quantity).toBe(0);
    });
  });

  describe('a registered object is imported and served on the data plane', () => {
    const file = { data: [{ key: 'key1', value: 'value1' }, { key: 'key2', value: 'value2' }, { key: 'é', value: '日本' }] };

    it.each([
      ['ARN location, object body', SOURCE, file],
      ['s3:// location, string body', 's3://amzn-s3-demo-bucket/validJSON.json', JSON.stringify(file, null, 2)],
      ['{ Bucket, Key } location, bytes body', { Bucket: 'amzn-s3-demo-bucket', Key: 'validJSON.json' }, new TextEncoder().encode(JSON.stringify(file))],
    ])('%s', async (_, location, body) => {
      const { kvs, control, data } = setup();
      kvs.putS3Object(location, body);

      const created = await createStore(control, { Name: 'imported', ImportSource: { SourceType: 'S3', SourceARN: SOURCE } });
      expect(created.KeyValueStore!.Status).toBe('PROVISIONING');
      const arn = created.KeyValueStore!.ARN!;

      expect((await describeStore(control, 'imported')).KeyValueStore!.Status).toBe('READY');
      const described = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      // D7: (4+6+1) + (4+6+1) + (2+6+1)
      expect(described).toMatchObject({ Status: 'READY', ItemCount: 3, TotalSizeInBytes: 31, KvsARN: arn });
      expect(described).not.toHaveProperty('FailureReason');
      expect(await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'é' }))).toMatchObject({ Key: 'é', Value: '日本', ItemCount: 3, TotalSizeInBytes: 31 });
      const listed = await data.send(new ListKeysCommand({ KvsARN: arn }));
      expect(listed.Items).toEqual([
        { Key: 'key1', Value: 'value1' },
        { Key: 'key2', Value: 'value2' },
        { Key: 'é', Value: '日本' },
      ]);
      expect(kvs.getStore(arn)!.Items).toEqual({ key1: 'value1', key2: 'value2', é: '日本' });
    });

    it('an imported store takes writes like any other', async () => {
      const { kvs, control, data } = setup();
      const arn = await importStore(kvs, control, { data: [{ key: 'a', value: '1' }] });
      const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: ETag }));
      expect(kvs.getStore(arn)!.Items).toEqual({ a: '1', b: '2' });
    });

    it('an empty data array gives a READY store with no keys', async () => {
      const { kvs, control, data } = setup();
      const arn = await importStore(kvs, control, { data: [] });
      expect(await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).toMatchObject({ Status: 'READY', ItemCount: 0, TotalSizeInBytes: 0 });
    });

    it('accepts pairs exactly at the limits (512-byte key, 1024-byte value, empty value) and a UTF-8 byte-order mark', async () => {
      const { kvs, control, data } = setup();
      const key = 'k'.repeat(512);
      const value = 'é'.repeat(512); // 1024 bytes
      const body = '\uFEFF' + JSON.stringify({ data: [{ key, value }, { key: 'empty', value: '' }] });
      const arn = await importStore(kvs, control, body);
      expect(await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).toMatchObject({ Status: 'READY', ItemCount: 2 });
      expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: key }))).Value).toBe(value);
    });

    it('reads the object at creation only: a later change to it does not reach the store', async () => {
      const { kvs, control } = setup();
      const arn = await importStore(kvs, control, { data: [{ key: 'a', value: 'old' }] });
      kvs.putS3Object(SOURCE, { data: [{ key: 'a', value: 'new' }] });
      expect(kvs.getStore(arn)!.Items).toEqual({ a: 'old' });
    });

    it('several stores may import the same object', async () => {
      const { kvs, control } = setup();
      const one = await importStore(kvs, control, { data: [{ key: 'a', value: '1' }] }, 'one');
      const two = await importStore(kvs, control, { data: [{ key: 'a', value: '1' }] }, 'two');
      expect(kvs.getStore(one)!.Items).toEqual(kvs.getStore(two)!.Items);
    });
  });

  describe('each failure ends in IMPORT_FAILURE on both planes, with a FailureReason and no keys', () => {
    const pair = (key: string, value: string) => ({ key, value });

    it.each<[string, string | Uint8Array | object, RegExp | string]>([
      ['a file over 5 MB', JSON.stringify({ data: [pair('a', 'b')] }).padEnd(5 * 1024 * 1024 + 1, ' '), 'Datasource size exceeds the allowed limit: the file is 5242881 bytes, the limit is 5242880 bytes'],
      ['a key over 512 bytes', { data: [pair('ok', '1'), pair('k'.repeat(513), 'v')] }, 'Item 1 of "data": the key is 513 bytes, the limit is 512 bytes'],
      ['a key of 171 characters that is 513 UTF-8 bytes', { data: [pair('€'.repeat(171), 'v')] }, 'Item 0 of "data": the key is 513 bytes, the limit is 512 bytes'],
      ['a value over 1024 bytes', { data: [pair('big', 'v'.repeat(1025))] }, 'Item 0 of "data": the value of key "big" is 1025 bytes, the limit is 1024 bytes'],
      ['duplicate keys', { data: [pair('a', '1'), pair('b', '2'), pair('a', '3')] }, 'Item 2 of "data" repeats the key "a": keys must be unique'],
      ['malformed JSON', '{"data": [', /^The import file is not valid JSON: /],
      ['an empty file', '', /^The import file is not valid JSON: /],
      ['no "data" member', { items: [pair('a', '1')] }, 'The import file has no "data" member; the format is {"data":[{"key":"k","value":"v"}]}'],
      ['a top-level array', [pair('a', '1')], 'The import file must be a JSON object, {"data":[{"key":"k","value":"v"}]}; it is an array'],
      ['"data" not an array', { data: { a: '1' } }, 'The "data" member of the import file must be an array, {"data":[{"key":"k","value":"v"}]}; it is an object'],
      ['an item that is not an object', { data: ['a=1'] }, 'Item 0 of "data" must be an object {"key":"k","value":"v"}; it is a string ("a=1")'],
      ['an item without "value"', { data: [pair('a', '1'), { key: 'b' }] }, 'Item 1 of "data" has no "value"'],
      ['an item without "key"', { data: [{ value: '1' }] }, 'Item 0 of "data" has no "key"'],
      ['a non-string value', { data: [{ key: 'a', value: 1 }] }, 'Item 0 of "data": "value" must be a string; it is a number (1)'],
      ['a null value', { data: [{ key: 'a', value: null }] }, 'Item 0 of "data": "value" must be a string; it is null'],
      ['a non-string key', { data: [{ key: true, value: '1' }] }, 'Item 0 of "data": "key" must be a string; it is a boolean (true)'],
      ['an empty key', { data: [pair('', '1')] }, 'Item 0 of "data" has an empty key'],
      ['a lone surrogate in a key', '{"data":[{"key":"\\ud800","value":"1"}]}', 'Item 0 of "data" is not valid Unicode (lone surrogate)'],
      ['invalid UTF-8', new Uint8Array([...new TextEncoder().encode('{"data":[{"key":"a","value":"'), 0xff, 0xfe, ...new TextEncoder().encode('"}]}')]), 'The import file is not valid UTF-8'],
    ])('%s', async (_, body, reason) => {
      const clients = setup();
      const arn = await importStore(clients.kvs, clients.control, body);
      await expectImportFailure(clients, arn, reason);
    });

    it('pairs over the 5 MB store quota (here lowered to 20 bytes)', async () => {
      const clients = setup({ quotas: { storeSizeBytes: 20 } });
      const arn = await importStore(clients.kvs, clients.control, { data: [pair('key1', 'value1'), pair('key2', 'value2')] });
      await expectImportFailure(clients, arn, 'Datasource size exceeds the allowed limit: the pairs total 22 bytes, the store limit is 20 bytes');
    });

    it('a missing object', async () => {
      const clients = setup();
      const created = await createStore(clients.control, {
        Name: 'imported',
        ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::amzn-s3-demo-bucket/missing.json' },
      });
      expect(created.$metadata.httpStatusCode).toBe(201);
      await expectImportFailure(
        clients,
        created.KeyValueStore!.ARN!,
        'The import source s3://amzn-s3-demo-bucket/missing.json does not exist or could not be read',
      );
    });

    it('an object registered after the store was created does not repair it; a new store from the fixed file works', async () => {
      const clients = setup();
      const { kvs, control, data } = clients;
      const arn = await importStore(kvs, control, 'not json');
      kvs.putS3Object(SOURCE, { data: [pair('a', '1')] });
      await expectImportFailure(clients, arn, /not valid JSON/);

      const fixed = (await createStore(control, { Name: 'imported-again', ImportSource: { SourceType: 'S3', SourceARN: SOURCE } })).KeyValueStore!.ARN!;
      expect(await data.send(new DescribeKeyValueStoreCommand({ KvsARN: fixed }))).toMatchObject({ Status: 'READY', ItemCount: 1 });
    });

    it('a failed import is listed with Status IMPORT_FAILURE and can be deleted', async () => {
      const { kvs, control } = setup();
      await importStore(kvs, control, { data: 'nope' });
      const list = await control.send(new ListKeyValueStoresCommand({ Status: 'IMPORT_FAILURE' }));
      expect(list.KeyValueStoreList!.Items!.map((s) => s.Name)).toEqual(['imported']);

      const { ETag } = await describeStore(control, 'imported');
      await control.send(new DeleteKeyValueStoreCommand({ Name: 'imported', IfMatch: ETag }));
      expect(kvs.getStore('imported')).toBeUndefined();
    });
  });
});
