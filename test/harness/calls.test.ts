import { describe, expect, it } from '@jest/globals';
import { CreateKeyValueStoreCommand, DescribeKeyValueStoreCommand as DescribeControlCommand } from '@aws-sdk/client-cloudfront';
import { DescribeKeyValueStoreCommand, GetKeyCommand, PutKeyCommand, ValidationException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { KvsMockUsageError, manualClock } from '../../src';
import { rejection, setup } from '../helpers/clients';

async function traffic() {
  const clock = manualClock('2024-05-01T12:00:00Z');
  const { kvs, data, control } = setup({ clock });
  const other = kvs.cloudFrontClient({}, { accountId: '210987654321' });
  const arn = kvs.seedStore({ name: 'store', items: { k: 'v' } });
  const described = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
  clock.advance(1000);
  await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'w', IfMatch: described.ETag }));
  const failure = await rejection(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k'.repeat(2000) })));
  clock.advance(1000);
  await control.send(new DescribeControlCommand({ Name: 'store' }));
  await other.send(new CreateKeyValueStoreCommand({ Name: 'theirs' }));
  return { kvs, arn, described, failure };
}

describe('calls(): the call log', () => {
  it('records every command of both clients in order, with input, output or error, time, request id and account', async () => {
    const { kvs, arn, described, failure } = await traffic();
    const calls = kvs.calls();
    expect(calls.map((c) => [c.clientName, c.plane, c.operation, c.accountId, c.time.toISOString()])).toEqual([
      ['CloudFrontKeyValueStoreClient', 'data', 'DescribeKeyValueStore', '123456789012', '2024-05-01T12:00:00.000Z'],
      ['CloudFrontKeyValueStoreClient', 'data', 'PutKey', '123456789012', '2024-05-01T12:00:01.000Z'],
      ['CloudFrontKeyValueStoreClient', 'data', 'GetKey', '123456789012', '2024-05-01T12:00:01.000Z'],
      ['CloudFrontClient', 'control', 'DescribeKeyValueStore', '123456789012', '2024-05-01T12:00:02.000Z'],
      ['CloudFrontClient', 'control', 'CreateKeyValueStore', '210987654321', '2024-05-01T12:00:02.000Z'],
    ]);
    expect(calls[0]).toEqual({
      clientName: 'CloudFrontKeyValueStoreClient',
      plane: 'data',
      operation: 'DescribeKeyValueStore',
      input: { KvsARN: arn },
      output: described,
      time: new Date('2024-05-01T12:00:00Z'),
      requestId: described.$metadata.requestId,
      accountId: '123456789012',
    });
    expect(calls[2]?.error).toBe(failure);
    expect(failure).toBeInstanceOf(ValidationException);
    expect(calls[2]).not.toHaveProperty('output');
    expect(calls[2]?.requestId).toBe(failure.$metadata.requestId);
  });

  it('filters by operation name, by { operation, plane, clientName }, or by a predicate', async () => {
    const { kvs } = await traffic();
    expect(kvs.calls('DescribeKeyValueStore').map((c) => c.plane)).toEqual(['data', 'control']);
    expect(kvs.calls({ operation: 'DescribeKeyValueStore', plane: 'control' }).map((c) => c.clientName)).toEqual(['CloudFrontClient']);
    expect(kvs.calls({ plane: 'data' }).map((c) => c.operation)).toEqual(['DescribeKeyValueStore', 'PutKey', 'GetKey']);
    expect(kvs.calls({ clientName: 'CloudFrontClient' }).map((c) => c.operation)).toEqual(['DescribeKeyValueStore', 'CreateKeyValueStore']);
    expect(kvs.calls({})).toHaveLength(5);
    expect(kvs.calls((c) => c.error !== undefined).map((c) => c.operation)).toEqual(['GetKey']);
    expect(kvs.calls('UpdateKeys')).toEqual([]);
    expect(() => kvs.calls({ command: 'GetKey' } as never)).toThrow(KvsMockUsageError);
    expect(() => kvs.calls({ command: 'GetKey' } as never)).toThrow(/unknown option "command"\. Known options: operation, plane, clientName/);
  });

  it('gives a copy; clearCalls() empties the log and keeps the stores, reset() empties both', async () => {
    const { kvs, arn } = await traffic();
    const copy = kvs.calls();
    copy.length = 0;
    expect(kvs.calls()).toHaveLength(5);
    kvs.clearCalls();
    expect(kvs.calls()).toEqual([]);
    expect(kvs.getStore(arn)?.Items).toEqual({ k: 'w' });
    kvs.reset();
    expect(kvs.getStore(arn)).toBeUndefined();
  });

  it('reads the clock once per call: the logged time is the time the call acted at', async () => {
    // A clock that moves on every read: were it read more than once per call, the times would part.
    let reads = 0;
    const clock = () => Date.UTC(2024, 4, 1) + 1000 * ++reads;
    const { kvs, data, control } = setup({ clock });
    const arn = kvs.seedStore({ name: 'store', items: { k: 'v' } });
    const etag = kvs.getStore(arn)!.ETag;
    reads = 0;
    await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'w', IfMatch: etag }));
    expect(reads).toBe(1);
    const described = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(reads).toBe(2);
    expect(described.LastModified).toEqual(kvs.calls('PutKey')[0]!.time);
    const created = await control.send(new CreateKeyValueStoreCommand({ Name: 'second' }));
    expect(reads).toBe(3);
    expect(created.KeyValueStore!.LastModifiedTime).toEqual(kvs.calls('CreateKeyValueStore')[0]!.time);
  });
});

