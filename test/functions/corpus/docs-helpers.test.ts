import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent, viewerResponseEvent } from '../../../src';
import { cwtToken, decodeCbor, Tagged } from './cwt';
import { forwarded, generated, outputOf, run, V2 } from './corpus';

// The examples of the Developer Guide's CloudFront Functions pages other than "example code" (see
// docs-examples.test.ts), each re-expressed in test/functions/corpus/docs/ and named by its page.

const docs = (name: string) => `docs/${name}`;

describe('functions-event-structure: response object, multiValue, cookie attributes, body object', () => {
  it('serializes a generated response with every documented member', () => {
    const result = run(docs('event-structure-response'), V2, viewerRequestEvent({ uri: '/tags?tag=a&tag=b' }));
    expect(outputOf(result)).toEqual({
      response: {
        statusCode: 200,
        statusDescription: 'OK',
        headers: { 'content-type': { value: 'application/json' }, 'x-tag': { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] } },
        cookies: {
          id: { value: 'a3fWa', attributes: 'Expires=Wed, 05 Apr 2028 07:28:00 GMT' },
          pref: { value: 'dark', attributes: 'Path=/', multiValue: [{ value: 'dark', attributes: 'Path=/' }, { value: 'compact', attributes: 'Path=/list' }] },
        },
        body: { encoding: 'text', data: '{"tags":["a","b"]}' },
      },
    });
  });
});

describe('functions-custom-methods (helper methods for key value stores): get, exists, meta, kvs(id)', () => {
  it('reads a value as a string, as JSON and as bytes, and answers exists() and meta()', () => {
    const kvs = { greeting: 'hello', config: '{"mode":"fast","limit":3}' };
    const event = viewerRequestEvent();
    const result = run(docs('kvs-helpers'), V2, event, { kvs });
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.logs).toEqual(['hello|hello|fast:3|5:104|true|false|2', 'Error: KeyNotFound']);
  });
});

