import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { checkEvent, createKvsSimulator, KvsMockUsageError, runFunction, viewerRequestEvent, viewerResponseEvent } from '../../src';
import { invokeFunction } from '../../src/functions';

const PASS = 'function handler(event) { return event.request; }';
const event = viewerRequestEvent();

describe('runFunction(): the direct call', () => {
  test('takes the code as text, bytes or a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-function-'));
    writeFileSync(join(dir, 'f.js'), PASS);
    for (const source of [{ code: PASS }, { code: Buffer.from(PASS) }, { file: join(dir, 'f.js') }]) {
      expect(runFunction({ ...source, event }).output).toEqual({ request: { headers: { host: { value: 'www.example.com' } }, method: 'GET', querystring: {}, uri: '/', cookies: {} } });
    }
  });

  test('takes the event as JSON text, as TestFunction does', () => {
    expect(runFunction({ code: PASS, event: JSON.stringify(event) }).error).toBeUndefined();
  });

  test.each([
    ['no code', { event }, 'give the function as code (its text or bytes) or as file (a path), one of them.'],
    ['code and file', { code: PASS, file: 'x.js', event }, 'one of them.'],
    ['code over the 10 KB quota', { code: 'x'.repeat(10_241), event }, 'the code is 10241 bytes, over the function size quota of 10240 bytes'],
    ['code over the model limit, whatever the quota', { code: PASS, event, maxCodeBytes: 40_961 }, 'maxCodeBytes must be a whole number from 1 to 40960.'],
    ['an unknown runtime', { code: PASS, event, runtime: 'cloudfront-js-3.0' }, 'runtime must be one of cloudfront-js-1.0, cloudfront-js-2.0, got "cloudfront-js-3.0".'],
    ['an event that is no CloudFront event', { code: PASS, event: { request: {} } }, 'the event is not a CloudFront Functions event: the event has no version'],
    ['a viewer-response event without a response', { code: PASS, event: { ...event, context: { eventType: 'viewer-response' } } }, 'a viewer-response event needs a response object'],
    ['an event that is not JSON', { code: PASS, event: '{' }, 'the event is not valid JSON'],
    ['a store by name without a simulator', { code: PASS, event, kvs: 'config' }, 'a store by ARN or name needs a simulator'],
    ['a store for a 1.0 function', { code: PASS, event, kvs: { a: '1' }, runtime: 'cloudfront-js-1.0' }, 'a key value store can be associated with a cloudfront-js-2.0 function only.'],
    ['pairs over a store limit', { code: PASS, event, kvs: { ['k'.repeat(513)]: 'v' } }, 'the kvs pairs break a key value store limit'],
    ['an unknown option', { code: PASS, event, timeout: 5 }, 'unknown option "timeout"'],
    ['a missing file', { file: '/nonexistent/f.js', event }, 'cannot read the code file /nonexistent/f.js'],
  ])('throws a KvsMockUsageError on %s', (_name, options, message) => {
    expect(() => runFunction(options as never)).toThrow(KvsMockUsageError);
    expect(() => runFunction(options as never)).toThrow(message);
  });

  test('invokeFunction(), the internal contract, refuses a slip of its callers with a usage error', () => {
    expect(() => invokeFunction({ code: PASS, runtime: 'cloudfront-js-9' as never, event, now: 0 })).toThrow('invokeFunction(): unknown runtime "cloudfront-js-9".');
    expect(() => invokeFunction({ code: PASS, runtime: 'cloudfront-js-2.0', event: {}, now: 0 })).toThrow(KvsMockUsageError);
    expect(invokeFunction({ code: PASS, runtime: 'cloudfront-js-2.0', event, now: 0 }).errorMessage).toBe('');
  });

  test('maxCodeBytes models a raised quota', () => {
    expect(runFunction({ code: `${PASS}\n//${'x'.repeat(20_000)}`, event, maxCodeBytes: 40_960 }).error).toBeUndefined();
  });

  test('simulator.runFunction() throws on a store that does not exist', () => {
    const kvs = createKvsSimulator();
    expect(() => kvs.runFunction({ code: PASS, event, kvs: 'missing' })).toThrow('no key value store "missing" in this simulator (account 123456789012); create it first or pass its ARN.');
  });

  test('a function\'s own failure is a result, never an exception', () => {
    const result = runFunction({ code: "function handler(event) { throw new TypeError('bad'); }", event });
    expect(result).toEqual({ functionOutput: '', error: { name: 'TypeError', message: 'bad' }, errorMessage: 'The CloudFront function associated with the CloudFront distribution is invalid or could not run. TypeError: bad', logs: [], computeUtilization: expect.any(Number), originCalls: [], warnings: [] });
  });

  test('reports the njs wording of a property read on undefined (F10)', () => {
    expect(runFunction({ code: 'function handler(event) { return event.request.headers.missing.value; }', event }).errorMessage).toBe(
      'The CloudFront function associated with the CloudFront distribution is invalid or could not run. TypeError: cannot get property "value" of undefined',
    );
  });

  test('compute utilization is a whole number from 0 to 100 over the compute budget', () => {
    const quick = runFunction({ code: PASS, event, limits: { computeBudgetMs: 10_000 } });
    expect(quick.computeUtilization).toBe(0);
    const slow = runFunction({ code: 'function handler(event) { var x = 0; for (var i = 0; i < 3e6; i++) x += i; return event.request; }', event, limits: { computeBudgetMs: 0.001 } });
    expect(slow.computeUtilization).toBe(100);
  });
});

