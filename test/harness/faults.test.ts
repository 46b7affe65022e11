import { describe, expect, it, jest } from '@jest/globals';
import {
  CloudFrontServiceException,
  CreateKeyValueStoreCommand,
  DescribeKeyValueStoreCommand as DescribeControlCommand,
  PreconditionFailed,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';
import {
  CloudFrontKeyValueStoreServiceException,
  ConflictException,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { KvsMockUsageError, manualClock } from '../../src';
import { metadata, rejection, setup as setupClients } from '../helpers/clients';

/**
 * Clients that send each command once (`maxAttempts: 1`): these tests pin down what one attempt
 * meets. Retries of retryable faults by the client's own strategy: test/sdk/pipeline.test.ts.
 */
const setup = (options: Parameters<typeof setupClients>[0] = {}) => setupClients(options, { maxAttempts: 1 });

/**
 * The `$fault` the client reads off an unmodeled 5xx: the releases at the floor mark every
 * unmodeled error `client` (their default-error path hard-codes it), later ones go by the status.
 */
const UNMODELED_5XX_FAULT = process.env['KVS_MOCK_SDK_FLOOR'] === '1' ? 'client' : 'server';

async function etagOf(data: ReturnType<typeof setup>['data'], arn: string): Promise<string> {
  return (await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).ETag!;
}

describe('injectFault(): errors', () => {
  it('fails the next call with a modeled error as the client package class, changes nothing, and logs it', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'before' } });
    const ETag = await etagOf(data, arn);
    const fault = kvs.injectFault({ operation: 'PutKey', error: 'ConflictException' });
    expect(fault.remaining).toBe(1);

    const error = await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'after', IfMatch: ETag })));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toMatchObject({ name: 'ConflictException', $fault: 'client', $metadata: metadata(409) });
    expect(error.message).toBe('ConflictException (injected by cloudfront-kvs-mock)');
    expect(fault.remaining).toBe(0);
    expect(kvs.getStore(arn)).toMatchObject({ Items: { k: 'before' }, ETag });
    expect(kvs.calls('PutKey')).toEqual([expect.objectContaining({ operation: 'PutKey', error, requestId: error.$metadata.requestId })]);
    expect(kvs.calls('PutKey')[0]).not.toHaveProperty('output');

    // Used up: the same call now goes through.
    const put = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'after', IfMatch: ETag }));
    expect(put.ETag).not.toBe(ETag);
    expect(kvs.getStore(arn)?.Items).toEqual({ k: 'after' });
  });

  it('fails control-plane calls with the CloudFront package classes and XML error fields', async () => {
    const { kvs, control } = setup();
    kvs.seedStore({ name: 'store' });
    kvs.injectFault({ operation: 'UpdateKeyValueStore', error: { code: 'PreconditionFailed', message: 'The ETag moved.' } });
    const { ETag } = await control.send(new DescribeControlCommand({ Name: 'store' }));

    const error = await rejection(control.send(new UpdateKeyValueStoreCommand({ Name: 'store', Comment: 'new', IfMatch: ETag })));
    expect(error).toBeInstanceOf(PreconditionFailed);
    expect(error).toMatchObject({ name: 'PreconditionFailed', message: 'The ETag moved.', $fault: 'client', $metadata: metadata(412), Code: 'PreconditionFailed', Type: 'Sender' });
    expect(kvs.getStore('store')?.Comment).toBe('');
  });

  it('fails with unmodeled errors such as ThrottlingException as the package base exception, the given number of times', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const fault = kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException', times: 2 });
    for (const remaining of [1, 0]) {
      const error = await rejection(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
      expect(error).toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
      expect(error).toMatchObject({ name: 'ThrottlingException', $fault: 'client', $metadata: metadata(429) });
      expect(fault.remaining).toBe(remaining);
    }
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v');
    expect(kvs.calls('GetKey').map((c) => c.error?.name ?? 'ok')).toEqual(['ThrottlingException', 'ThrottlingException', 'ok']);
  });

  it('takes a status and a fault for any code', async () => {
    const { kvs, control } = setup();
    kvs.injectFault({ operation: 'CreateKeyValueStore', error: { code: 'ServiceUnavailable', status: 503, message: 'Try later.' } });
    const error = await rejection(control.send(new CreateKeyValueStoreCommand({ Name: 'x' })));
    expect(error).toBeInstanceOf(CloudFrontServiceException);
    expect(error).toMatchObject({ name: 'ServiceUnavailable', message: 'Try later.', $fault: UNMODELED_5XX_FAULT, $metadata: metadata(503), Type: 'Receiver' });
    expect(kvs.getStore('x')).toBeUndefined();
  });

  it('throws an Error object as it is, without conversion', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    kvs.injectFault({ operation: 'DescribeKeyValueStore', error: reset });
    expect(await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })))).toBe(reset);
    expect(kvs.calls()[0]?.error).toBe(reset);
  });

  it('applies only to calls whose input passes when(), leaving the others alone', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { hot: '1', cold: '2' } });
    const fault = kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException', when: (input) => input.Key === 'hot' });
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'cold' }))).Value).toBe('2');
    expect(fault.remaining).toBe(1);
    expect((await rejection(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'hot' })))).name).toBe('ThrottlingException');
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'hot' }))).Value).toBe('1');
  });

  it('tells when() which plane, operation and account the call is for', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const seen: unknown[] = [];
    kvs.injectFault({ operation: 'DescribeKeyValueStore', error: 'InternalServerException', when: (_input, call) => (seen.push(call), true) });
    await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })));
    expect(seen).toEqual([{ plane: 'data', operation: 'DescribeKeyValueStore', clientName: 'CloudFrontKeyValueStoreClient', accountId: '123456789012' }]);
  });

  it('keeps to one plane when asked: DescribeKeyValueStore exists on both', async () => {
    const { kvs, data, control } = setup();
    const arn = kvs.seedStore({ name: 'store' });
    kvs.injectFault({ operation: 'DescribeKeyValueStore', plane: 'control', error: 'EntityNotFound' });
    expect((await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).KvsARN).toBe(arn);
    expect((await rejection(control.send(new DescribeControlCommand({ Name: 'store' })))).name).toBe('EntityNotFound');
  });

  it('applies faults in the order they were injected', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException' });
    kvs.injectFault({ operation: 'GetKey', error: 'InternalServerException', times: 2 });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })).then((o) => o.Value, (e: Error) => e.name));
    expect(outcomes).toEqual(['ThrottlingException', 'InternalServerException', 'InternalServerException', 'v']);
  });

  it('fails an UpdateKeys batch before any of it applies', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
    const before = kvs.getStore(arn);
    kvs.injectFault({ operation: 'UpdateKeys', error: 'InternalServerException' });
    const error = await rejection(data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: before!.ETag, Puts: [{ Key: 'c', Value: '3' }], Deletes: [{ Key: 'a' }] })));
    expect(error).toMatchObject({ name: 'InternalServerException', $fault: 'server', $metadata: metadata(500) });
    expect(kvs.getStore(arn)).toEqual(before);
  });

  it('lasts until cancelled with times: Infinity; cancel(), clearFaults() and reset() take faults back', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const get = () => data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })).then((o) => o.Value, (e: Error) => e.name);

    const forever = kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException', times: Infinity });
    expect([await get(), await get(), await get()]).toEqual(['ThrottlingException', 'ThrottlingException', 'ThrottlingException']);
    forever.cancel();
    expect(forever.remaining).toBe(0);
    expect(await get()).toBe('v');

    kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException' });
    kvs.clearFaults();
    expect(await get()).toBe('v');

    kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException' });
    kvs.reset();
    const arn2 = kvs.seedStore({ items: { k: 'v2' } });
    expect((await data.send(new GetKeyCommand({ KvsARN: arn2, Key: 'k' }))).Value).toBe('v2');
  });
});

