import { describe, expect, test } from '@jest/globals';
import { runFunction, viewerRequestEvent } from '../../src';
import { RUNTIMES } from './run';
import { throughTestFunction } from './through-test-function';

/** The docs' "Normalize query string parameters" shape: the parameters sorted and returned as one string. */
const NORMALIZE = `function handler(event) {
  var request = event.request;
  var qs = [];
  for (var key in request.querystring) {
    if (request.querystring[key].multiValue) {
      request.querystring[key].multiValue.forEach(function (mv) { qs.push(key + '=' + mv.value); });
    } else {
      qs.push(key + '=' + request.querystring[key].value);
    }
  }
  request.querystring = qs.sort().join('&');
  return request;
}`;

const returning = (query: string, uri = '/a') => `function handler(event) { var r = event.request; r.uri = ${JSON.stringify(uri)}; r.querystring = ${JSON.stringify(query)}; return r; }`;
const event = viewerRequestEvent({ uri: '/search?z=1&a=2&m=3&a=1' });

describe('a query string returned as a string (F17)', () => {
  for (const runtime of RUNTIMES) {
    test(`${runtime}: accepted, and FunctionOutput shows it as the string`, () => {
      const result = runFunction({ code: NORMALIZE, runtime, event });
      expect(result.error).toBeUndefined();
      expect(result.output?.request).toMatchObject({ uri: '/search', querystring: 'a=1&a=2&m=3&z=1' });
      expect(result.functionOutput).toBe('{"request":{"headers":{"host":{"value":"www.example.com"}},"method":"GET","querystring":"a=1&a=2&m=3&z=1","uri":"/search","cookies":{}}}');
    });
  }

  test('TestFunction answers the same output', async () => {
    const result = await throughTestFunction(NORMALIZE, event, 'cloudfront-js-1.0');
    expect(result.FunctionErrorMessage).toBe('');
    expect(JSON.parse(result.FunctionOutput!).request.querystring).toBe('a=1&a=2&m=3&z=1');
  });

  test.each([
    ['a space', 'a=1 2'],
    ['a control character', 'a=1\u0001'],
    ['a tab', 'a=\t'],
    ['a "#"', 'a=1#frag'],
  ])('one with %s fails the function', async (_name, query) => {
    const result = runFunction({ code: returning(query), event });
    expect(result.error).toEqual({ name: 'Error', message: 'The function returned an invalid request.querystring: a query string returned as a string may not contain spaces, control characters or "#"' });
    expect(result.functionOutput).toBe('');
    const tested = await throughTestFunction(returning(query), event);
    expect(tested.FunctionErrorMessage).toContain('Error: The function returned an invalid request.querystring');
    expect(tested.FunctionOutput).toBe('');
  });

  test('URI and query stay under 8,192 characters, the "?" counted', () => {
    const uri = '/' + 'u'.repeat(99);
    expect(runFunction({ code: returning('q'.repeat(8191 - 100 - 1), uri), event }).error).toBeUndefined();
    expect(runFunction({ code: returning('q'.repeat(8191 - 100), uri), event }).error).toEqual({ name: 'Error', message: 'The function returned an invalid request: its URI and query string are 8192 characters, the limit is 8191' });
  });

  test('an empty string is accepted as it is', () => {
    expect(runFunction({ code: returning(''), event }).output?.request).toMatchObject({ querystring: '' });
  });

  test('a query string that is neither an object nor a string fails', () => {
    const result = runFunction({ code: 'function handler(event) { event.request.querystring = 5; return event.request; }', event });
    expect(result.error?.message).toBe('The function returned an invalid request.querystring: it must be an object or a string');
  });
});

describe('rawQueryString() (F27)', () => {
  const raw = 'function handler(event) { console.log(JSON.stringify({ raw: event.request.rawQueryString() === undefined ? "undefined" : event.request.rawQueryString() })); return event.request; }';
  const rawOf = (options: Partial<Parameters<typeof runFunction>[0]> = {}, e = event) => JSON.parse(runFunction({ code: raw, event: e, ...options }).logs[0]!).raw;

  test('the query without "?", rebuilt from the event', () => {
    expect(rawOf()).toBe('z=1&a=2&a=1&m=3');
  });

  test('undefined with no "?"', () => {
    expect(rawOf({}, viewerRequestEvent({ uri: '/plain' }))).toBe('undefined');
  });

  test('the rawQueryString option gives the query as the viewer sent it: "" for a bare "?"', () => {
    expect(rawOf({ rawQueryString: '' }, viewerRequestEvent({ uri: '/plain?' }))).toBe('');
    expect(rawOf({ rawQueryString: 'b=2&a=%20' })).toBe('b=2&a=%20');
  });

  test('a rawQueryString option with its "?" is a usage error', () => {
    expect(() => runFunction({ code: raw, event, rawQueryString: '?a=1' })).toThrow("runFunction(): rawQueryString must be the query as the viewer sent it, without the '?'");
  });
});