describe('origin helpers, cf.edgeLocation and rawQueryString() (F15)', () => {
  const cf = (body: string, e: unknown = viewerRequestEvent({ uri: '/p?a=1&b=2&b=3&c' })) =>
    runFunction({ code: `import cf from 'cloudfront';\nfunction handler(event) {\n${body}\nreturn event.request; }`, event: e });

  test('the calls are recorded, in order, with their arguments', () => {
    const result = cf("cf.updateRequestOrigin({ domainName: 'origin.example.com', originPath: '/v2', connectionAttempts: 2, timeouts: { readTimeout: 30 }, originAccessControlConfig: { enabled: true, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' } }); cf.selectRequestOriginById('s3-origin'); cf.createRequestOriginGroup({ originIds: ['a', 'b'], failoverCriteria: { statusCodes: [500, 502] } });");
    expect(result.error).toBeUndefined();
    expect(result.originCalls).toEqual([
      { method: 'updateRequestOrigin', argument: { domainName: 'origin.example.com', originPath: '/v2', connectionAttempts: 2, timeouts: { readTimeout: 30 }, originAccessControlConfig: { enabled: true, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' } } },
      { method: 'selectRequestOriginById', argument: 's3-origin' },
      { method: 'createRequestOriginGroup', argument: { originIds: ['a', 'b'], failoverCriteria: { statusCodes: [500, 502] } } },
    ]);
  });

  test.each([
    ["cf.updateRequestOrigin({ connectionAttempts: 4 })", 'updateRequestOrigin(): connectionAttempts must be an integer from 1 to 3'],
    ["cf.updateRequestOrigin({ timeouts: { connectionTimeout: 11 } })", 'updateRequestOrigin(): timeouts.connectionTimeout must be an integer from 1 to 10'],
    ["cf.updateRequestOrigin({ originShield: { enabled: true } })", 'updateRequestOrigin(): originShield.region is required when Origin Shield is enabled'],
    ["cf.updateRequestOrigin({ customOriginConfig: { port: 443, protocol: 'ftp', sslProtocols: ['TLSv1.2'] } })", 'updateRequestOrigin(): customOriginConfig.protocol must be one of http, https'],
    ["cf.selectRequestOriginById('')", 'selectRequestOriginById(): takes the id of an origin of the distribution, a non-empty string'],
    ["cf.createRequestOriginGroup({ originIds: ['a'], failoverCriteria: { statusCodes: [500] } })", 'createRequestOriginGroup(): originIds must be two origins (primary, then failover)'],
    ["cf.createRequestOriginGroup({ originIds: ['a', 'b'], failoverCriteria: { statusCodes: [200] } })", 'createRequestOriginGroup(): failoverCriteria.statusCodes[] must be an integer from 400 to 599'],
  ])('%s is a TypeError', (body, message) => {
    const result = cf(body);
    expect(result.error).toEqual({ name: 'TypeError', message: expect.stringContaining(message) });
    expect(result.originCalls).toEqual([]);
  });

  test('the helpers are for viewer-request only; edgeLocation is {} in viewer-response (F27)', () => {
    const response = runFunction({ code: "import cf from 'cloudfront';\nfunction handler(event) { console.log(JSON.stringify(cf.edgeLocation)); cf.selectRequestOriginById('a'); }", event: viewerResponseEvent() });
    expect(response.logs).toEqual(['{}']);
    expect(response.error).toEqual({ name: 'Error', message: 'selectRequestOriginById() can only be used in viewer-request functions' });
  });

  test('cf.edgeLocation: the default, or the one given', () => {
    expect(cf('console.log(JSON.stringify(cf.edgeLocation));').logs).toEqual(['{"name":"IAD","serverIp":"203.0.113.10","region":"us-east-1"}']);
    const given = runFunction({ code: "import cf from 'cloudfront';\nfunction handler(event) { console.log(cf.edgeLocation.name); return event.request; }", event, edgeLocation: { name: 'NRT', serverIp: '192.0.2.1', region: 'ap-northeast-1' } });
    expect(given.logs).toEqual(['NRT']);
  });

  test('rawQueryString() rebuilds the query string; undefined without one', () => {
    expect(cf('console.log(event.request.rawQueryString());').logs).toEqual(['a=1&b=2&b=3&c']);
    expect(cf('console.log(String(event.request.rawQueryString()));', viewerRequestEvent()).logs).toEqual(['undefined']);
  });
});

describe('event builders and checkEvent()', () => {
  test('viewerRequestEvent(): lower-case headers, several values, cookies apart, the query string parsed', () => {
    const e = viewerRequestEvent({ method: 'POST', uri: '/a?x=1&x=2', headers: { 'User-Agent': 'curl', accept: ['a', 'b'], cookie: 'sid=1; theme=dark' }, ip: '192.0.2.9' });
    expect(e).toEqual({
      version: '1.0',
      context: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: expect.any(String) },
      viewer: { ip: '192.0.2.9' },
      request: {
        method: 'POST',
        uri: '/a',
        querystring: { x: { value: '1', multiValue: [{ value: '1' }, { value: '2' }] } },
        headers: { host: { value: 'www.example.com' }, 'user-agent': { value: 'curl' }, accept: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] } },
        cookies: { sid: { value: '1' }, theme: { value: 'dark' } },
      },
    });
    expect(checkEvent(e)).toBeUndefined();
  });

  test('viewerResponseEvent(): the request and the response', () => {
    const e = viewerResponseEvent({ statusCode: 404, responseHeaders: { 'Content-Type': 'text/plain' }, responseCookies: { id: { value: '1', attributes: 'Secure' } } });
    expect(e.response).toEqual({ statusCode: 404, statusDescription: 'OK', headers: { 'content-type': { value: 'text/plain' } }, cookies: { id: { value: '1', attributes: 'Secure' } } });
    expect(checkEvent(e)).toBeUndefined();
  });

  test.each([
    [null, 'the event must be a JSON object'],
    [{ context: {} }, 'the event has no version (CloudFront sends "1.0")'],
    [{ version: '1.0' }, 'the event has no context object'],
    [{ version: '1.0', context: { eventType: 'origin-request' } }, 'context.eventType must be "viewer-request" or "viewer-response", got "origin-request"'],
    [{ version: '1.0', context: { eventType: 'viewer-request' } }, 'the event has no request object'],
  ])('checkEvent(%j) says why', (e, reason) => {
    expect(checkEvent(e)).toBe(reason);
  });
});
