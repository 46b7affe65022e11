// The redirect function under vitest, through an injected CloudFront client: the deploy's
// TestFunction reads the store as it is at that moment, and the published copy stays put
// while DEVELOPMENT moves on.
import { describe, expect, it } from 'vitest';
import { GetFunctionCommand, TestFunctionCommand } from '@aws-sdk/client-cloudfront';
import { useKvsSimulator } from 'cloudfront-kvs-mock/vitest';
import { deployRedirectFunction, testEvent } from '../../src/edge-function';

const kvs = useKvsSimulator();

describe('deployRedirectFunction (vitest)', () => {
  it('tests against the store as it is now', async () => {
    const cloudFront = kvs.cloudFrontClient();
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });

    const before = await deployRedirectFunction(cloudFront, { name: 'edge', storeArn, checkPath: '/promo' });
    expect(JSON.parse(before.test.FunctionOutput!)).toHaveProperty('request.uri', '/promo');

    kvs.writeKeys(storeArn, { puts: { '/promo': '/sale' } });
    const after = await deployRedirectFunction(cloudFront, { name: 'edge', storeArn, checkPath: '/promo' });
    expect(JSON.parse(after.test.FunctionOutput!)).toHaveProperty('response.headers.location.value', '/sale');
  });

  it('LIVE answers the published code, tested with its own ETag', async () => {
    const cloudFront = kvs.cloudFrontClient();
    const storeArn = kvs.seedStore({ name: 'redirects', items: { '/a': '/b' } });
    await deployRedirectFunction(cloudFront, { name: 'edge', storeArn, checkPath: '/a' });

    const live = await cloudFront.send(new GetFunctionCommand({ Name: 'edge', Stage: 'LIVE' }));
    const { TestResult } = await cloudFront.send(new TestFunctionCommand({ Name: 'edge', Stage: 'LIVE', IfMatch: live.ETag, EventObject: testEvent('/a') }));
    expect(TestResult?.FunctionErrorMessage).toBe('');
    expect(TestResult?.FunctionSummary?.FunctionMetadata?.Stage).toBe('LIVE');
    expect(kvs.getFunction('edge')?.LIVE?.ETag).toBe(live.ETag);
  });
});
