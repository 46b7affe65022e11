import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { CloudFrontClient, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient, GetKeyCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { Client as SmithyClient } from '@smithy/core/client';
import { createKvsSimulator, KvsMockUsageError, type KvsSimulator } from '../../src';
import { rejection } from '../helpers/clients';
import * as app from './fixtures/app';

/** Where the SDK keeps `send`, and exactly what was there before any install. */
const sendOwner = Object.getPrototypeOf(CloudFrontKeyValueStoreClient.prototype) as { send: unknown };
const pristineSend = Object.getOwnPropertyDescriptor(sendOwner, 'send')!;
const ARN = 'arn:aws:cloudfront::123456789012:key-value-store/00000000-0000-4000-8000-000000000000';

let installed: KvsSimulator[] = [];
function installForTest(kvs: KvsSimulator): KvsSimulator {
  installed.push(kvs);
  return kvs.install();
}

afterEach(() => {
  for (const kvs of installed) kvs.restore();
  installed = [];
});

/** What a client with no region gets from the bare SDK: proof the double is not in the way. */
async function expectBareSdk(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(Error);
  expect(error.message).toBe('Region is missing');
}

describe('install()', () => {
  it('routes clients the application built before the install, and clients built after it', async () => {
    const kvs = installForTest(createKvsSimulator({ seed: 'install' }));
    const arn = kvs.seedStore({ items: { greeting: 'hello' } });

    expect(await app.readKey(arn, 'greeting')).toBe('hello'); // built at import
    const later = app.newKvsClient();
    await app.writeKey(arn, 'greeting', 'bonjour', later); // built after install
    expect(await app.readKey(arn, 'greeting', later)).toBe('bonjour');
    expect(kvs.getStore(arn)?.Items).toEqual({ greeting: 'bonjour' });
  });

  it('routes CloudFront clients too, acting for the simulator account', async () => {
    const kvs = installForTest(createKvsSimulator({ seed: 'install', accountId: '210987654321' }));
    const arn = await app.createStore('from-the-app');
    expect(arn).toMatch(/^arn:aws:cloudfront::210987654321:key-value-store\//);
    expect(await app.storeNames()).toEqual(['from-the-app']);
    expect(kvs.getStore('from-the-app')?.ARN).toBe(arn);
  });

  it('needs no region and no credentials, and answers with the package own exception classes', async () => {
    installForTest(createKvsSimulator());
    const client = new CloudFrontKeyValueStoreClient({});
    const error = await rejection(client.send(new GetKeyCommand({ KvsARN: ARN, Key: 'k' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('reaches a cacheMiddleware client that sent before the install, and lets it go after restore', async () => {
    await expectBareSdk(app.cachedClient.send(new GetKeyCommand({ KvsARN: ARN, Key: 'k' })));

    const kvs = installForTest(createKvsSimulator());
    const arn = kvs.seedStore({ items: { k: 'cached' } });
    expect(await app.readKey(arn, 'k', app.cachedClient)).toBe('cached');
    expect(await app.readKey(arn, 'k', app.cachedClient)).toBe('cached');

    kvs.restore();
    await expectBareSdk(app.cachedClient.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
    expect(app.cachedClient.middlewareStack.identify().join()).not.toContain('cloudfrontKvsMock');
  });

  it('restore() leaves the SDK exactly as found', async () => {
    const kvs = installForTest(createKvsSimulator());
    expect(sendOwner.send).not.toBe(pristineSend.value);
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const client = new CloudFrontKeyValueStoreClient({});
    expect(await app.readKey(arn, 'k', client)).toBe('v');

    expect(kvs.restore()).toBe(true);
    expect(Object.getOwnPropertyDescriptor(sendOwner, 'send')).toEqual(pristineSend);
    expect(sendOwner.send).toBe(pristineSend.value);
    expect(client.middlewareStack.identify()).toEqual(new CloudFrontKeyValueStoreClient({}).middlewareStack.identify());
    await expectBareSdk(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
    await expectBareSdk(new CloudFrontClient({}).send(new ListKeyValueStoresCommand({})));
    expect(kvs.calls()).toHaveLength(1);
  });

  it('is harmless twice: one patch, one restore', async () => {
    const kvs = installForTest(createKvsSimulator());
    const patched = sendOwner.send;
    kvs.install();
    expect(sendOwner.send).toBe(patched);
    const arn = kvs.seedStore({ items: { k: 'v' } });
    expect(await app.readKey(arn, 'k')).toBe('v');
    expect(kvs.calls()).toHaveLength(1); // attached once: one middleware, one call

    expect(kvs.restore()).toBe(true);
    expect(kvs.restore()).toBe(false);
    expect(sendOwner.send).toBe(pristineSend.value);
  });

  it('refuses a second simulator while one is installed, and restore() of the other one does nothing', async () => {
    const first = installForTest(createKvsSimulator());
    const second = createKvsSimulator();
    expect(() => second.install()).toThrow(KvsMockUsageError);
    expect(() => second.install()).toThrow(/another simulator is installed\. Call restore\(\) on it first/);
    expect(second.restore()).toBe(false);
    expect(first.installed).toBe(true);
    expect(second.installed).toBe(false);

    const arn = first.seedStore({ items: { k: 'first' } });
    expect(await app.readKey(arn, 'k')).toBe('first');
    first.restore();
    installForTest(second);
    const arn2 = second.seedStore({ items: { k: 'second' } });
    expect(await app.readKey(arn2, 'k')).toBe('second');
  });

  it('leaves clients attached with attach() to their own simulator, during and after the install', async () => {
    const own = createKvsSimulator();
    const client = own.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = own.seedStore({ items: { k: 'own' } });
    const global = installForTest(createKvsSimulator());

    expect(await app.readKey(arn, 'k', client)).toBe('own');
    global.restore();
    expect(await app.readKey(arn, 'k', client)).toBe('own');
    expect(global.calls()).toHaveLength(0);
    expect(own.calls()).toHaveLength(2);
  });

  it('picks up a client detach() took off its simulator', async () => {
    const own = createKvsSimulator();
    const client = own.attach(new CloudFrontKeyValueStoreClient({}));
    const global = installForTest(createKvsSimulator());
    const arn = global.seedStore({ items: { k: 'global' } });
    await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))); // own has no such store
    own.detach(client);
    expect(await app.readKey(arn, 'k', client)).toBe('global');
  });

  it('does not touch clients of other AWS services that share the SDK core', async () => {
    installForTest(createKvsSimulator());
    const other = new SmithyClient({ serviceId: 'S3' } as never);
    const command = { resolveMiddleware: () => async () => ({ output: 'answered by the SDK' }) };
    expect(await other.send(command as never)).toBe('answered by the SDK');
    expect(other.middlewareStack.identify()).toEqual([]);
  });

  it('is re-done after jest.resetModules(): install() again patches the fresh SDK copy', async () => {
    const kvs = installForTest(createKvsSimulator());
    const arn = kvs.seedStore({ items: { k: 'v' } });
    expect(await app.readKey(arn, 'k')).toBe('v');

    jest.resetModules();
    const fresh = require('./fixtures/app') as typeof app;
    expect(fresh.sdk.CloudFrontKeyValueStoreClient).not.toBe(app.sdk.CloudFrontKeyValueStoreClient);
    const freshOwner = Object.getPrototypeOf(fresh.sdk.CloudFrontKeyValueStoreClient.prototype) as { send: unknown };
    const freshPristine = Object.getOwnPropertyDescriptor(freshOwner, 'send')!;
    expect(freshOwner).not.toBe(sendOwner);

    // The fresh copy is not patched: its clients go to the bare SDK until install() runs again.
    await expectBareSdk(fresh.readKey(arn, 'k'));
    kvs.install();
    expect(await fresh.readKey(arn, 'k')).toBe('v');
    expect(await app.readKey(arn, 'k')).toBe('v');

    kvs.restore();
    expect(Object.getOwnPropertyDescriptor(freshOwner, 'send')).toEqual(freshPristine);
    expect(Object.getOwnPropertyDescriptor(sendOwner, 'send')).toEqual(pristineSend);
    await expectBareSdk(fresh.readKey(arn, 'k'));
    await expectBareSdk(app.readKey(arn, 'k'));
  });

  it('keeps its state on globalThis under a registry symbol, shared by duplicate copies of this package', () => {
    const kvs = installForTest(createKvsSimulator());
    const state = (globalThis as Record<symbol, { installed?: unknown }>)[Symbol.for('cloudfront-kvs-mock.install')];
    expect(state?.installed).toBe(kvs);
    kvs.restore();
    expect(state?.installed).toBeUndefined();
  });
});
