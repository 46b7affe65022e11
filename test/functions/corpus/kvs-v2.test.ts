import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent } from '../../../src';
import { forwarded, generated, outputOf, run, V2, values } from './corpus';

// Runtime 2.0 functions that read their associated key value store (cf.kvs(), F11).

describe('kvs-redirects (2.0)', () => {
  const kvs = { '/old': '/new', '/partner': 'https://partner.example.org/landing' };

  it('redirects a path the store lists, on the same host', () => {
    const result = run('kvs-redirects', V2, viewerRequestEvent({ uri: '/old', host: 'shop.example.com' }), { kvs });
    expect(outputOf(result)).toEqual(generated(301, 'Moved Permanently', { location: 'https://shop.example.com/new', 'cache-control': 'max-age=3600' }));
    expect(result.logs).toEqual([]);
  });

  it('redirects to another site when the store holds a full URL', () => {
    const output = outputOf(run('kvs-redirects', V2, viewerRequestEvent({ uri: '/partner' }), { kvs }));
    expect(output.response.headers.location).toEqual({ value: 'https://partner.example.org/landing' });
  });

  it('passes a path the store does not list on, logging the KeyNotFound error', () => {
    const event = viewerRequestEvent({ uri: '/pricing' });
    const result = run('kvs-redirects', V2, event, { kvs });
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.logs).toEqual(['no redirect for /pricing: Error: KeyNotFound']);
  });
});

describe('kvs-maintenance (2.0): a JSON value (get with format json)', () => {
  const on = (config: object) => ({ maintenance: JSON.stringify(config) });

  it('lets everything through without a maintenance key, or with maintenance off', () => {
    const event = viewerRequestEvent({ uri: '/cart' });
    expect(outputOf(run('kvs-maintenance', V2, event, { kvs: { other: 'x' } }))).toEqual(forwarded(event));
    expect(outputOf(run('kvs-maintenance', V2, event, { kvs: on({ enabled: false }) }))).toEqual(forwarded(event));
  });

  it('answers 503 with the configured page while maintenance is on', () => {
    const event = viewerRequestEvent({ uri: '/cart', ip: '198.51.100.10' });
    const kvs = on({ enabled: true, allowIps: ['192.0.2.10'], retryAfter: 900, message: 'Upgrading the database' });
    expect(outputOf(run('kvs-maintenance', V2, event, { kvs }))).toEqual(
      generated(503, 'Service Unavailable', { 'retry-after': '900', 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, { body: '<h1>Upgrading the database</h1>' }),
    );
  });

  it('uses the defaults for a bare {"enabled":true}', () => {
    const output = outputOf(run('kvs-maintenance', V2, viewerRequestEvent(), { kvs: on({ enabled: true }) }));
    expect(output.response.headers['retry-after']).toEqual({ value: '600' });
    expect(output.response.body).toBe('<h1>Back soon</h1>');
  });

  it('lets the listed addresses in', () => {
    const event = viewerRequestEvent({ ip: '192.0.2.10' });
    expect(outputOf(run('kvs-maintenance', V2, event, { kvs: on({ enabled: true, allowIps: ['192.0.2.10'] }) }))).toEqual(forwarded(event));
  });
});

describe('jwt-hs256-v2 (2.0): Buffer, crypto and await', () => {
  const NOW = Date.UTC(2026, 5, 1);
  const nowS = NOW / 1000;
  const denied = generated(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
  const part = (data: object) => Buffer.from(JSON.stringify(data)).toString('base64url');
  const token = (claims: object, secret = 'kvs-secret') => {
    const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
  const bearer = (t: string) => viewerRequestEvent({ uri: '/api/me', headers: { authorization: `Bearer ${t}` } });
  const runWith = (event: object, kvs: Record<string, string> = { 'jwt-secret': 'kvs-secret' }) => run('jwt-hs256-v2', V2, event, { kvs, now: NOW });

  it('forwards a valid token as the subject, without the Authorization header', () => {
    const event = bearer(token({ sub: 'alice', nbf: nowS - 60, exp: nowS + 60 }));
    expect(outputOf(runWith(event))).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'x-jwt-sub': 'alice' }) }));
  });

  it.each([
    ['signed with another secret', token({ sub: 'alice' }, 'guess')],
    ['expired', token({ sub: 'alice', exp: nowS })],
    ['not yet valid', token({ sub: 'alice', nbf: nowS + 60 })],
    ['not three parts', 'abc.def'],
  ])('refuses a token %s', (_case, t) => {
    expect(outputOf(runWith(bearer(t)))).toEqual(denied);
  });

  it('refuses a request without a Bearer header', () => {
    expect(outputOf(runWith(viewerRequestEvent({ headers: { authorization: 'Basic Zm9vOmJhcg==' } })))).toEqual(denied);
  });

  it('refuses everything, with a log line, while the store has no secret', () => {
    const result = runWith(bearer(token({ sub: 'alice' })), { other: 'x' });
    expect(outputOf(result)).toEqual(denied);
    expect(result.logs).toEqual(['no jwt-secret in the store']);
  });
});

describe('feature-flags (2.0): exists() and meta()', () => {
  const kvs = { 'beta:u1': '1', 'beta:u2': '1', theme: 'dark' };

  it('sends a listed beta tester to the beta build', () => {
    const event = viewerRequestEvent({ uri: '/app', cookies: { beta: 'u1' } });
    expect(outputOf(run('feature-flags', V2, event, { kvs }))).toEqual(
      forwarded(event, { uri: '/beta/app', headers: values({ host: 'www.example.com', 'x-flag-count': '3' }) }),
    );
  });

  it('leaves other viewers on the normal build', () => {
    for (const event of [viewerRequestEvent({ uri: '/app', cookies: { beta: 'u9' } }), viewerRequestEvent({ uri: '/app' })]) {
      expect(outputOf(run('feature-flags', V2, event, { kvs }))).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'x-flag-count': '3' }) }));
    }
  });
});
