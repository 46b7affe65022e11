// The deploy step under vitest: the application's own module-level clients are reached by
// useKvsSimulator()'s install; ready-made injected clients serve the assertions' own reads.
import { describe, expect, it, vi } from 'vitest';
import { useKvsSimulator } from 'cloudfront-kvs-mock/vitest';
import { deployRedirects } from '../../src/deploy';
import { lookupRedirect } from '../../src/redirects';

const kvs = useKvsSimulator();
const seedFile = 's3://deploy-bucket/redirects.json';

describe('deployRedirects (vitest)', () => {
  it('deploys twice: the second run writes only what changed', async () => {
    kvs.putS3Object(seedFile, { data: [{ key: '/old', value: '/new' }] });
    const first = await deployRedirects({ storeName: 'redirects', seedFile: 'arn:aws:s3:::deploy-bucket/redirects.json', redirects: { '/old': '/new', '/a': '/1' } });
    expect(first.report).toEqual({ put: 1, deleted: 0, batches: 1, retries: 0 });

    kvs.clearCalls();
    const reader = kvs.keyValueStoreClient();
    expect(await lookupRedirect(reader, first.arn, '/a')).toBe('/1');
    expect(kvs).toHaveReceivedKvsCommandTimes('GetKey', 1);
    expect(kvs).toHaveItems(first.arn, { '/old': '/new', '/a': '/1' });
  });

  it('surfaces a throttle that outlasts the SDK’s retries as the error the caller would see', async () => {
    vi.useFakeTimers();
    try {
      kvs.putS3Object(seedFile, { data: [] });
      kvs.injectFault({ operation: 'CreateKeyValueStore', error: 'ThrottlingException', times: Infinity });

      const deploy = deployRedirects({ storeName: 'redirects', seedFile: 'arn:aws:s3:::deploy-bucket/redirects.json', redirects: {} });
      const outcome = expect(deploy).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429, attempts: 3 } });
      // The SDK's own backoff between its three attempts, on setTimeout: fake timers skip it.
      await vi.advanceTimersByTimeAsync(60_000);
      await outcome;
      expect(kvs.calls('CreateKeyValueStore')).toHaveLength(3);
      expect(kvs.getStore('redirects')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
