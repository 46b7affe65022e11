import { describe, expect, test } from '@jest/globals';
import { runFunction, viewerRequestEvent, viewerResponseEvent, type FunctionRuntime } from '../../src';
import { RUNTIMES } from './run';

const request = (body: string, runtime: FunctionRuntime = 'cloudfront-js-2.0', event = viewerRequestEvent({ uri: '/a', headers: { accept: 'text/html' } })) =>
  runFunction({ code: `function handler(event) { var request = event.request;\n${body} }`, runtime, event });
const response = (body: string) =>
  runFunction({ code: `function handler(event) { var response = event.response;\n${body} }`, event: viewerResponseEvent({ responseHeaders: { 'content-type': 'text/html', 'content-length': '10' } }) });
const invalid = (message: string) => ({ name: 'Error', message: `The function returned an invalid ${message}` });

describe('what the function returns, as CloudFront serializes it (F14, F16)', () => {
  for (const runtime of RUNTIMES) {
    test(`${runtime}: the request with only the documented members, missing maps as {} and a misspelt multivalue dropped`, () => {
      const event = viewerRequestEvent({ uri: '/index.html', headers: { host: 'www.example.com' }, querystring: { test: 'anotherQueryString' } });
      const code = "function handler(event) { var r = event.request; r.headers.accept = { value: 'text/html', multivalue: [{ value: 'text/html' }] }; delete r.cookies; r.extra = 1; return r; }";
      const result = runFunction({ code, runtime, event });
      expect(result.functionOutput).toBe('{"request":{"headers":{"host":{"value":"www.example.com"},"accept":{"value":"text/html"}},"method":"GET","querystring":{"test":{"value":"anotherQueryString"}},"uri":"/index.html","cookies":{}}}');
      expect(result.output).toEqual(JSON.parse(result.functionOutput));
    });
  }

  test('multiValue entries are kept as { value, multiValue }', () => {
    const result = request("request.querystring.tag = { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] }; return request;");
    expect(result.output?.request).toMatchObject({ querystring: { tag: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] } } });
  });

  test('a generated response: statusCode, statusDescription, headers, cookies with attributes, body as text or base64', () => {
    const result = request("return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/b' } }, cookies: { id: { value: '1', attributes: 'Path=/' } }, body: { encoding: 'base64', data: 'aGk=' } };");
    expect(result.functionOutput).toBe('{"response":{"statusCode":302,"statusDescription":"Found","headers":{"location":{"value":"/b"}},"cookies":{"id":{"value":"1","attributes":"Path=/"}},"body":{"encoding":"base64","data":"aGk="}}}');
    expect(request("return { statusCode: 200, body: 'plain' };").output?.response).toEqual({ statusCode: 200, headers: {}, cookies: {}, body: 'plain' });
  });

  test('viewer-response: the response, headers changed or added', () => {
    const result = response("response.headers['x-frame-options'] = { value: 'DENY' }; response.statusCode = 200; return response;");
    expect(result.output?.response).toEqual({ statusCode: 200, statusDescription: 'OK', headers: { 'content-type': { value: 'text/html' }, 'content-length': { value: '10' }, 'x-frame-options': { value: 'DENY' } }, cookies: {} });
  });

  test.each([
    ['a changed method', "request.method = 'POST'; return request;", 'request: its method ("GET") cannot be changed'],
    ['a uri without a leading slash', "request.uri = 'a'; return request;", 'request: uri must be a string starting with "/"'],
    ['a URI and query string of 8,192 characters', "request.uri = '/' + 'a'.repeat(8191); return request;", 'request: its URI and query string are 8193 characters, the limit is 8191'],
    ['an upper-case header name', "request.headers['X-Foo'] = { value: '1' }; return request;", 'request.headers["X-Foo"]: header names must be lower-case'],
    ['a cookie header', "request.headers.cookie = { value: 'a=1' }; return request;", 'request.headers["cookie"]: cookies belong in request.cookies'],
    ['a value that is no string', 'request.headers.accept = { value: 1 }; return request;', 'request.headers["accept"].value: it must be a string'],
    ['a statusCode that is no integer', "return { statusCode: '200' };", 'response: statusCode must be an integer'],
    ['invalid base64', "return { statusCode: 200, body: { encoding: 'base64', data: '%%%' } };", 'response: body.data is not valid base64'],
    ['an unknown body encoding', "return { statusCode: 200, body: { encoding: 'gzip', data: '' } };", 'response: body.encoding must be "text" or "base64"'],
    ['nothing', 'return;', 'request or response: the handler returned undefined'],
  ])('viewer-request refuses %s', (_name, body, message) => {
    const result = request(body);
    expect(result.error).toEqual(invalid(message));
    expect(result.functionOutput).toBe('');
  });

  test.each([
    ['a request', 'return event.request;', 'response: statusCode must be an integer'],
    ['a set-cookie header', "response.headers['set-cookie'] = { value: 'a=1' }; return response;", 'response.headers["set-cookie"]: cookies belong in response.cookies'],
  ])('viewer-response refuses %s', (_name, body, message) => {
    expect(response(body).error).toEqual(invalid(message));
  });
});
