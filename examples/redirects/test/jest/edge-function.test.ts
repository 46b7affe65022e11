// The CloudFront Function that reads the store, run as CloudFront runs it: the store is filled
// by the app's own deploy step, then the function answers viewer requests from it.
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent } from 'cloudfront-kvs-mock';
import { useKvsSimulator } from 'cloudfront-kvs-mock/jest';
import { deployRedirects } from '../../src/deploy';

const kvs = useKvsSimulator({ seed: 'edge-function' });
const file = join(__dirname, '../../functions/viewer-request.js');
const seedFile = 'arn:aws:s3:::deploy-bucket/redirects.json';

async function deploy(redirects: Record<string, string>): Promise<string> {
  kvs.putS3Object(seedFile, { data: [] });
  return (await deployRedirects({ storeName: 'redirects', seedFile, redirects })).arn;
}

describe('the viewer-request function', () => {
  it('redirects a path the store lists', async () => {
    const arn = await deploy({ '/old': '/new' });

    const result = kvs.runFunction({ file, event: viewerRequestEvent({ uri: '/old', host: 'shop.example.com' }), kvs: arn });

    expect(result.error).toBeUndefined();
    expect(result.output).toEqual({ response: { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: 'https://shop.example.com/new' } }, cookies: {} } });
  });

  it('sends other requests to their variant, with index.html for directories', async () => {
    const arn = await deploy({ '/old': '/new' });

    const result = kvs.runFunction({ file, event: viewerRequestEvent({ uri: '/docs/', cookies: { variant: 'b' } }), kvs: arn });

    expect(result.output?.request).toMatchObject({ uri: '/b/docs/index.html' });
    expect(result.logs).toEqual(['variant b /b/docs/index.html']);
  });

  it('sees a redirect as soon as the store has it', async () => {
    const arn = await deploy({});
    expect(kvs.runFunction({ file, event: viewerRequestEvent({ uri: '/sale' }), kvs: arn }).output?.request).toBeDefined();

    kvs.writeKeys(arn, { puts: { '/sale': 'https://sale.example.com/' } }); // as an editor's UpdateKeys would

    expect(kvs.runFunction({ file, event: viewerRequestEvent({ uri: '/sale' }), kvs: arn }).output?.response).toMatchObject({ statusCode: 301, headers: { location: { value: 'https://sale.example.com/' } } });
  });
});
