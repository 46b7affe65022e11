// Code that builds its own clients (src/clients.ts, at import time): the global install
// reaches them. useKvsSimulator() installs before the tests, resets after each, restores at the end.
import { describe, expect, it } from '@jest/globals';
import { useKvsSimulator } from 'cloudfront-kvs-mock/jest';
import { deployRedirects } from '../../src/deploy';

const kvs = useKvsSimulator({ seed: 'deploy-tests' });
const seedFile = 'arn:aws:s3:::deploy-bucket/redirects.json';

describe('deployRedirects', () => {
  it('creates the store from the seed file on the first deploy, then syncs it', async () => {
    kvs.putS3Object(seedFile, { data: [{ key: '/old', value: '/new' }, { key: '/gone', value: '/x' }] });

    const { arn, report } = await deployRedirects({ storeName: 'redirects', seedFile, redirects: { '/old': '/new', '/blog': '/news' } });

    expect(report).toEqual({ put: 1, deleted: 1, batches: 1, retries: 0 });
    expect(kvs).toHaveStoreStatus('redirects', 'READY');
    expect(kvs).toHaveItems(arn, { '/old': '/new', '/blog': '/news' });
    expect(kvs).toHaveReceivedKvsCommand('CreateKeyValueStore', { Name: 'redirects', ImportSource: { SourceType: 'S3', SourceARN: seedFile } });
    expect(kvs).toHaveReceivedKvsCommandTimes('UpdateKeys', 1);
    expect(kvs).not.toHaveRejectedStaleETag();
  });

  it('retries when a concurrent write moves the ETag', async () => {
    kvs.putS3Object(seedFile, { data: [] });
    // The first UpdateKeys loses the race, as when two deploys overlap.
    kvs.injectFault({ operation: 'UpdateKeys', times: 1, error: { code: 'ValidationException', message: 'Pre-Condition failed' } });

    const { arn, report } = await deployRedirects({ storeName: 'redirects', seedFile, redirects: { '/a': '/1' } });

    expect(report.retries).toBe(1);
    expect(kvs).toHaveKey(arn, '/a', '/1');
    expect(kvs).toHaveReceivedNthKvsCommandWith(2, 'UpdateKeys', { Puts: [{ Key: '/a', Value: '/1' }] });
  });

  it('fails loudly when the seed file is broken, and leaves no keys', async () => {
    kvs.putS3Object(seedFile, '{"data": [{"key": "/a"}]}');

    await expect(deployRedirects({ storeName: 'redirects', seedFile, redirects: {} })).rejects.toThrow('IMPORT_FAILURE');
    expect(kvs).toHaveStoreStatus('redirects', 'IMPORT_FAILURE');
    expect(kvs).toHaveItemCount('redirects', 0);
  });
});
