// An ESM project using the package the way the README shows.
import { expect, test } from 'vitest';
import { createKvsSimulator } from 'cloudfront-kvs-mock';
import { CloudFrontClient, CreateKeyValueStoreCommand, DescribeKeyValueStoreCommand, EntityAlreadyExists } from '@aws-sdk/client-cloudfront';

for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];

test('control plane through an attached client', async () => {
  const kvs = createKvsSimulator();
  const cloudFront = kvs.attach(new CloudFrontClient({}));
  const created = await cloudFront.send(new CreateKeyValueStoreCommand({ Name: 'redirects' }));
  expect(created.KeyValueStore.Status).toBe('PROVISIONING');
  expect((await cloudFront.send(new DescribeKeyValueStoreCommand({ Name: 'redirects' }))).KeyValueStore.Status).toBe('READY');
  await expect(cloudFront.send(new CreateKeyValueStoreCommand({ Name: 'redirects' }))).rejects.toBeInstanceOf(EntityAlreadyExists);
});

import { describe } from 'vitest';
import { useKvsSimulator } from 'cloudfront-kvs-mock/vitest';
import { CloudFrontKeyValueStoreClient, GetKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';

describe('the vitest entry point', () => {
  const kvs = useKvsSimulator();

  test('install, matchers', async () => {
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const own = new CloudFrontKeyValueStoreClient({ region: 'us-east-1' });
    expect((await own.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v');
    expect(kvs).toHaveKey(arn, 'k', expect.stringContaining('v'));
    expect(kvs).toHaveReceivedKvsCommandTimes('GetKey', 1);
  });
});

import { startKvsServer } from 'cloudfront-kvs-mock/server';
import { CreateFunctionCommand, TestFunctionCommand } from '@aws-sdk/client-cloudfront';

test('the server entry point: both planes over HTTP, TestFunction included (the parser loads on first use)', async () => {
  const server = await startKvsServer({ seed: 'consumer' });
  try {
    const arn = await server.admin.seedStore({ name: 'redirects', items: { '/old': '/new' } });
    const data = new CloudFrontKeyValueStoreClient({ region: 'us-east-1', endpointProvider: () => ({ url: new URL(server.url) }), signer: { sign: async (r) => r }, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: '/old' }))).Value).toBe('/new');
    const control = new CloudFrontClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const created = await control.send(new CreateFunctionCommand({ Name: 'f', FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' }, FunctionCode: new TextEncoder().encode('function handler(e) { return e.request; }') }));
    const event = new TextEncoder().encode(JSON.stringify({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '1.2.3.4' }, request: { method: 'GET', uri: '/', querystring: {}, headers: {}, cookies: {} } }));
    const tested = await control.send(new TestFunctionCommand({ Name: 'f', IfMatch: created.ETag, EventObject: event }));
    expect(JSON.parse(tested.TestResult.FunctionOutput).request.uri).toBe('/');
    data.destroy();
    control.destroy();
  } finally {
    await server.close();
  }
});
