import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent, viewerResponseEvent } from '../../../src';
import { forwarded, generated, JWT_SAMPLE, outputOf, run, V1, V2, values } from './corpus';

// Every example of the Developer Guide's "CloudFront Functions example code" page (functions-example-code,
// also the aws-samples/amazon-cloudfront-functions repository), re-expressed in test/functions/corpus/docs/.
// The examples of the guide's other CloudFront Functions pages are in docs-helpers.test.ts.

const docs = (name: string) => `docs/${name}`;
const response = (event: ReturnType<typeof viewerResponseEvent>, headers: Record<string, string>) => ({
  response: { statusCode: event.response!.statusCode, statusDescription: event.response!.statusDescription, headers: values(headers), cookies: {} },
});

describe('example code: add a Cache-Control header to the response', () => {
  it('sets it on 2xx and 3xx responses only', () => {
    const ok = viewerResponseEvent({ statusCode: 200 });
    expect(outputOf(run(docs('add-cache-control'), V2, ok))).toEqual(response(ok, { 'cache-control': 'public, max-age=63072000' }));
    const missing = viewerResponseEvent({ statusCode: 404, statusDescription: 'Not Found' });
    expect(outputOf(run(docs('add-cache-control'), V2, missing))).toEqual(response(missing, {}));
  });
});

describe('example code: add a CORS header to the response', () => {
  it('copies the Origin into Access-Control-Allow-Origin and logs it', () => {
    const event = viewerResponseEvent({ headers: { origin: 'https://www.example.org' } });
    const result = run(docs('add-cors-response'), V2, event);
    expect(outputOf(result)).toEqual(response(event, { 'access-control-allow-origin': 'https://www.example.org' }));
    expect(result.logs).toEqual(['Access-Control-Allow-Origin was missing, adding it now.']);
  });

  it('does nothing without an Origin', () => {
    const event = viewerResponseEvent();
    const result = run(docs('add-cors-response'), V2, event);
    expect(outputOf(result)).toEqual(response(event, {}));
    expect(result.logs).toEqual([]);
  });
});

describe('example code: add a CORS header to the request', () => {
  it('adds Origin from the Host header when missing, keeps a given one', () => {
    const bare = viewerRequestEvent({ host: 'www.example.com' });
    expect(outputOf(run(docs('add-origin-header'), V2, bare))).toEqual(forwarded(bare, { headers: values({ host: 'www.example.com', origin: 'https://www.example.com' }) }));
    const given = viewerRequestEvent({ headers: { origin: 'https://other.example' } });
    expect(outputOf(run(docs('add-origin-header'), V2, given))).toEqual(forwarded(given));
  });
});

describe('example code: add security headers to the response', () => {
  it('adds the six headers', () => {
    const event = viewerResponseEvent({ responseHeaders: { 'content-type': 'text/html' } });
    expect(outputOf(run(docs('add-security-headers'), V2, event))).toEqual(
      response(event, {
        'content-type': 'text/html',
        'strict-transport-security': 'max-age=63072000; includeSubdomains; preload',
        'content-security-policy': "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'x-xss-protection': '1; mode=block',
        'referrer-policy': 'same-origin',
      }),
    );
  });
});

describe('example code: add a True-Client-IP header to the request', () => {
  it('forwards the viewer address', () => {
    const event = viewerRequestEvent({ ip: '192.0.2.44' });
    expect(outputOf(run(docs('add-true-client-ip'), V2, event))).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'true-client-ip': '192.0.2.44' }) }));
  });
});

describe('example code: redirect the viewer to a new URL', () => {
  it('sends German viewers to /de/index.html and others on', () => {
    const de = viewerRequestEvent({ headers: { 'cloudfront-viewer-country': 'DE' } });
    expect(outputOf(run(docs('redirect-country'), V2, de))).toEqual(generated(302, 'Found', { location: 'https://www.example.com/de/index.html' }));
    const fr = viewerRequestEvent({ headers: { 'cloudfront-viewer-country': 'FR' } });
    expect(outputOf(run(docs('redirect-country'), V2, fr))).toEqual(forwarded(fr));
  });
});

describe('example code: add index.html to request URLs that do not include a file name', () => {
  it.each([
    ['/', '/index.html'],
    ['/blog', '/blog/index.html'],
    ['/blog/', '/blog/index.html'],
    ['/img/a.png', '/img/a.png'],
  ])('%s → %s', (uri, served) => {
    const event = viewerRequestEvent({ uri });
    expect(outputOf(run(docs('add-index-html'), V2, event))).toEqual(forwarded(event, { uri: served }));
  });
});

