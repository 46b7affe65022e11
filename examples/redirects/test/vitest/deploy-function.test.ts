// The viewer-request function's deploy under vitest, through an injected CloudFront client: the
// deploy's TestFunction reads the store as it is at that moment, and LIVE is tested with its own ETag.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GetFunctionCommand, TestFunctionCommand } from '@aws-sdk/client-cloudfront';
import { useKvsSimulator } from 'cloudfront-kvs-mock/vitest';
import { deployRedirectFunction, testEvent } from '../../src/deploy-function';

const kvs = useKvsSimulator();
const code = readFileSync(join(__dirname, '../../functions/viewer-request.js'), 'utf8');

describe('deployRedirectFunction (vitest)', () => {
  it('tests against the store as it is now', async () => {
    const cloudFront = kvs.cloudFrontClient();
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });

    const before = await deployRedirectFunction(cloudFront, { name: 'edge', storeArn, code, checkPath: '/promo' });
    expect(JSON.parse(before.test.FunctionOutput!)).toHaveProperty('request.uri', '/promo');

    kvs.writeKeys(storeArn, { puts: { '/promo': '/sale' } });
    const after = await deployRedirectFunction(cloudFront, { name: 'edge', storeArn, code, checkPath: '/promo' });
    expect(JSON.parse(after.test.FunctionOutput!)).toHaveProperty('response.headers.location.value', 'https://shop.example.com/sale');
  });

  it('LIVE answers the published code, tested with its own ETag', async () => {
    const cloudFront = kvs.cloudFrontClient();
    const storeArn = kvs.seedStore({ name: 'redirects', items: { '/a': '/b' } });
    await deployRedirectFunction(cloudFront, { name: 'edge', storeArn, code, checkPath: '/a' });

    const live = await cloudFront.send(new GetFunctionCommand({ Name: 'edge', Stage: 'LIVE' }));
    const { TestResult } = await cloudFront.send(new TestFunctionCommand({ Name: 'edge', Stage: 'LIVE', IfMatch: live.ETag, EventObject: testEvent('/a') }));
    expect(TestResult?.FunctionErrorMessage).toBe('');
    expect(TestResult?.FunctionSummary?.FunctionMetadata?.Stage).toBe('LIVE');
    expect(kvs.getFunction('edge')?.LIVE?.ETag).toBe(live.ETag);
  });
});
