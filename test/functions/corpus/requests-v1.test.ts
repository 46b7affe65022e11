import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent } from '../../../src';
import { forwarded, generated, outputOf, run, V1, values } from './corpus';

// Viewer-request functions written for cloudfront-js-1.0 (var only, no async, no cloudfront module).

describe('redirect-by-country (1.0)', () => {
  it('sends a German visitor of the home page to /de/', () => {
    const event = viewerRequestEvent({ uri: '/', host: 'shop.example.com', headers: { 'cloudfront-viewer-country': 'DE' } });
    expect(outputOf(run('redirect-by-country', V1, event))).toEqual(
      generated(302, 'Found', { location: 'https://shop.example.com/de/', 'cache-control': 'private, max-age=0' }),
    );
  });

  it('leaves a country it does not list, another page, or no country header alone', () => {
    for (const event of [
      viewerRequestEvent({ uri: '/', headers: { 'cloudfront-viewer-country': 'US' } }),
      viewerRequestEvent({ uri: '/about', headers: { 'cloudfront-viewer-country': 'DE' } }),
      viewerRequestEvent({ uri: '/' }),
    ]) {
      expect(outputOf(run('redirect-by-country', V1, event))).toEqual(forwarded(event));
    }
  });
});

describe('spa-index (1.0)', () => {
  it.each([
    ['/', '/index.html'],
    ['/docs/', '/docs/index.html'],
    ['/docs', '/docs/index.html'],
    ['/v1.2/guide', '/v1.2/guide/index.html'],
    ['/css/site.css', '/css/site.css'],
  ])('%s is served from %s', (uri, served) => {
    const event = viewerRequestEvent({ uri });
    expect(outputOf(run('spa-index', V1, event))).toEqual(forwarded(event, { uri: served }));
  });
});

describe('true-client-ip (1.0)', () => {
  it.each(['203.0.113.7', '2001:db8::1'])('forwards the viewer address %s', (ip) => {
    const event = viewerRequestEvent({ uri: '/', ip });
    expect(outputOf(run('true-client-ip', V1, event))).toEqual(
      forwarded(event, { headers: { host: { value: 'www.example.com' }, 'true-client-ip': { value: ip } } }),
    );
  });
});