describe('injectFault(): latency', () => {
  it('delayMs holds the call on setTimeout, so fake timers release it; the call reaches the simulator afterwards', async () => {
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z'), doNotFake: ['nextTick', 'queueMicrotask'] });
    try {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { k: 'v' } });
      kvs.injectFault({ operation: 'GetKey', delayMs: 1000 });
      let settled = false;
      const pending = data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })).finally(() => (settled = true));

      await jest.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      expect(kvs.calls()).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      expect((await pending).Value).toBe('v');
      expect(kvs.calls()[0]?.time).toEqual(new Date('2024-01-01T00:00:01Z'));
    } finally {
      jest.useRealTimers();
    }
  });

  it('delayMs with an error: waits, then fails', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    try {
      const { kvs, data } = setup();
      const arn = kvs.seedStore();
      kvs.injectFault({ operation: 'DescribeKeyValueStore', delayMs: 5000, error: 'InternalServerException' });
      const outcome = rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })));
      await jest.advanceTimersByTimeAsync(5000);
      expect((await outcome).name).toBe('InternalServerException');
    } finally {
      jest.useRealTimers();
    }
  });

  it('advanceClockMs moves the manual clock before the call: a provisioning store is READY for it', async () => {
    const clock = manualClock('2024-01-01T00:00:00Z');
    const { kvs, control } = setup({ clock, provisioningDelayMs: 30_000 });
    await control.send(new CreateKeyValueStoreCommand({ Name: 'slow' }));
    kvs.injectFault({ operation: 'DescribeKeyValueStore', plane: 'control', advanceClockMs: 30_000 });

    const { KeyValueStore } = await control.send(new DescribeControlCommand({ Name: 'slow' }));
    expect(KeyValueStore?.Status).toBe('READY');
    expect(clock()).toBe(Date.parse('2024-01-01T00:00:30Z'));
    expect(kvs.calls()[1]?.time).toEqual(new Date('2024-01-01T00:00:30Z'));
  });
});

