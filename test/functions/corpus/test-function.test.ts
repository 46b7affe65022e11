import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { TestFunctionCommand } from '@aws-sdk/client-cloudfront';
import { manualClock, viewerRequestEvent, viewerResponseEvent, type FunctionEvent, type FunctionRuntime } from '../../../src';
import { setup } from '../../helpers/clients';
import { associationOf, bytes, createFn } from '../../control-plane/function-fixtures';
import { fileOf, forwarded, generated, JWT_SAMPLE, V1, V2, values } from './corpus';

// A handful of corpus functions deployed and tested through a real CloudFrontClient (TestFunction, F9):
// the FunctionOutput is the output runFunction() gives, as JSON text.

async function testFunction(name: string, runtime: FunctionRuntime, event: FunctionEvent | object, items?: Record<string, string>, now?: number) {
  const { kvs, control } = setup(now === undefined ? {} : { clock: manualClock(now) });
  const store = items ? kvs.seedStore({ name: 'corpus-store', items }) : undefined;
  const created = await createFn(control, 'corpus-fn', {
    FunctionCode: bytes(readFileSync(fileOf(name), 'utf8')),
    FunctionConfig: { Runtime: runtime, ...(store ? { KeyValueStoreAssociations: associationOf(store) } : {}) },
  });
  const out = await control.send(new TestFunctionCommand({ Name: 'corpus-fn', IfMatch: created.ETag!, EventObject: bytes(JSON.stringify(event)) }));
  const result = out.TestResult!;
  return { error: result.FunctionErrorMessage, logs: result.FunctionExecutionLogs, output: result.FunctionOutput ? JSON.parse(result.FunctionOutput) : undefined };
}

describe('corpus functions through TestFunction', () => {
  it('kvs-redirects (2.0, store associated): a listed path and a miss', async () => {
    const hit = await testFunction('kvs-redirects', V2, viewerRequestEvent({ uri: '/old' }), { '/old': '/new' });
    expect(hit).toEqual({ error: '', logs: [], output: generated(301, 'Moved Permanently', { location: 'https://www.example.com/new', 'cache-control': 'max-age=3600' }) });
    const event = viewerRequestEvent({ uri: '/kept' });
    const miss = await testFunction('kvs-redirects', V2, event, { '/old': '/new' });
    expect(miss).toEqual({ error: '', logs: ['no redirect for /kept: Error: KeyNotFound'], output: forwarded(event) });
  });

  it('cors-preflight (1.0): a generated 204', async () => {
    const event = viewerRequestEvent({ method: 'OPTIONS', headers: { origin: 'https://app.example.com' } });
    const result = await testFunction('cors-preflight', V1, event);
    expect(result.error).toBe('');
    expect(result.output.response).toMatchObject({ statusCode: 204, headers: { 'access-control-allow-origin': { value: 'https://app.example.com' } }, cookies: {} });
  });

  it('security-headers (1.0, viewer response)', async () => {
    const event = viewerResponseEvent({ responseHeaders: { server: 'AmazonS3' } });
    const result = await testFunction('security-headers', V1, event);
    expect(result.error).toBe('');
    expect(Object.keys(result.output.response.headers).sort()).toEqual(['content-security-policy', 'referrer-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options']);
  });

  it('query-sort (1.0): the string query string in FunctionOutput (F17)', async () => {
    const event = viewerRequestEvent({ uri: '/p?b=2&a=1' });
    expect(await testFunction('query-sort', V1, event)).toEqual({ error: '', logs: [], output: forwarded(event, { querystring: 'a=1&b=2' }) });
  });

  it('jwt-hs256-v1 (1.0): String.bytesFrom and a base64url HMAC (F19)', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZiJ9';
    const { createHmac } = await import('node:crypto');
    const event = viewerRequestEvent({ cookies: { token: `${token}.${createHmac('sha256', 'corpus-secret-1').update(token).digest('base64url')}` } });
    expect(await testFunction('jwt-hs256-v1', V1, event)).toEqual({ error: '', logs: [], output: forwarded(event, { headers: values({ host: 'www.example.com', 'x-user-id': 'tf' }) }) });
  });

  it("docs/verify-jwt (2.0): the kvs-jwt-verify sample's test event gives its documented FunctionOutput", async () => {
    const event = JWT_SAMPLE.event({ jwt: { value: JWT_SAMPLE.token }, test: { value: 'anotherQueryString' } });
    const result = await testFunction('docs/verify-jwt', V2, event, { 'jwt.secret': JWT_SAMPLE.secret }, JWT_SAMPLE.validAt);
    expect(result).toEqual({
      error: '',
      logs: ['Valid JWT token'],
      output: JSON.parse(JWT_SAMPLE.functionOutput),
    });
  });

  it('forwarded-proto (1.0): TestFunction validates execution errors only (F22)', async () => {
    const event = viewerRequestEvent();
    expect(await testFunction('forwarded-proto', V1, event)).toEqual({
      error: '',
      logs: [],
      output: forwarded(event, { headers: values({ host: 'www.example.com', 'x-forwarded-proto': 'https' }) }),
    });
  });
});
