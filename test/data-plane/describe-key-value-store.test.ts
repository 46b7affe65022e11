import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontKeyValueStoreServiceException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  PutKeyCommand,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { CreateKeyValueStoreCommand, DescribeKeyValueStoreCommand as DescribeControlCommand } from '@aws-sdk/client-cloudfront';
import { manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { ETAG, anyETag } from './fixtures';

const T0 = Date.parse('2024-05-08T14:48:45.381Z');

describe('DescribeKeyValueStore (data plane)', () => {
  it('describes a READY store: counts, D7 size, ARN, times on the simulator clock, status and the data-plane ETag', async () => {
    const clock = manualClock(T0);
    const { kvs, data } = setup({ clock });
    const arn = kvs.seedStore({ items: { key1: 'value1' } });

    const out = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));

    // AWS's own example: one pair key1/value1 reports 11 bytes (D7).
    expect(out).toEqual({
      ETag: kvs.getStore(arn)!.ETag,
      ItemCount: 1,
      TotalSizeInBytes: 11,
      KvsARN: arn,
      Created: new Date(T0),
      LastModified: new Date(T0),
      Status: 'READY',
      $metadata: metadata(200),
    });
    expect(out.ETag).toMatch(ETAG);
    expect(out.Created).toBeInstanceOf(Date);
    expect(out.LastModified).toBeInstanceOf(Date);
    expect(out).not.toHaveProperty('FailureReason');
  });

  it('describes an empty store with zero counts', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const out = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(out).toMatchObject({ ItemCount: 0, TotalSizeInBytes: 0, KvsARN: arn, Status: 'READY', ETag: anyETag() });
  });

  it('sums D7 sizes over pairs in UTF-8 bytes', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { key1: 'value1', key2: 'value2', 'é': '日本', '😀': '' } });
    const out = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    // 11 + 11 + (2 + 6 + 1) + (4 + 0 + 1)
    expect(out).toMatchObject({ ItemCount: 4, TotalSizeInBytes: 36 });
  });

  it('never changes the ETag, however often it is called', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const before = kvs.getStore(arn);
    const answers = await Promise.all(Array.from({ length: 5 }, () => data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))));
    expect(new Set(answers.map((a) => a.ETag))).toEqual(new Set([before!.ETag]));
    expect(kvs.getStore(arn)).toEqual(before);
  });

  it('reports the ETag, counts and LastModified of the latest write; Created stays', async () => {
    const clock = manualClock(T0);
    const { kvs, data } = setup({ clock });
    const arn = kvs.seedStore();
    const first = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));

    clock.advance(60_000);
    const put = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'key1', Value: 'value1', IfMatch: first.ETag }));
    const afterPut = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(afterPut).toMatchObject({ ETag: put.ETag, ItemCount: 1, TotalSizeInBytes: 11, Created: new Date(T0), LastModified: new Date(T0 + 60_000) });
    expect(afterPut.ETag).not.toBe(first.ETag);

    clock.advance(1_500);
    const update = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: put.ETag, Puts: [{ Key: 'key2', Value: 'value2' }] }));
    clock.advance(1_000);
    const del = await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'key1', IfMatch: update.ETag }));
    const last = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(last).toMatchObject({ ETag: del.ETag, ItemCount: 1, TotalSizeInBytes: 11, Created: new Date(T0), LastModified: new Date(T0 + 62_500) });
  });

  it('describes a store created through the control plane, with a data-plane ETag distinct from the control-plane one (D8)', async () => {
    const clock = manualClock(T0);
    const { data, control } = setup({ clock });
    const created = await control.send(new CreateKeyValueStoreCommand({ Name: 'made-by-control' }));
    const arn = created.KeyValueStore!.ARN!;

    const out = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(out).toEqual({
      ETag: anyETag(),
      ItemCount: 0,
      TotalSizeInBytes: 0,
      KvsARN: arn,
      Created: new Date(T0),
      LastModified: new Date(T0),
      Status: 'READY',
      $metadata: metadata(200),
    });
    const controlETag = (await control.send(new DescribeControlCommand({ Name: 'made-by-control' }))).ETag;
    expect(controlETag).toMatch(/^E[0-9A-Z]{12,13}$/);
    expect(out.ETag).not.toBe(controlETag);
  });

  it('describes a store whose import failed: Status IMPORT_FAILURE with its FailureReason, no keys (D3, D11)', async () => {
    const { kvs, data, control } = setup();
    kvs.putS3Object('arn:aws:s3:::bucket/broken.json', '{"data": [ {"key": "a", "value": ');
    const created = await control.send(
      new CreateKeyValueStoreCommand({ Name: 'broken', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/broken.json' } }),
    );
    const arn = created.KeyValueStore!.ARN!;

    const out = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(out).toEqual({
      ETag: anyETag(),
      ItemCount: 0,
      TotalSizeInBytes: 0,
      KvsARN: arn,
      Created: expect.any(Date),
      LastModified: expect.any(Date),
      Status: 'IMPORT_FAILURE',
      FailureReason: expect.stringContaining('not valid JSON'),
      $metadata: metadata(200),
    });
  });

  it('describes a store whose import file is too large with the FailureReason of AWS example', async () => {
    const { kvs, data, control } = setup({ quotas: { importFileSizeBytes: 64 } });
    kvs.putS3Object('s3://bucket/big.json', { data: [{ key: 'k', value: 'v'.repeat(100) }] });
    const created = await control.send(
      new CreateKeyValueStoreCommand({ Name: 'big', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/big.json' } }),
    );
    const out = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: created.KeyValueStore!.ARN! }));
    expect(out.Status).toBe('IMPORT_FAILURE');
    expect(out.FailureReason).toContain('Datasource size exceeds the allowed limit');
  });

  it('without a KvsARN throws the SDK endpoint error before any request', async () => {
    const { kvs, data } = setup();
    const error = await rejection(data.send(new DescribeKeyValueStoreCommand({} as never)));
    expect(error.name).toBe('EndpointError');
    expect(error.message).toBe('KVS ARN must be provided to use this service');
    expect(error).not.toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
    expect(error.$metadata).toBeUndefined();
    expect(kvs.calls()).toEqual([]);
  });
});