describe('calls(): a filter that names nothing the simulator logs is refused', () => {
  const ALL =
    'DescribeKeyValueStore, GetKey, ListKeys, PutKey, DeleteKey, UpdateKeys, CreateKeyValueStore, ListKeyValueStores, UpdateKeyValueStore, DeleteKeyValueStore, ListTagsForResource, TagResource, UntagResource, CreateFunction, DescribeFunction, GetFunction, UpdateFunction, PublishFunction, TestFunction, ListFunctions, DeleteFunction';

  function usageError(fn: () => unknown): Error {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(KvsMockUsageError);
      return error as Error;
    }
    throw new Error('expected a KvsMockUsageError');
  }

  it('refuses a misspelt operation name, quoting it and listing the valid names', async () => {
    const { kvs } = await traffic();
    expect(usageError(() => kvs.calls('PutKeys' as never)).message).toBe(`[cloudfront-kvs-mock] calls(operation): operation must be one the simulator answers (${ALL}), got "PutKeys".`);
    expect(usageError(() => kvs.calls({ operation: 'putKey' as never })).message).toBe(`[cloudfront-kvs-mock] calls(filter): operation must be one the simulator answers (${ALL}), got "putKey".`);
    expect(usageError(() => kvs.calls(42 as never)).message).toMatch(/calls\(operation\): operation must be one .*, got 42\.$/);
    // The log is untouched, and the right names still find the calls.
    expect(kvs.calls('PutKey')).toHaveLength(1);
    expect(kvs.calls({ operation: 'PutKey' })).toHaveLength(1);
  });

  it('refuses an operation of the other plane, an unknown plane and an unknown client', async () => {
    const { kvs } = await traffic();
    expect(usageError(() => kvs.calls({ operation: 'GetKey', plane: 'control' })).message).toMatch(
      /calls\(filter\): operation must be one the simulator answers on the control plane \(CreateKeyValueStore, DescribeKeyValueStore, .*UntagResource, CreateFunction, .*DeleteFunction\), got "GetKey"\./,
    );
    expect(usageError(() => kvs.calls({ plane: 'edge' as never })).message).toMatch(/calls\(filter\): plane must be 'data' or 'control', got "edge"\./);
    expect(usageError(() => kvs.calls({ clientName: 'CloudFrontKVSClient' })).message).toMatch(
      /calls\(filter\): clientName must be CloudFrontKeyValueStoreClient or CloudFrontClient, got "CloudFrontKVSClient"\./,
    );
    expect(usageError(() => kvs.calls({ clientName: 'CloudFrontClient', plane: 'data' })).message).toMatch(/clientName must be CloudFrontKeyValueStoreClient on the data plane/);
  });

  it('a refused filter changes nothing: the next real call is logged as usual', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    usageError(() => kvs.calls('Getkey' as never));
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v');
    expect(kvs.calls('GetKey').map((c) => c.input)).toEqual([{ KvsARN: arn, Key: 'k' }]);
  });
});