describe('injectFault(): misuse', () => {
  it.each([
    [{ operation: 'GetKeys', error: 'ConflictException' }, /operation must be one the simulator answers \(.*GetKey.*\), got "GetKeys"/],
    [{ operation: 'CreateKeyValueStore', plane: 'data', error: 'ConflictException' }, /on the data plane/],
    [{ operation: 'GetKey', plane: 'edge', error: 'ConflictException' }, /plane must be 'data' or 'control'/],
    [{ operation: 'GetKey' }, /say what the fault does/],
    [{ operation: 'GetKey', error: 'ConflictException', times: 0 }, /times must be a whole number >= 1 or Infinity/],
    [{ operation: 'GetKey', error: 'ConflictException', times: 1.5 }, /times must be/],
    [{ operation: 'GetKey', delayMs: -1 }, /delayMs must be a number of milliseconds >= 0/],
    [{ operation: 'GetKey', delayMs: 2 ** 31 }, /delayMs must be at most 2147483647/],
    [{ operation: 'GetKey', advanceClockMs: 10 }, /create the simulator with \{ clock: manualClock\(\) \}/],
    [{ operation: 'GetKey', error: 42 }, /error must be an error code/],
    [{ operation: 'GetKey', error: 'NoSuchThing' }, /error "NoSuchThing" is not an error code the simulator knows \(.*ConflictException.*ThrottlingException.*\)\. For another code, give its status: \{ code: "NoSuchThing", status: 400 \}/],
    [{ operation: 'GetKey', error: { code: 'NoSuchThing' } }, /error.code "NoSuchThing" is not one the simulator knows \(.*\); give its status too/],
    [{ operation: 'GetKey', error: 'toString' }, /error "toString" is not an error code/],
    [{ operation: 'toString', error: 'ConflictException' }, /operation must be one the simulator answers .*got "toString"/],
    [{ operation: 'GetKey', error: { code: 'X', status: 200 } }, /error.status must be an HTTP error status/],
    [{ operation: 'GetKey', error: { code: 'X', fault: 'nobody' } }, /error.fault must be 'client' or 'server'/],
    [{ operation: 'GetKey', error: 'ConflictException', when: true }, /when must be a function/],
    [{ operation: 'GetKey', error: 'ConflictException', count: 2 }, /unknown option "count"/],
  ])('%j is a usage error', (spec, message) => {
    const { kvs } = setup();
    expect(() => kvs.injectFault(spec as never)).toThrow(KvsMockUsageError);
    expect(() => kvs.injectFault(spec as never)).toThrow(message);
  });
});

