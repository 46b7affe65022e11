// The global install under vitest: the lifecycle the README shows, with the application's own clients.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from '../../src';
import * as app from './fixtures/app';

const sendOwner = Object.getPrototypeOf(CloudFrontKeyValueStoreClient.prototype) as { send: unknown };
const pristineSend = sendOwner.send;
const kvs = createKvsSimulator({ seed: 'vitest' });

beforeEach(() => {
  kvs.install();
});

afterEach(() => {
  kvs.restore();
  kvs.reset();
});

describe('install() under vitest', () => {
  it("answers the application's own clients, built at import", async () => {
    const arn = kvs.seedStore({ items: { k: 'v' } });
    await app.writeKey(arn, 'k', 'w');
    expect(await app.readKey(arn, 'k')).toBe('w');
    expect(await app.createStore('made-by-the-app')).toMatch(/^arn:aws:cloudfront::123456789012:key-value-store\//);
  });

  it('still answers after vi.resetModules() and a fresh import of the application', async () => {
    vi.resetModules();
    const fresh = (await import('./fixtures/app.js')) as typeof app;
    kvs.install(); // harmless when the SDK copy did not change, needed when it did
    const arn = kvs.seedStore({ items: { k: 'fresh' } });
    expect(await fresh.readKey(arn, 'k')).toBe('fresh');
  });

  it('restore() leaves the SDK as found', async () => {
    kvs.restore();
    expect(sendOwner.send).toBe(pristineSend);
    await expect(app.readKey('arn:aws:cloudfront::123456789012:key-value-store/x', 'k')).rejects.toThrow('Region is missing');
  });
});
