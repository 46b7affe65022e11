import { createHmac } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent } from '../../../src';
import { forwarded, generated, outputOf, run, V2, values } from './corpus';

// Runtime 2.0 viewer-request functions without a store.

describe('spa-router (2.0)', () => {
  it.each([
    ['/', '/index.html'],
    ['/dashboard/settings', '/index.html'],
    ['/assets/app.9f8e.js', '/assets/app.9f8e.js'],
    ['/favicon.ico', '/favicon.ico'],
    ['/api/me', '/api/me'],
  ])('%s is served from %s', (uri, served) => {
    const event = viewerRequestEvent({ uri });
    expect(outputOf(run('spa-router', V2, event))).toEqual(forwarded(event, { uri: served }));
  });
});

describe('signed-url-v2 (2.0): rawQueryString() and base64url HMAC', () => {
  const NOW = Date.UTC(2026, 2, 1);
  const exp = NOW / 1000 + 300;
  const signed = (uri: string, query: string) => `${uri}?${query}&sig=${createHmac('sha256', 'v2-url-key').update(`${uri}?${query}`).digest('base64url')}`;
  const runAt = (uri: string) => run('signed-url-v2', V2, viewerRequestEvent({ uri }), { now: NOW });

  it('serves a correctly signed link, without its signature', () => {
    const event = viewerRequestEvent({ uri: signed('/report.pdf', `exp=${exp}&id=7`) });
    expect(outputOf(run('signed-url-v2', V2, event, { now: NOW }))).toEqual(forwarded(event, { querystring: values({ exp: String(exp), id: '7' }) }));
  });

  it('refuses a link whose query was changed after signing', () => {
    const tampered = signed('/report.pdf', `exp=${exp}&id=7`).replace('id=7', 'id=8');
    expect(outputOf(runAt(tampered))).toEqual(generated(403, 'Forbidden'));
  });

  it('refuses an unsigned link and answers 410 for an expired one', () => {
    expect(outputOf(runAt('/report.pdf?exp=1&id=7'))).toEqual(generated(403, 'Forbidden'));
    expect(outputOf(runAt('/report.pdf'))).toEqual(generated(403, 'Forbidden'));
    expect(outputOf(runAt(signed('/report.pdf', `exp=${NOW / 1000 - 1}&id=7`)))).toEqual(generated(410, 'Gone'));
  });
});

describe('country-block (2.0): a text body object', () => {
  it('answers 451 in a blocked country', () => {
    const event = viewerRequestEvent({ headers: { 'cloudfront-viewer-country': 'KP' } });
    expect(outputOf(run('country-block', V2, event))).toEqual(
      generated(451, 'Unavailable For Legal Reasons', { 'content-type': 'text/plain' }, { body: { encoding: 'text', data: 'Not available in KP' } }),
    );
  });

  it('lets other countries, and requests without the header, through', () => {
    for (const event of [viewerRequestEvent({ headers: { 'cloudfront-viewer-country': 'CA' } }), viewerRequestEvent()]) {
      expect(outputOf(run('country-block', V2, event))).toEqual(forwarded(event));
    }
  });
});

describe('canonical-host (2.0)', () => {
  it('moves www to the bare domain, keeping path and query', () => {
    const result = run('canonical-host', V2, viewerRequestEvent({ host: 'www.example.com', uri: '/shop?a=1&b=2' }));
    expect(outputOf(result)).toEqual(generated(308, 'Permanent Redirect', { location: 'https://example.com/shop?a=1&b=2' }));
  });

  it('adds no "?" when the request had no query', () => {
    const result = run('canonical-host', V2, viewerRequestEvent({ host: 'www.example.com', uri: '/shop' }));
    expect(outputOf(result)).toEqual(generated(308, 'Permanent Redirect', { location: 'https://example.com/shop' }));
  });

  it('leaves the bare domain alone', () => {
    const event = viewerRequestEvent({ host: 'example.com', uri: '/shop' });
    expect(outputOf(run('canonical-host', V2, event))).toEqual(forwarded(event));
  });
});

describe('health-gzip (2.0): a generated response may set content-encoding (F21)', () => {
  it('answers /healthz at the edge with a gzip body', () => {
    const output = outputOf(run('health-gzip', V2, viewerRequestEvent({ uri: '/healthz' })));
    expect(output).toEqual(
      generated(200, 'OK', { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'cache-control': 'no-store' }, { body: { encoding: 'base64', data: 'H4sIAAAAAAAAA8vPBgBH3dx5AgAAAA==' } }),
    );
    expect(gunzipSync(Buffer.from(output.response.body.data, 'base64')).toString()).toBe('ok');
  });

  it('passes other requests on', () => {
    const event = viewerRequestEvent({ uri: '/' });
    expect(outputOf(run('health-gzip', V2, event))).toEqual(forwarded(event));
  });
});
