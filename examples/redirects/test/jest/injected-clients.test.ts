// Code under test that takes its clients as parameters: attach the simulator to clients
// built for the test, and hand them over.
import { afterEach, describe, expect, it } from '@jest/globals';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient, PutKeyCommand, DescribeKeyValueStoreCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, manualClock } from 'cloudfront-kvs-mock';
import { lookupRedirect, readRedirects, syncRedirects } from '../../src/redirects';
import { createRedirectStore, deleteRedirectStore } from '../../src/store';

const clock = manualClock('2025-01-01T00:00:00Z');
const kvs = createKvsSimulator({ clock, provisioningDelayMs: 20_000 });
const cloudFront = kvs.attach(new CloudFrontClient({}));
const keyValueStore = kvs.attach(new CloudFrontKeyValueStoreClient({}));
const sleep = async (ms: number) => void clock.advance(ms);

afterEach(() => kvs.reset());

describe('redirects store', () => {
  it('is created from the S3 seed file and polled until READY', async () => {
    kvs.putS3Object('arn:aws:s3:::deploy-bucket/redirects.json', { data: [{ key: '/old', value: '/new' }] });
    const { arn } = await createRedirectStore(cloudFront, { name: 'redirects', importFrom: 'arn:aws:s3:::deploy-bucket/redirects.json', pollMs: 5_000, sleep });

    expect(kvs.calls('DescribeKeyValueStore')).toHaveLength(5); // PROVISIONING for 20 s, polled every 5 s
    expect(await lookupRedirect(keyValueStore, arn, '/old')).toBe('/new');
    expect(await lookupRedirect(keyValueStore, arn, '/missing')).toBeUndefined();
  });

  it('says why when the import fails', async () => {
    kvs.putS3Object('arn:aws:s3:::deploy-bucket/broken.json', '{"data": [');
    await expect(createRedirectStore(cloudFront, { name: 'redirects', importFrom: 'arn:aws:s3:::deploy-bucket/broken.json', sleep })).rejects.toThrow(
      'ended in IMPORT_FAILURE',
    );
  });
});

describe('syncRedirects', () => {
  it('writes only the changes, 50 keys per batch', async () => {
    const arn = kvs.seedStore({ name: 'redirects', items: { '/keep': '/a', '/change': '/b', '/drop': '/c' } });
    const desired: Record<string, string> = { '/keep': '/a', '/change': '/B' };
    for (let i = 0; i < 120; i++) desired[`/page-${i}`] = `/target-${i}`;

    const report = await syncRedirects(keyValueStore, arn, desired);

    expect(report).toEqual({ put: 121, deleted: 1, batches: 3, retries: 0 });
    expect(Object.fromEntries(await readRedirects(keyValueStore, arn))).toEqual(desired);
    expect(kvs.getStore(arn)?.Items).toEqual(desired);
  });

  it('retries a batch that lost the race for the ETag, and loses nothing', async () => {
    const arn = kvs.seedStore({ name: 'redirects', items: {} });
    // Another deploy writes between our Describe and our UpdateKeys, once.
    let raced = false;
    keyValueStore.middlewareStack.addRelativeTo(
      (next: any) => async (args: any) => {
        const input = args.input as { IfMatch?: string; Puts?: unknown };
        if (!raced && input.Puts) {
          raced = true;
          const { ETag } = await keyValueStore.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
          await keyValueStore.send(new PutKeyCommand({ KvsARN: arn, Key: '/other-deploy', Value: '/x', IfMatch: ETag }));
        }
        return next(args);
      },
      { relation: 'before', toMiddleware: 'cloudfrontKvsMockMiddleware', name: 'raceOnce' },
    );
    try {
      const report = await syncRedirects(keyValueStore, arn, { '/a': '/1' });
      expect(report.retries).toBe(1);
      expect(kvs.calls((c) => c.operation === 'UpdateKeys' && c.error?.message.includes('Pre-Condition failed') === true)).toHaveLength(1);
      expect(kvs.getStore(arn)?.Items).toEqual({ '/a': '/1', '/other-deploy': '/x' });
    } finally {
      keyValueStore.middlewareStack.remove('raceOnce');
    }
  });

  it('cleans up', async () => {
    kvs.seedStore({ name: 'redirects' });
    await deleteRedirectStore(cloudFront, 'redirects');
    expect(kvs.getStore('redirects')).toBeUndefined();
  });
});
