// The viewer-request function's deploy: created with its store associated, tested with
// TestFunction (the code really runs, reading the store), and published only when the test was clean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CannotDeleteEntityWhileInUse } from '@aws-sdk/client-cloudfront';
import { viewerRequestEvent } from 'cloudfront-kvs-mock';
import { useKvsSimulator } from 'cloudfront-kvs-mock/jest';
import { cloudFront } from '../../src/clients';
import { deployRedirectFunction } from '../../src/deploy-function';
import { deleteRedirectStore } from '../../src/store';

const kvs = useKvsSimulator({ seed: 'deploy-function' });
const code = readFileSync(join(__dirname, '../../functions/viewer-request.js'), 'utf8');

describe('deployRedirectFunction', () => {
  it('creates, associates, tests and publishes the function', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: { '/old': '/new' } });

    const { arn, test } = await deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, code, checkPath: '/old' });

    expect(JSON.parse(test.FunctionOutput!)).toMatchObject({ response: { statusCode: 301, headers: { location: { value: 'https://shop.example.com/new' } } } });
    expect(kvs.getFunction(arn)!.LIVE).toMatchObject({ Code: code, KeyValueStoreARN: storeArn });
    expect(kvs).toHaveReceivedKvsCommand('TestFunction', { Name: 'redirects', Stage: 'DEVELOPMENT' });
    expect(kvs).toHaveReceivedKvsCommandTimes('PublishFunction', 1);
    // The published function, run directly by name and stage.
    const live = kvs.runFunction({ function: 'redirects', stage: 'LIVE', event: viewerRequestEvent({ uri: '/blog/' }) });
    expect(live.logs).toEqual(['variant a /blog/index.html']);
  });

  it('updates the function on the next deploy', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });
    kvs.seedFunction({ name: 'redirects', code: 'function handler(event) { return event.request; }', keyValueStore: storeArn, publish: true });

    await deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, code, checkPath: '/anything' });

    expect(kvs.getFunction('redirects')!.LIVE!.Code).toBe(code);
    expect(kvs).toHaveReceivedKvsCommand('UpdateFunction', { Name: 'redirects' });
  });

  it('does not publish a function that fails its test', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });
    const broken = 'function handler(event) { return event.request.headers.accept.value; }';

    await expect(deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, code: broken, checkPath: '/' })).rejects.toThrow(
      'The function failed its test, not published: The CloudFront function associated with the CloudFront distribution is invalid or could not run. TypeError: cannot get property "value" of undefined',
    );
    expect(kvs.getFunction('redirects')!.LIVE).toBeUndefined();
  });

  it('keeps the store while the function uses it', async () => {
    const storeArn = kvs.seedStore({ name: 'redirects', items: {} });
    await deployRedirectFunction(cloudFront, { name: 'redirects', storeArn, code, checkPath: '/' });

    await expect(deleteRedirectStore(cloudFront, 'redirects')).rejects.toBeInstanceOf(CannotDeleteEntityWhileInUse);
    expect(kvs.getStore('redirects')).toBeDefined();
  });
});