describe('basic-auth (1.0)', () => {
  const challenge = generated(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="staging", charset="UTF-8"' });

  it('lets the right credentials through', () => {
    const event = viewerRequestEvent({ headers: { authorization: `Basic ${Buffer.from('admin:s3cret').toString('base64')}` } });
    expect(outputOf(run('basic-auth', V1, event))).toEqual(forwarded(event));
  });

  it('challenges wrong or missing credentials', () => {
    const wrong = viewerRequestEvent({ headers: { authorization: `Basic ${Buffer.from('admin:guess').toString('base64')}` } });
    expect(outputOf(run('basic-auth', V1, wrong))).toEqual(challenge);
    expect(outputOf(run('basic-auth', V1, viewerRequestEvent()))).toEqual(challenge);
  });
});

describe('trailing-slash (1.0)', () => {
  it('redirects /docs/ to /docs', () => {
    const result = run('trailing-slash', V1, viewerRequestEvent({ uri: '/docs/' }));
    expect(outputOf(result)).toEqual(generated(301, 'Moved Permanently', { location: '/docs' }));
  });

  it('keeps every query value, repeated names included, in the event order', () => {
    const result = run('trailing-slash', V1, viewerRequestEvent({ uri: '/docs//?a=1&b=2&a=3' }));
    expect(outputOf(result)).toEqual(generated(301, 'Moved Permanently', { location: '/docs?a=1&a=3&b=2' }));
  });

  it.each(['/', '/docs'])('leaves %s alone', (uri) => {
    const event = viewerRequestEvent({ uri });
    expect(outputOf(run('trailing-slash', V1, event))).toEqual(forwarded(event));
  });
});

describe('query-sort (1.0): a query string returned as a string (F17)', () => {
  it('lower-cases names, drops tracking parameters and sorts the rest', () => {
    const event = viewerRequestEvent({ uri: '/p?b=2&A=1&utm_source=news&gclid=x' });
    expect(outputOf(run('query-sort', V1, event))).toEqual(forwarded(event, { querystring: 'a=1&b=2' }));
  });

  it('sorts repeated values too', () => {
    const event = viewerRequestEvent({ uri: '/p?z=1&y=2&z=0' });
    expect(outputOf(run('query-sort', V1, event))).toEqual(forwarded(event, { querystring: 'y=2&z=0&z=1' }));
  });

  it('leaves an empty object when only tracking parameters came', () => {
    const event = viewerRequestEvent({ uri: '/p?utm_medium=mail' });
    expect(outputOf(run('query-sort', V1, event))).toEqual(forwarded(event, { querystring: {} }));
  });
});

describe('bot-block (1.0)', () => {
  const refused = generated(403, 'Forbidden', { 'content-type': 'text/plain' }, { body: 'Automated access is not allowed.' });

  it.each(['python-requests/2.31.0', 'curl/8.4.0', 'Scrapy/2.11 (+https://scrapy.org)'])('refuses %s', (ua) => {
    expect(outputOf(run('bot-block', V1, viewerRequestEvent({ headers: { 'user-agent': ua } })))).toEqual(refused);
  });

  it('refuses a request without a User-Agent', () => {
    expect(outputOf(run('bot-block', V1, viewerRequestEvent()))).toEqual(refused);
  });

  it.each(['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0'])(
    'lets %s through',
    (ua) => {
      const event = viewerRequestEvent({ headers: { 'user-agent': ua } });
      expect(outputOf(run('bot-block', V1, event))).toEqual(forwarded(event));
    },
  );
});

describe('cors-preflight (1.0)', () => {
  it('answers a preflight from a trusted origin with the headers it asked for', () => {
    const event = viewerRequestEvent({
      method: 'OPTIONS',
      uri: '/api/orders',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(outputOf(run('cors-preflight', V1, event))).toEqual(
      generated(204, 'No Content', {
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '86400',
        vary: 'Origin',
      }),
    );
  });

  it('allows content-type when no headers were asked for', () => {
    const event = viewerRequestEvent({ method: 'OPTIONS', headers: { origin: 'https://admin.example.com' } });
    const response = outputOf(run('cors-preflight', V1, event)).response;
    expect(response.headers['access-control-allow-headers']).toEqual({ value: 'content-type' });
  });

  it('refuses a preflight from another origin', () => {
    const event = viewerRequestEvent({ method: 'OPTIONS', headers: { origin: 'https://evil.example.net' } });
    expect(outputOf(run('cors-preflight', V1, event))).toEqual(generated(403, 'Forbidden'));
  });

  it('passes other methods on', () => {
    const event = viewerRequestEvent({ method: 'POST', headers: { origin: 'https://app.example.com' } });
    expect(outputOf(run('cors-preflight', V1, event))).toEqual(forwarded(event));
  });
});

describe('cache-key (1.0)', () => {
  it('lower-cases the path, keeps the parameters the site reads and a two-letter language', () => {
    const event = viewerRequestEvent({ uri: '/Products/Shoes?Lang=EN&Page=2&sessionid=abc', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(outputOf(run('cache-key', V1, event))).toEqual(
      forwarded(event, {
        uri: '/products/shoes',
        querystring: values({ lang: 'en', page: '2' }),
        headers: values({ host: 'www.example.com', 'accept-language': 'en' }),
      }),
    );
  });

  it('keeps the first of repeated values', () => {
    const event = viewerRequestEvent({ uri: '/shirts?size=XL&size=M' });
    expect(outputOf(run('cache-key', V1, event))).toEqual(forwarded(event, { querystring: values({ size: 'xl' }) }));
  });
});

describe('geo-headers (1.0)', () => {
  it('passes country and city on and logs them', () => {
    const event = viewerRequestEvent({ headers: { 'cloudfront-viewer-country': 'DE', 'cloudfront-viewer-city': 'Berlin' } });
    const result = run('geo-headers', V1, event);
    expect(outputOf(result)).toEqual(
      forwarded(event, {
        headers: values({ host: 'www.example.com', 'cloudfront-viewer-country': 'DE', 'cloudfront-viewer-city': 'Berlin', 'x-geo-country': 'DE', 'x-geo-city': 'Berlin', 'x-eu-visitor': 'true' }),
      }),
    );
    expect(result.logs).toEqual(['geo DE Berlin']);
  });

  it('marks an unknown country XX', () => {
    const event = viewerRequestEvent();
    const result = run('geo-headers', V1, event);
    expect(outputOf(result)).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'x-geo-country': 'XX', 'x-eu-visitor': 'false' }) }));
    expect(result.logs).toEqual(['geo XX']);
  });
});