describe('helper-functions-origin-modification: updateRequestOrigin, selectRequestOriginById, createRequestOriginGroup', () => {
  it('switches to an S3 origin with origin access control', () => {
    const result = run(docs('update-origin'), V2, viewerRequestEvent({ uri: '/s3/logo.png' }));
    expect(result.errorMessage).toBe('');
    expect(result.originCalls).toEqual([
      {
        method: 'updateRequestOrigin',
        argument: {
          domainName: 'assets-bucket.s3.us-west-2.amazonaws.com',
          originAccessControlConfig: { enabled: true, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' },
          customHeaders: {},
        },
      },
    ]);
  });

  it('switches to a custom origin with path, headers, attempts, Origin Shield, timeouts and protocol', () => {
    const result = run(docs('update-origin'), V2, viewerRequestEvent({ uri: '/alb/orders' }));
    expect(result.errorMessage).toBe('');
    expect(result.originCalls[0]!.argument).toEqual({
      domainName: 'api.internal.example.com',
      originPath: '/v2',
      customHeaders: { 'x-origin-secret': 'abc123' },
      connectionAttempts: 2,
      originShield: { enabled: true, region: 'us-east-1' },
      timeouts: { readTimeout: 30, connectionTimeout: 5 },
      customOriginConfig: { port: 443, protocol: 'https', sslProtocols: ['TLSv1.2'] },
    });
  });

  it('takes the 2025-11 members hostHeader, sni, allowedCertificateNames and mTLSConfig (F18)', () => {
    const event = viewerRequestEvent({ uri: '/mtls/x' });
    const result = run(docs('update-origin'), V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.originCalls).toHaveLength(1);
  });

  it('selects an origin by id', () => {
    const result = run(docs('select-origin-by-id'), V2, viewerRequestEvent());
    expect(result.errorMessage).toBe('');
    expect(result.originCalls).toEqual([{ method: 'selectRequestOriginById', argument: 'main-origin' }]);
  });

  it('selects an origin by id with a host header override (F18)', () => {
    const result = run(docs('select-origin-by-id'), V2, viewerRequestEvent({ headers: { 'x-beta': '1' } }));
    expect(result.errorMessage).toBe('');
    expect(result.originCalls.map((c) => c.method)).toEqual(['selectRequestOriginById']);
  });

  it('creates an origin group of two ids', () => {
    const result = run(docs('origin-group'), V2, viewerRequestEvent({ uri: '/vod/a.m3u8' }));
    expect(result.errorMessage).toBe('');
    expect(result.originCalls).toEqual([{ method: 'createRequestOriginGroup', argument: { originIds: ['origin-1', 'origin-2'], failoverCriteria: { statusCodes: [403, 404] } } }]);
  });

  it('creates an origin group whose first member carries origin overrides (F18)', () => {
    const result = run(docs('origin-group'), V2, viewerRequestEvent({ uri: '/live/a.m3u8' }));
    expect(result.errorMessage).toBe('');
    expect(result.originCalls.map((c) => c.method)).toEqual(['createRequestOriginGroup']);
  });
});

describe('cwt-support-cloudfront-functions: validateToken and generateToken (F23)', () => {
  const KEY = Buffer.from('403697de87af64611c1d32a05dab0fe1fcb715a86ab435f1ec99192d79569388', 'hex');
  const NOW = Date.UTC(2026, 1, 1);
  const claims = (exp: number) => new Map<number, string | number>([[2, 'user-7'], [4, exp]]);
  const withToken = (token: Buffer) => viewerRequestEvent({ uri: `/video?token=${token.toString('base64url')}` });

  it('validates a COSE_MAC0 HS256 token built independently from RFC 8152', () => {
    const event = withToken(cwtToken(claims(NOW / 1000 + 60), KEY, { cwtTag: true }));
    const result = run(docs('cwt-validate'), V2, event, { now: NOW });
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.logs).toEqual(['sub user-7, alg 5']);
  });

  // The page draws its token structure with RFC 8392's A.4 token (alg 4, HMAC 256/64, an 8-byte
  // tag) but states that the module "only supports MAC0 structure with HS256": the structure is
  // read, the algorithm is refused (Caveats, F23).
  it("reads the token structure page's own example (RFC 8392 A.4) and refuses its HMAC 256/64 algorithm", () => {
    const rfc = Buffer.from(
      'd83dd18443a10104a1044c53796d6d65747269633235365850a70175636f61703a2f2f61732e6578616d706c652e636f6d02656572696b77037818636f61703a2f2f6c696768742e6578616d706c652e636f6d041a5612aeb0051a5610d9f0061a5610d9f007420b7148093101ef6d789200',
      'hex',
    );
    const result = run(docs('cwt-validate'), V2, withToken(rfc), { now: Date.UTC(2015, 9, 4) });
    expect(result.errorMessage).toBe('');
    expect(outputOf(result)).toEqual(generated(401, 'Unauthorized'));
    expect(result.logs[0]).toMatch(/^Error: .*(algorithm|HS256)/i);
  });

  it('answers 401 for an expired token, a wrong key or no token', () => {
    expect(outputOf(run(docs('cwt-validate'), V2, withToken(cwtToken(claims(NOW / 1000 - 60), KEY)), { now: NOW }))).toEqual(generated(401, 'Token expired'));
    const wrong = run(docs('cwt-validate'), V2, withToken(cwtToken(claims(NOW / 1000 + 60), 'other')), { now: NOW });
    expect(outputOf(wrong)).toEqual(generated(401, 'Unauthorized'));
    expect(wrong.logs[0]).toMatch(/^[A-Za-z]*Error/);
    expect(outputOf(run(docs('cwt-validate'), V2, viewerRequestEvent({ uri: '/video' })))).toEqual(generated(401, 'Unauthorized'));
  });

  it('generates a CWT-tagged COSE_MAC0 token that an independent decoder verifies', () => {
    const result = run(docs('cwt-generate'), V2, viewerRequestEvent({ ip: '192.0.2.9' }), { now: NOW });
    const output = outputOf(result);
    expect(result.logs).toEqual(['round trip sub 192.0.2.9']);
    expect(output.response.cookies.session.attributes).toBe('Secure; HttpOnly; Path=/');
    const outer = decodeCbor(Buffer.from(output.response.cookies.session.value, 'base64url')) as Tagged;
    expect(outer.tag).toBe(61);
    const inner = outer.value as Tagged;
    expect(inner.tag).toBe(17);
    const [protectedHeader, , payload, tag] = inner.value as [Buffer, unknown, Buffer, Buffer];
    expect(decodeCbor(protectedHeader)).toEqual(new Map([[1, 5]]));
    const mac = createHmac('sha256', 'generate-key-for-docs-example').update(Buffer.concat([Buffer.from([0x84, 0x64]), Buffer.from('MAC0'), cborBytes(protectedHeader), Buffer.from([0x40]), cborBytes(payload)])).digest();
    expect(tag.equals(mac)).toBe(true);
    const seconds = NOW / 1000;
    expect(decodeCbor(payload)).toEqual(new Map<number, string | number>([[1, 'https://edge.example.com'], [2, '192.0.2.9'], [4, seconds + 300], [6, seconds]]));
  });
});

