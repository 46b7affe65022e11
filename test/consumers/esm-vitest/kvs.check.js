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
