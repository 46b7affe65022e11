import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent } from '../../../src';
import { forwarded, generated, outputOf, run, V1, values } from './corpus';

// Runtime 1.0 functions that check signatures with crypto and decode with String.bytesFrom (F19).

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const b64url = (data: object) => Buffer.from(JSON.stringify(data)).toString('base64url');

/** An HS256 JWT built here with Node's crypto, independently of the function. */
function jwt(claims: object, secret = 'corpus-secret-1', header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('jwt-hs256-v1 (1.0)', () => {
  const rejected = generated(401, 'Unauthorized', { 'cache-control': 'no-store' });
  const runAt = (event: object) => run('jwt-hs256-v1', V1, event, { now: NOW });

  it('lets a valid token from the cookie through and names the user to the origin', () => {
    const event = viewerRequestEvent({ cookies: { token: jwt({ sub: 'user-42', exp: NOW_S + 3600 }) } });
    const result = runAt(event);
    expect(outputOf(result)).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'x-user-id': 'user-42' }) }));
    expect(result.logs).toEqual([]);
  });

  it('takes a Bearer header when there is no cookie', () => {
    const event = viewerRequestEvent({ headers: { authorization: `Bearer ${jwt({ sub: 7 })}` } });
    const output = outputOf(runAt(event));
    expect(output.request.headers['x-user-id']).toEqual({ value: '7' });
  });

  it.each([
    ['signature', jwt({ sub: 'user-42', exp: NOW_S + 3600 }, 'another-secret')],
    ['expired', jwt({ sub: 'user-42', exp: NOW_S - 1 })],
    ['alg none', jwt({ sub: 'user-42' }, 'corpus-secret-1', { alg: 'none' })],
    ['malformed', 'not-a-token'],
    ['undecodable', '%%%.%%%.%%%'],
  ])('refuses a token (%s) with a 401 and says why in the log', (reason, token) => {
    const result = runAt(viewerRequestEvent({ cookies: { token } }));
    expect(outputOf(result)).toEqual(rejected);
    expect(result.logs).toEqual([`jwt rejected: ${reason}`]);
  });

  it('refuses a request with no token', () => {
    const result = runAt(viewerRequestEvent());
    expect(outputOf(result)).toEqual(rejected);
    expect(result.logs).toEqual(['jwt rejected: missing']);
  });
});

describe('signed-url-v1 (1.0)', () => {
  const sign = (uri: string, expires: number) => createHmac('sha256', 'url-signing-key').update(`${uri}:${expires}`).digest('hex');
  const runAt = (uri: string) => run('signed-url-v1', V1, viewerRequestEvent({ uri }), { now: NOW });

  it('serves a link signed for its path before it expires, without the signing parameters', () => {
    const expires = NOW_S + 600;
    const event = viewerRequestEvent({ uri: `/files/report.pdf?expires=${expires}&signature=${sign('/files/report.pdf', expires)}&download=1` });
    expect(outputOf(run('signed-url-v1', V1, event, { now: NOW }))).toEqual(forwarded(event, { querystring: values({ download: '1' }) }));
  });

  it('answers 410 for an expired link', () => {
    const expires = NOW_S - 1;
    expect(outputOf(runAt(`/files/report.pdf?expires=${expires}&signature=${sign('/files/report.pdf', expires)}`))).toEqual(generated(410, 'Gone'));
  });

  it('answers 403 for a link signed for another path, or not signed', () => {
    const expires = NOW_S + 600;
    expect(outputOf(runAt(`/files/payroll.pdf?expires=${expires}&signature=${sign('/files/report.pdf', expires)}`))).toEqual(generated(403, 'Forbidden'));
    expect(outputOf(runAt('/files/report.pdf'))).toEqual(generated(403, 'Forbidden'));
  });
});

describe('ab-cookie (1.0)', () => {
  it('keeps the variant the cookie names', () => {
    const event = viewerRequestEvent({ uri: '/', cookies: { 'ab-variant': 'b' } });
    expect(outputOf(run('ab-cookie', V1, event))).toEqual(forwarded(event, { uri: '/b/index.html' }));
  });

  it.each(['192.0.2.1', '198.51.100.77', '203.0.113.200'])('buckets a new viewer (%s) by an MD5 of the address and sets the cookie', (ip) => {
    const variant = parseInt(createHash('md5').update(ip).digest('hex').slice(0, 2), 16) < 128 ? 'a' : 'b';
    const event = viewerRequestEvent({ uri: '/index.html', ip, cookies: { 'ab-variant': 'stale' } });
    expect(outputOf(run('ab-cookie', V1, event))).toEqual(forwarded(event, { uri: `/${variant}/index.html`, cookies: values({ 'ab-variant': variant }) }));
  });

  it('leaves other pages alone', () => {
    const event = viewerRequestEvent({ uri: '/about', cookies: { 'ab-variant': 'a' } });
    expect(outputOf(run('ab-cookie', V1, event))).toEqual(forwarded(event));
  });
});
