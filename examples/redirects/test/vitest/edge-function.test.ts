// The CloudFront Function under vitest: inline pairs need no simulator at all.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFunction, viewerRequestEvent } from 'cloudfront-kvs-mock';

const file = join(__dirname, '../../functions/viewer-request.js');

describe('the viewer-request function (vitest)', () => {
  it('redirects a listed path and passes the rest through', () => {
    const kvs = { '/old': '/new' };

    const redirected = runFunction({ file, event: viewerRequestEvent({ uri: '/old' }), kvs });
    const passed = runFunction({ file, event: viewerRequestEvent({ uri: '/' }), kvs });

    expect(redirected.output?.response).toMatchObject({ statusCode: 301, headers: { location: { value: 'https://www.example.com/new' } } });
    expect(passed.output?.request).toMatchObject({ uri: '/index.html' });
    expect(passed.errorMessage).toBe('');
  });

  it('fails as CloudFront would on a 1.0 runtime, which has no cloudfront module', () => {
    const result = runFunction({ file, runtime: 'cloudfront-js-1.0', event: viewerRequestEvent() });
    expect(result.errorMessage).toMatch(/^The CloudFront function associated with the CloudFront distribution is invalid or could not run\. SyntaxError: Token "import" not supported/);
  });
});
