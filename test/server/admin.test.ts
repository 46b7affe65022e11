import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { CreateKeyValueStoreCommand, DescribeKeyValueStoreCommand } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreServiceException, ConflictException, GetKeyCommand, PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { KvsMockUsageError } from '../../src';
import { KvsAdminClient } from '../../src/server';
import { rejection } from '../helpers/clients';
import { startServerWithClients, type ServerSetup } from '../helpers/server';

describe('server: the admin API and its typed client', () => {
  let s: ServerSetup;
  let admin: KvsAdminClient;
  beforeAll(async () => {
    s = await startServerWithClients({ seed: 'admin', provisioningDelayMs: 60_000 });
    admin = new KvsAdminClient(s.server.url);
  });
  afterAll(() => s.close());
  beforeEach(() => admin.reset());

  it('health names the account and the seed', async () => {
    expect(await admin.health()).toEqual({ status: 'ok', accountId: '123456789012', seed: 'admin' });
  });

  it('seeds a store the clients then read, and reads a store back', async () => {
    const arn = await admin.seedStore({ name: 'redirects', items: { '/old': '/new' } });
    const out = await s.data.send(new GetKeyCommand({ KvsARN: arn, Key: '/old' }));
    expect(out.Value).toBe('/new');
    expect(await admin.getStore('redirects')).toMatchObject({ ARN: arn, Items: { '/old': '/new' }, Status: 'READY' });
    expect(await admin.getStore('missing')).toBeUndefined();
    expect(s.server.simulator.getStore(arn)?.Items).toEqual({ '/old': '/new' });
  });

  it('takes a snapshot and restores it, ETags included', async () => {
    const arn = await admin.seedStore({ name: 'snap', items: { a: '1' } });
    const saved = await admin.snapshot();
    const etag = (await admin.getStore(arn))!.ETag;
    await s.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: etag }));
    await admin.loadSnapshot(saved);
    expect(await admin.getStore(arn)).toMatchObject({ ETag: etag, Items: { a: '1' } });
  });

  it('reads and clears the call log, filtered; errors by name and message', async () => {
    const arn = await admin.seedStore({ items: { a: '1' } });
    await s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    await rejection(s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'zz' })));
    const calls = await admin.calls({ operation: 'GetKey' });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ plane: 'data', clientName: 'CloudFrontKeyValueStoreClient', operation: 'GetKey', input: { KvsARN: arn, Key: 'a' }, output: { Value: '1' } });
    expect(new Date(calls[0]!.time).getTime()).not.toBeNaN();
    expect(calls[1]!.error).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    await admin.clearCalls();
    expect(await admin.calls()).toEqual([]);
  });

  it('injects faults: a service error, matched by input, and a dropped connection; clears them', async () => {
    const arn = await admin.seedStore({ items: { a: '1', hot: '2' } });
    expect(await admin.injectFault({ operation: 'GetKey', error: 'ThrottlingException', match: { Key: 'hot' }, times: 1 })).toEqual({ remaining: 1 });
    expect((await s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('1');
    const throttled = await rejection(s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'hot' })));
    expect(throttled).toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
    expect(throttled.name).toBe('ThrottlingException');
    expect(throttled.$metadata.httpStatusCode).toBe(429);

    await admin.injectFault({ operation: 'PutKey', error: { code: 'ConflictException', message: 'busy' } });
    const conflict = await rejection(s.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: 'x', IfMatch: 'KV' })));
    expect(conflict).toBeInstanceOf(ConflictException);
    expect(conflict.message).toBe('busy');

    await admin.injectFault({ operation: 'GetKey', transportError: 'socket hang up', times: Infinity });
    const dropped = await rejection(s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' })));
    expect(dropped.$metadata?.httpStatusCode).toBeUndefined();
    await admin.clearFaults();
    expect((await s.data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('1');
    expect(s.server.simulator.getStore(arn)?.Items).toEqual({ a: '1', hot: '2' });
  });

  it('moves the clock: a store provisioning for a minute is READY once the clock is advanced', async () => {
    const created = await s.control.send(new CreateKeyValueStoreCommand({ Name: 'slow' }));
    expect(created.KeyValueStore?.Status).toBe('PROVISIONING');
    const frozen = await admin.setClock({ frozen: true });
    expect(frozen.frozen).toBe(true);
    const moved = await admin.setClock({ advanceMs: 60_000 });
    expect(moved.epochMs).toBe(frozen.epochMs + 60_000);
    expect((await s.control.send(new DescribeKeyValueStoreCommand({ Name: 'slow' }))).KeyValueStore?.Status).toBe('READY');
    const set = await admin.setClock({ time: '2030-01-01T00:00:00Z', frozen: false });
    expect(set).toMatchObject({ frozen: false });
    expect((await admin.clock()).epochMs).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
  });

  it('seeds functions and S3 import objects', async () => {
    await admin.putS3Object('s3://bucket/import.json', { data: [{ key: 'k', value: 'v' }] });
    const created = await s.control.send(new CreateKeyValueStoreCommand({ Name: 'imported', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/import.json' } }));
    await admin.setClock({ advanceMs: 60_000 });
    expect((await admin.getStore(created.KeyValueStore!.ARN!))?.Items).toEqual({ k: 'v' });
    const fn = await admin.seedFunction({ name: 'redirect', code: 'function handler(e) { return e.request; }', publish: true });
    expect(fn).toMatch(/^arn:aws:cloudfront::123456789012:function\/redirect$/);
  });

  it('refuses a misuse with a message that says what to send', async () => {
    await expect(admin.injectFault({ operation: 'NoSuchOp' as never, error: 'ConflictException' })).rejects.toThrow(KvsMockUsageError);
    await expect(admin.injectFault({ operation: 'NoSuchOp' as never, error: 'ConflictException' })).rejects.toThrow(/400 .*NoSuchOp/);
    await expect(admin.setClock({ advanceMs: -1 })).rejects.toThrow(/400 .*advance/);
    const response = await fetch(`${s.server.url}/_kvs-mock/stores`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('not valid JSON');
    const wrong = await fetch(`${s.server.url}/_kvs-mock/faults`, { method: 'POST', body: '{"operation":"GetKey","when":"x"}' });
    expect(wrong.status).toBe(400);
  });
});
