// The redirect function's deploy: created with its store associated, tested with TestFunction
// (the code really runs, reading the store), and published only when the test was clean.
import { describe, expect, it } from '@jest/globals';
import { CannotDeleteEntityWhileInUse } from '@aws-sdk/client-cloudfront';
import { useKvsSimulator } from 'cloudfront-kvs-mock/jest';
import { cloudFront } from '../../src/clients';
import { deployRedirectFunction, REDIRECT_FUNCTION } from '../../src/edge-function';
import { deleteRedirectStore } from '../../src/store';

const kvs = useKvsSimulator({ seed: 'edge-function' });

describe('deployRedirectFunction', () => {
  it('creates, associates, tests and publishes the function', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: { '/old': '/new' } });

    const { arn, test } = await deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, checkPath: '/old' });

    expect(JSON.parse(test.FunctionOutput!)).toMatchObject({ response: { statusCode: 301, headers: { location: { value: '/new' } } } });
    expect(test.FunctionExecutionLogs).toEqual(['redirect /old -> /new']);
    const fn = kvs.getFunction(arn)!;
    expect(fn.LIVE).toMatchObject({ Code: REDIRECT_FUNCTION, KeyValueStoreARN: storeArn });
    expect(kvs).toHaveReceivedKvsCommand('TestFunction', { Name: 'redirects', Stage: 'DEVELOPMENT' });
    expect(kvs).toHaveReceivedKvsCommandTimes('PublishFunction', 1);
  });

  it('updates the function on the next deploy', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });
    kvs.seedFunction({ name: 'redirects', code: 'function handler(event) { return event.request; }', keyValueStore: storeArn, publish: true });

    await deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, checkPath: '/anything' });

    expect(kvs.getFunction('redirects')!.LIVE!.Code).toBe(REDIRECT_FUNCTION);
    expect(kvs).toHaveReceivedKvsCommand('UpdateFunction', { Name: 'redirects' });
  });

  it('does not publish a function that fails its test', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });

    await expect(deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, checkPath: '/', code: 'function handler(event) { return event.request.headers.host.value; }' })).rejects.toThrow(
      'The function failed its test, not published: The CloudFront function associated with the CloudFront distribution is invalid or could not run. TypeError: cannot get property "value" of undefined',
    );
    expect(kvs.getFunction('redirects')!.LIVE).toBeUndefined();
  });

  it('keeps the store while the function uses it', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });
    await deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, checkPath: '/' });

    await expect(deleteRedirectStore(cloudFront, 'redirects')).rejects.toBeInstanceOf(CannotDeleteEntityWhileInUse);
    expect(kvs.getStore('redirects')).toBeDefined();
  });
});
