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
