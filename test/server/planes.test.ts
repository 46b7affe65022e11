import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateKeyValueStoreCommand, DescribeKeyValueStoreCommand as DescribeControl, EntityAlreadyExists } from '@aws-sdk/client-cloudfront';
import { DeleteKeyCommand, DescribeKeyValueStoreCommand as DescribeData, GetKeyCommand, PutKeyCommand, ResourceNotFoundException, UpdateKeysCommand, ValidationException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { rejection } from '../helpers/clients';
import { startServerWithClients, type ServerSetup } from '../helpers/server';

describe('server: both planes through real clients', () => {
  let s: ServerSetup;
  beforeAll(async () => {
    s = await startServerWithClients();
  });
  afterAll(() => s.close());

  it('creates a store on the control plane and writes and reads it on the data plane', async () => {
    const created = await s.control.send(new CreateKeyValueStoreCommand({ Name: 'planes', Comment: 'c' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.KeyValueStore).toMatchObject({ Name: 'planes', Comment: 'c', Status: 'PROVISIONING' });
    const arn = created.KeyValueStore!.ARN!;
    const described = await s.control.send(new DescribeControl({ Name: 'planes' }));
    expect(described.KeyValueStore?.Status).toBe('READY');

    const { ETag: current } = await s.data.send(new DescribeData({ KvsARN: arn }));
    const { ETag } = await s.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k 1/ü', Value: 'v', IfMatch: current }));
    const got = await s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k 1/ü' }));
    expect(got).toMatchObject({ Key: 'k 1/ü', Value: 'v', ItemCount: 1, TotalSizeInBytes: Buffer.byteLength('k 1/ü') + 1 + 1 });
    expect(got.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(s.server.simulator.getStore(arn)).toMatchObject({ ETag, Items: { 'k 1/ü': 'v' } });
  });

  it('answers service errors as the client package\'s own classes, and changes nothing', async () => {
    const arn = s.server.simulator.seedStore({ items: { a: '1' } });
    const before = s.server.simulator.getStore(arn);
    const missing = await rejection(s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'nope' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const stale = await rejection(s.data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: 'KVwrong' })));
    expect(stale).toBeInstanceOf(ValidationException);
    expect(stale.message).toContain('Pre-Condition failed');
    const duplicate = await rejection(s.control.send(new CreateKeyValueStoreCommand({ Name: before!.Name })));
    expect(duplicate).toBeInstanceOf(EntityAlreadyExists);
    expect(duplicate.$metadata.httpStatusCode).toBe(409);
    expect(s.server.simulator.getStore(arn)).toEqual(before);
  });

  it('applies UpdateKeys and logs each call with its output', async () => {
    const arn = s.server.simulator.seedStore({ items: { a: '1' } });
    s.server.simulator.clearCalls();
    const etag = s.server.simulator.getStore(arn)!.ETag;
    const out = await s.data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts: [{ Key: 'b', Value: '2' }], Deletes: [{ Key: 'a' }] }));
    expect(out).toMatchObject({ ItemCount: 1 });
    const [call] = s.server.simulator.calls('UpdateKeys');
    expect(call).toMatchObject({ plane: 'data', clientName: 'CloudFrontKeyValueStoreClient', input: { KvsARN: arn, IfMatch: etag } });
    expect(call!.output).toMatchObject({ ETag: out.ETag, $metadata: { httpStatusCode: 200 } });
  });
});