describe('example code: validate a simple token in the request (kvs-jwt-verify)', () => {
  const { secret: SECRET, token: TOKEN, event: sampleEvent, validAt: before } = JWT_SAMPLE;
  const runAt = (now: number, querystring: object, kvs: Record<string, string> = { 'jwt.secret': SECRET }) => run(docs('verify-jwt'), V2, sampleEvent(querystring), { kvs, now });
  const unauthorized = generated(401, 'Unauthorized');

  it('answers the FunctionOutput the sample documents for its valid token', () => {
    expect(createHmac('sha256', SECRET).update(TOKEN.split('.').slice(0, 2).join('.')).digest('base64url')).toBe(TOKEN.split('.')[2]);
    const result = runAt(before, { jwt: { value: TOKEN }, test: { value: 'anotherQueryString' } });
    expect(result.errorMessage).toBe('');
    expect(result.functionOutput).toBe(JWT_SAMPLE.functionOutput);
    expect(result.logs).toEqual(['Valid JWT token']);
  });

  it('answers 401 for an expired, a tampered or a missing token, or without a secret', () => {
    const expired = runAt(Date.UTC(2024, 5, 1), { jwt: { value: TOKEN } });
    expect([outputOf(expired), expired.logs]).toEqual([unauthorized, ['Error: Token expired']]);
    const tampered = runAt(before, { jwt: { value: `${TOKEN.slice(0, -2)}AA` } });
    expect([outputOf(tampered), tampered.logs]).toEqual([unauthorized, ['Error: Signature verification failed']]);
    expect(outputOf(runAt(before, {}))).toEqual(unauthorized);
    expect(outputOf(runAt(before, { jwt: { value: TOKEN } }, { other: 'x' }))).toEqual(unauthorized);
  });
});

describe('example code: normalize query string parameters (a string query string, F17)', () => {
  it.each([V1, V2])('sorts the parameters into one string (%s)', (runtime) => {
    const event = viewerRequestEvent({ uri: '/list?size=10&color=red&color=blue' });
    expect(outputOf(run(docs('normalize-query'), runtime, event))).toEqual(forwarded(event, { querystring: 'color=blue&color=red&size=10' }));
  });
});

describe('example code: use key-value pairs in a function', () => {
  const kvs = { photos: 'images-2024' };

  it('replaces the first path segment with its value and logs the rewrite', () => {
    const event = viewerRequestEvent({ uri: '/photos/cat.jpg' });
    const result = run(docs('kvs-key-value-pairs'), V2, event, { kvs });
    expect(outputOf(result)).toEqual(forwarded(event, { uri: '/images-2024/cat.jpg' }));
    expect(result.logs).toEqual(['/photos/cat.jpg -> /images-2024/cat.jpg']);
  });

  it('leaves the path alone when the segment is not a key', () => {
    const event = viewerRequestEvent({ uri: '/docs/a' });
    const result = run(docs('kvs-key-value-pairs'), V2, event, { kvs });
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.logs).toEqual(['/docs/a | Error: KeyNotFound']);
  });
});

describe('example code: rewrite a request URI based on the store (weighted, sticky, cf.kvs(id))', () => {
  const kvs = {
    latest: JSON.stringify({ a_weightage: 1, a_url: 'v1', b_url: 'v2' }),
    beta: JSON.stringify({ a_weightage: 0, a_url: 'v1', b_url: 'v3' }),
  };
  it.each([
    ['/latest/app.js', {}, '/v1/app.js'],
    ['/beta/app.js', {}, '/v3/app.js'],
    ['/latest/app.js', { appversion: 'latest' }, '/latest/app.js'],
    ['/other/app.js', {}, '/other/app.js'],
    ['/', {}, '/'],
  ])('%s with cookies %j → %s', (uri, cookies, served) => {
    const event = viewerRequestEvent({ uri, cookies });
    expect(outputOf(run(docs('rewrite-uri-weights'), V2, event, { kvs }))).toEqual(forwarded(event, { uri: served }));
  });
});

describe('example code: select the origin closer to the viewer (F18: originAccessControlConfig.region)', () => {
  it.each([
    ['DE', 'eu-central-1'],
    [undefined, 'us-east-1'],
  ])('country %s → %s', (country, region) => {
    const event = viewerRequestEvent({ headers: country ? { 'cloudfront-viewer-country': country } : {} });
    const result = run(docs('select-origin-closer'), V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.originCalls).toEqual([
      {
        method: 'updateRequestOrigin',
        argument: {
          domainName: `cloudfront-functions-demo-bucket-in-${region}.s3.${region}.amazonaws.com`,
          originAccessControlConfig: { enabled: true, region, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' },
        },
      },
    ]);
  });
});
