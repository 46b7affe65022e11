import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent } from '../../../src';
import { cwtToken } from './cwt';
import { forwarded, generated, outputOf, run, V2, values } from './corpus';

// Runtime 2.0 functions using what the Developer Guide added in 2025-2026: tenants (F25), cf.cwt (F23),
// cf.logCustomData (F24), and what TestFunction and production treat differently (F22).

describe('tenant-routing (2.0): distribution tenants (F25)', () => {
  it('routes a tenant to the prefix its parameters name, with the connection group endpoint', () => {
    const event = viewerRequestEvent({ uri: '/index.html' });
    const result = run('tenant-routing', V2, event, { distributionTenant: { id: 'dt_2kQ9acme', parameters: { contentPrefix: 'acme-v2' } } } as object);
    expect(outputOf(result)).toEqual(
      forwarded(event, {
        uri: '/acme-v2/index.html',
        headers: values({ host: 'www.example.com', 'x-tenant-id': 'dt_2kQ9acme', 'x-connection-endpoint': 'd111111abcdef8.cloudfront.net' }),
      }),
    );
  });

  it("falls back to the tenant's id when the parameter is missing (DistributionTenantParameterKeyNotFound)", () => {
    const event = viewerRequestEvent({ uri: '/a.css' });
    const result = run('tenant-routing', V2, event, { distributionTenant: { id: 'dt_7bZ3globex', parameters: { theme: 'blue' } } } as object);
    expect(outputOf(result).request.uri).toBe('/dt_7bZ3globex/a.css');
  });

  it('leaves the request alone on a standard distribution, where distributionTenant throws', () => {
    const event = viewerRequestEvent({ uri: '/index.html' });
    const result = run('tenant-routing', V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.logs).toHaveLength(1);
    expect(result.logs[0]).toMatch(/^standard distribution: .*distributionTenant module is not available/);
  });
});

describe('cwt-session (2.0): cf.cwt.validateToken (F23)', () => {
  const NOW = Date.UTC(2026, 3, 1);
  const key = 'cwt-shared-key-0123456789abcdef';
  const claims = (exp: number) =>
    new Map<number, string | number>([
      [1, 'https://auth.example.com'],
      [2, 'user-7'],
      [4, exp],
      [6, NOW / 1000 - 60],
    ]);
  const cookie = (token: Buffer) => viewerRequestEvent({ uri: '/account', cookies: { 'cwt-session': token.toString('base64url') } });
  const runWith = (event: object) => run('cwt-session', V2, event, { kvs: { 'cwt-key': key }, now: NOW });
  const forbidden = generated(403, 'Forbidden', { 'cache-control': 'no-store' });

  it.each([false, true])('accepts a valid COSE_MAC0 token (inside the CWT tag: %s)', (cwtTag) => {
    const event = cookie(cwtToken(claims(NOW / 1000 + 3600), key, { cwtTag, kid: 'k1' }));
    const result = runWith(event);
    expect(outputOf(result)).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'x-cwt-sub': 'user-7' }) }));
    expect(result.logs).toEqual([]);
  });

  it('refuses a token MACed with another key', () => {
    const result = runWith(cookie(cwtToken(claims(NOW / 1000 + 3600), 'another-key')));
    expect(outputOf(result)).toEqual(forbidden);
    expect(result.logs).toEqual(['cwt invalid']);
  });

  it('refuses a token whose payload was changed after MACing', () => {
    const token = cwtToken(claims(NOW / 1000 + 3600), key);
    const at = token.indexOf(Buffer.from('user-7'));
    token[at + 5] = '8'.charCodeAt(0);
    const result = runWith(cookie(token));
    expect(result.logs).toEqual(['cwt invalid']);
  });

  it('checks exp itself (validateToken does not)', () => {
    const result = runWith(cookie(cwtToken(claims(NOW / 1000 - 1), key)));
    expect(outputOf(result)).toEqual(forbidden);
    expect(result.logs).toEqual(['cwt expired']);
  });

  it('refuses a request without the cookie', () => {
    const result = runWith(viewerRequestEvent({ uri: '/account' }));
    expect(outputOf(result)).toEqual(forbidden);
    expect(result.logs).toEqual(['cwt missing']);
  });
});

// Result members that F18, F22 and F24 add, whose names are settled when the branches merge:
// `customData` (F24) and `productionError` (F22) below.
describe('result members added by F22 and F24 (names to settle on merge)', () => {
  it('log-custom-data: the last cf.logCustomData call wins (F24)', () => {
    const event = viewerRequestEvent({ headers: { 'cloudfront-viewer-country': 'DE' }, cookies: { 'ab-variant': 'b' } });
    const result = run('log-custom-data', V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect((result as unknown as { customData: string }).customData).toBe('country-DE.variant-b');
  });

  it('log-custom-data: the data is cut at 800 bytes (F24)', () => {
    const result = run('log-custom-data', V2, viewerRequestEvent({ cookies: { 'ab-variant': 'x'.repeat(900) } }));
    expect((result as unknown as { customData: string }).customData).toBe(`country-XX.variant-${'x'.repeat(900)}`.slice(0, 800));
  });

  it('forwarded-proto: a disallowed header is not an execution error, but a production error (F22)', () => {
    const event = viewerRequestEvent();
    const result = run('forwarded-proto', 'cloudfront-js-1.0', event);
    expect(result.errorMessage).toBe('');
    expect(result.output).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'x-forwarded-proto': 'https' }) }));
    expect((result as unknown as { productionError?: unknown }).productionError).toBeDefined();
  });
});