/** A CBOR byte string of `bytes` (for the MAC_structure, RFC 8152 §6.3). */
function cborBytes(bytes: Buffer): Buffer {
  const head = bytes.length < 24 ? Buffer.from([0x40 | bytes.length]) : bytes.length < 256 ? Buffer.from([0x58, bytes.length]) : Buffer.from([0x59, bytes.length >> 8, bytes.length & 0xff]);
  return Buffer.concat([head, bytes]);
}

describe('saas-specific-logic-function-code: endpoint, distributionTenant.id and parameters.get (F25)', () => {
  it('reads the tenant, its parameters, and throws for a parameter it does not have', () => {
    const result = run(docs('tenant-helpers'), V2, viewerRequestEvent(), { distributionTenant: { id: 'dt_1a2b3c4d5e6f7', parameters: { plan: 'gold' } } } as object);
    expect(result.errorMessage).toBe('');
    expect(result.logs.slice(0, 3)).toEqual(['endpoint d111111abcdef8.cloudfront.net', 'tenant dt_1a2b3c4d5e6f7', 'plan gold']);
    expect(result.logs[3]).toMatch(/DistributionTenantParameterKeyNotFound/);
  });

  it('has no endpoint and no tenant on a standard distribution', () => {
    const result = run(docs('tenant-helpers'), V2, viewerRequestEvent());
    expect(result.errorMessage).toBe('');
    expect(result.logs[0]).toBe('endpoint undefined');
    expect(result.logs[1]).toMatch(/^no tenant: .*distributionTenant module is not available/);
  });
});

describe('async-await-syntax: sequential awaits and a then chain', () => {
  const kvs = { 'lang:DE': 'de', 'site-version': 'v3' };
  it.each([
    [{ 'cloudfront-viewer-country': 'DE' }, '/docs/', '/v3/de/docs/index.html'],
    [{}, '/a.html', '/v3/en/a.html'],
  ])('headers %j, %s → %s', (headers, uri, served) => {
    const event = viewerRequestEvent({ uri, headers });
    expect(outputOf(run(docs('async-await'), V2, event, { kvs }))).toEqual(forwarded(event, { uri: served }));
  });
});

describe('general-helper-methods: edgeLocation, rawQueryString(), logCustomData()', () => {
  it('edgeLocation names the edge in a viewer request and is empty in a viewer response (F27)', () => {
    const edgeLocation = { name: 'SEA', serverIp: '1.2.3.4', region: 'us-west-2' };
    expect(run(docs('edge-location'), V2, viewerRequestEvent(), { edgeLocation }).logs).toEqual(['{"name":"SEA","serverIp":"1.2.3.4","region":"us-west-2"}']);
    const response = run(docs('edge-location'), V2, viewerResponseEvent(), { edgeLocation });
    expect(response.errorMessage).toBe('');
    expect(response.logs).toEqual(['{}']);
  });

  it('rawQueryString() is the query without "?", undefined without one', () => {
    expect(run(docs('raw-query-string'), V2, viewerRequestEvent({ uri: '/p?b=2&a=1&a=3' })).logs).toEqual(['"b=2&a=1&a=3"']);
    expect(run(docs('raw-query-string'), V2, viewerRequestEvent({ uri: '/p' })).logs).toEqual(['undefined']);
  });

  // The result member's name (customData) is settled when F24 merges.
  it('logCustomData() data reaches the result URL-encoded (F24)', () => {
    const event = viewerRequestEvent({ headers: { 'user-agent': 'Mozilla/5.0' } });
    const result = run(docs('log-custom-data'), V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect((result as unknown as { customData: string }).customData).toBe('user-agent%20Mozilla%2F5.0');
  });
});
