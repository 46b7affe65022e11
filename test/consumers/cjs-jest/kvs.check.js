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
