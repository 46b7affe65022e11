// The same application tested under vitest, with injected clients.
import { afterEach, describe, expect, it } from 'vitest';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from 'cloudfront-kvs-mock';
import { lookupRedirect, syncRedirects } from '../../src/redirects';
import { createRedirectStore, deleteRedirectStore } from '../../src/store';

const kvs = createKvsSimulator();
const cloudFront = kvs.attach(new CloudFrontClient({}));
const keyValueStore = kvs.attach(new CloudFrontKeyValueStoreClient({}));

afterEach(() => kvs.reset());

describe('redirects, end to end', () => {
  it('creates, syncs, looks up and deletes', async () => {
    kvs.putS3Object({ Bucket: 'deploy-bucket', Key: 'seed.json' }, { data: [{ key: '/legacy', value: '/home' }] });
    const { arn } = await createRedirectStore(cloudFront, { name: 'redirects', importFrom: 'arn:aws:s3:::deploy-bucket/seed.json' });

    const report = await syncRedirects(keyValueStore, arn, { '/docs': '/documentation', '/blog': '/news' });

    expect(report).toEqual({ put: 2, deleted: 1, batches: 1, retries: 0 });
    expect(await lookupRedirect(keyValueStore, arn, '/docs')).toBe('/documentation');
    expect(await lookupRedirect(keyValueStore, arn, '/legacy')).toBeUndefined();
    await deleteRedirectStore(cloudFront, 'redirects');
    expect(kvs.getStore(arn)).toBeUndefined();
  });
});
