// A CommonJS project using the package the way the README shows.
for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
const { createKvsSimulator, manualClock } = require('cloudfront-kvs-mock');
const { CloudFrontKeyValueStoreClient, GetKeyCommand, PutKeyCommand, DescribeKeyValueStoreCommand, ValidationException } = require('@aws-sdk/client-cloudfront-keyvaluestore');

test('attach, seed, write, read', async () => {
  const kvs = createKvsSimulator({ clock: manualClock(0) });
  const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
  const arn = kvs.seedStore({ name: 'redirects', items: { '/old': '/new' } });
  const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
  await client.send(new PutKeyCommand({ KvsARN: arn, Key: '/a', Value: '/b', IfMatch: ETag }));
  expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: '/a' }))).Value).toBe('/b');
  await expect(client.send(new PutKeyCommand({ KvsARN: arn, Key: '/a', Value: '/c', IfMatch: ETag }))).rejects.toBeInstanceOf(ValidationException);
  expect(kvs.getStore(arn).Items).toEqual({ '/old': '/new', '/a': '/b' });
});

describe('the jest entry point', () => {
  const { useKvsSimulator } = require('cloudfront-kvs-mock/jest');
  const kvs = useKvsSimulator();

  test('install reaches a client the code builds itself; matchers read the store', async () => {
    const arn = kvs.seedStore({ name: 'app', items: { a: '1' } });
    const own = new CloudFrontKeyValueStoreClient({ region: 'us-east-1' }); // built by the "application"
    const { ETag } = await own.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    await own.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: ETag }));
    expect(kvs).toHaveItems(arn, { a: '1', b: '2' });
    expect(kvs).toHaveReceivedKvsCommand('PutKey', { Key: 'b' });
    expect(() => expect(kvs).toHaveKey(arn, 'zzz')).toThrow(/zzz/);
  });
});

describe('the server entry point', () => {
  const { startKvsServer } = require('cloudfront-kvs-mock/server');
  const { CloudFrontClient, CreateFunctionCommand, TestFunctionCommand } = require('@aws-sdk/client-cloudfront');

  test('both planes over HTTP, TestFunction included (the parser loads on first use)', async () => {
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
});
