import { join } from 'node:path';
import { expect } from '@jest/globals';
import { runFunction, type FunctionEvent, type FunctionResult, type FunctionRuntime, type RunFunctionOptions } from '../../../src';

export const V1: FunctionRuntime = 'cloudfront-js-1.0';
export const V2: FunctionRuntime = 'cloudfront-js-2.0';

/** The path of a corpus function (`name` without `.js`; `docs/…` for the Developer Guide's examples). */
export const fileOf = (name: string): string => join(__dirname, `${name}.js`);

/** Runs a corpus function as CloudFront would, under the runtime its shape needs. */
export function run(name: string, runtime: FunctionRuntime, event: FunctionEvent | object, extra: Partial<RunFunctionOptions> = {}): FunctionResult {
  return runFunction({ file: fileOf(name), runtime, event, ...extra } as RunFunctionOptions);
}

/** The output of a run that succeeded; fails the test with the function's error otherwise. */
export function outputOf(result: FunctionResult): { request?: any; response?: any } {
  expect(result.errorMessage).toBe('');
  expect(result.error).toBeUndefined();
  return result.output!;
}

/** The request CloudFront forwards: the event's request with the members the function changed (F16 shape). */
export function forwarded(event: FunctionEvent, changes: Record<string, unknown> = {}): { request: unknown } {
  const { method, uri, querystring, headers, cookies } = event.request;
  return { request: { method, uri, querystring, headers, cookies, ...changes } };
}

/** A response the function generated, as CloudFront serializes it (absent maps as `{}`). */
export function generated(statusCode: number, statusDescription: string | undefined, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): { response: unknown } {
  const map: Record<string, { value: string }> = {};
  for (const [name, value] of Object.entries(headers)) map[name] = { value };
  const response: Record<string, unknown> = { statusCode, headers: map, cookies: {}, ...extra };
  if (statusDescription !== undefined) response.statusDescription = statusDescription;
  return { response };
}

/** `{ name: { value } }` for each entry. */
export function values(map: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [name, value] of Object.entries(map)) out[name] = { value };
  return out;
}

/**
 * AWS's kvs-jwt-verify sample: its secret, its test event (valid-jwt.json: no cookies, a misspelt
 * "multivalue") with the query string given, and the FunctionOutput its README documents.
 */
export const JWT_SAMPLE = {
  secret: 'LzdWGpAToQ1DqYuzHxE6YOqi7G3X2yvNBot9mCXfx5k',
  token:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJuYmYiOjE1MTYyMzkwMjIsImV4cCI6MTcxNjIzOTAyMn0.jyu6HjS95wU8iSofQ8nBlmPjFYODxn4PQAdFM-Cv8JY',
  event: (querystring: object) => ({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '0.0.0.0' },
    request: {
      method: 'GET',
      uri: '/index.html',
      querystring,
      headers: { host: { value: 'www.example.com' }, accept: { value: 'text/html', multivalue: [{ value: 'text/html' }, { value: 'application/xhtml+xml' }] } },
    },
  }),
  functionOutput:
    '{"request":{"headers":{"host":{"value":"www.example.com"},"accept":{"value":"text/html"}},"method":"GET","querystring":{"test":{"value":"anotherQueryString"}},"uri":"/index.html","cookies":{}}}',
  /** A time between the token's nbf and exp. */
  validAt: Date.UTC(2024, 0, 1),
};