describe('injectFault(): a refused fault registers nothing', () => {
  const DATA = 'DescribeKeyValueStore, GetKey, ListKeys, PutKey, DeleteKey, UpdateKeys';
  const CONTROL = 'CreateKeyValueStore, ListKeyValueStores, UpdateKeyValueStore, DeleteKeyValueStore, ListTagsForResource, TagResource, UntagResource, CreateFunction, DescribeFunction, GetFunction, UpdateFunction, PublishFunction, TestFunction, ListFunctions, DeleteFunction';

  it('refuses a misspelt operation, quoting it and listing every operation of both planes', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const error = (() => {
      try {
        kvs.injectFault({ operation: 'putKey' as never, error: 'ConflictException' });
      } catch (thrown) {
        return thrown as Error;
      }
      throw new Error('injectFault accepted a misspelt operation');
    })();
    expect(error).toBeInstanceOf(KvsMockUsageError);
    expect(error.message).toBe(`[cloudfront-kvs-mock] injectFault(spec): operation must be one the simulator answers (${DATA}, ${CONTROL}), got "putKey".`);
    // Nothing was registered: the real call that follows goes through.
    const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'w', IfMatch: ETag }));
    expect(kvs.getStore(arn)?.Items).toEqual({ k: 'w' });
    expect(kvs.calls().map((c) => c.error?.name ?? 'ok')).toEqual(['ok', 'ok']);
  });

  it('refuses an error code it does not know as a string, listing the known ones, and registers nothing', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const attempt = () => kvs.injectFault({ operation: 'GetKey', error: 'NoSuchThing' as never, times: Infinity });
    expect(attempt).toThrow(KvsMockUsageError);
    expect(attempt).toThrow('error "NoSuchThing" is not an error code the simulator knows');
    expect(attempt).toThrow('AccessDeniedException, ConflictException, InternalServerException');
    expect(attempt).toThrow('ThrottlingException, Throttling, ServiceUnavailable, ServiceUnavailableException, InternalFailure, RequestTimeout');
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v');
    expect(kvs.calls('GetKey').map((c) => c.error?.name ?? 'ok')).toEqual(['ok']);
  });

  it('still takes any code in the explicit { code, status } form', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    kvs.injectFault({ operation: 'GetKey', error: { code: 'SlowDown', status: 503 } });
    const error = await rejection(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
    expect(error).toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
    expect(error).toMatchObject({ name: 'SlowDown', $fault: UNMODELED_5XX_FAULT, $metadata: metadata(503) });
  });

  it('refuses an operation of the other plane and leaves that plane alone', async () => {
    const { kvs, control } = setup();
    expect(() => kvs.injectFault({ operation: 'CreateKeyValueStore', plane: 'data', error: 'ConflictException' })).toThrow(
      `[cloudfront-kvs-mock] injectFault(spec): operation must be one the simulator answers on the data plane (${DATA}), got "CreateKeyValueStore".`,
    );
    const created = await control.send(new CreateKeyValueStoreCommand({ Name: 'fine' }));
    expect(created.KeyValueStore?.Name).toBe('fine');
  });
});
