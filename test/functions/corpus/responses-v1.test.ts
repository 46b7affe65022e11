import { describe, expect, it } from '@jest/globals';
import { viewerResponseEvent } from '../../../src';
import { outputOf, run, V1, values } from './corpus';

// Runtime 1.0 viewer-response functions: the response as CloudFront returns it to the viewer.

/** The event's response with the headers the function left (F16 shape). */
function returned(event: ReturnType<typeof viewerResponseEvent>, headers: Record<string, string>) {
  const { statusCode, statusDescription, cookies } = event.response!;
  return { response: { statusCode, statusDescription, headers: values(headers), cookies } };
}

describe('security-headers (1.0)', () => {
  const added = {
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  };

  it('adds the headers and drops the server fingerprint', () => {
    const event = viewerResponseEvent({ responseHeaders: { 'content-type': 'text/html', server: 'AmazonS3', 'x-powered-by': 'Express' } });
    expect(outputOf(run('security-headers', V1, event))).toEqual(returned(event, { 'content-type': 'text/html', ...added, 'x-frame-options': 'DENY' }));
  });

  it("keeps the origin's own X-Frame-Options", () => {
    const event = viewerResponseEvent({ statusCode: 404, statusDescription: 'Not Found', responseHeaders: { 'x-frame-options': 'SAMEORIGIN' } });
    expect(outputOf(run('security-headers', V1, event))).toEqual(returned(event, { 'x-frame-options': 'SAMEORIGIN', ...added }));
  });
});

describe('cache-control (1.0)', () => {
  it.each([
    [200, 'text/html; charset=utf-8', 'no-cache'],
    [200, 'application/javascript', 'public, max-age=31536000, immutable'],
    [304, 'image/png', 'public, max-age=31536000, immutable'],
    [404, 'text/html', 'no-store'],
    [503, 'text/plain', 'no-store'],
  ])('a %i %s response gets %s', (statusCode, type, policy) => {
    const event = viewerResponseEvent({ statusCode, responseHeaders: { 'content-type': type } });
    expect(outputOf(run('cache-control', V1, event))).toEqual(returned(event, { 'content-type': type, 'cache-control': policy }));
  });

  it("keeps the origin's own policy", () => {
    const event = viewerResponseEvent({ responseHeaders: { 'cache-control': 'max-age=60' } });
    expect(outputOf(run('cache-control', V1, event))).toEqual(returned(event, { 'cache-control': 'max-age=60' }));
  });
});

describe('cors-response (1.0)', () => {
  it("adds CORS headers for one of the company's sites and extends Vary", () => {
    const event = viewerResponseEvent({ headers: { origin: 'https://app.example.com' }, responseHeaders: { vary: 'Accept-Encoding' } });
    expect(outputOf(run('cors-response', V1, event))).toEqual(
      returned(event, {
        vary: 'Accept-Encoding, Origin',
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'etag, x-request-id',
      }),
    );
  });

  it('adds Vary when the origin sent none', () => {
    const event = viewerResponseEvent({ headers: { origin: 'https://example.com' } });
    const output = outputOf(run('cors-response', V1, event));
    expect(output.response.headers.vary).toEqual({ value: 'Origin' });
  });

  it.each([
    ['another site', { origin: 'https://example.com.evil.net' }, {}],
    ['no Origin header', {}, {}],
    ['the origin already answered', { origin: 'https://app.example.com' }, { 'access-control-allow-origin': '*' }],
  ])('leaves the response alone for %s', (_case, headers, responseHeaders) => {
    const event = viewerResponseEvent({ headers, responseHeaders });
    expect(outputOf(run('cors-response', V1, event))).toEqual(returned(event, responseHeaders as Record<string, string>));
  });
});
