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
