import { describe, expect, test } from '@jest/globals';
import { logged, run } from './run';

const handler = (body: string) => `${body}\nfunction handler(event) { return event.request; }`;
const ASYNC_ARGUMENT = 'async arguments and closures are not supported';

describe('cloudfront-js-2.0: globals and syntax the documentation uses', () => {
  test('Buffer is a global, no import needed (the CWT examples call Buffer.from directly)', () => {
    expect(logged("[Buffer.from('cloudfront').toString('base64url'), typeof Buffer.alloc, Buffer === require('buffer').Buffer]")).toEqual(['Y2xvdWRmcm9udA', 'function', true]);
  });

  test('computed keys, shorthand properties and methods, ?? and trailing commas', () => {
    const code = `
const TAGS = { iss: 1, sub: 2, };
function claims(issuer, subject,) {
  return { [TAGS.iss]: issuer, [TAGS['s' + 'ub']]: subject, issuer, describe() { return issuer + '/' + subject; }, };
}
function handler(event) {
  const c = claims('me', 'you',);
  const missing = event.request.headers['x-missing'] ?? { value: 'fallback' };
  const zero = 0 ?? 1;
  console.log(JSON.stringify([c[1], c[2], c.issuer, c.describe(), missing.value, zero, [1, 2,].length]));
  return event.request;
}`;
    const result = run(code);
    expect(result.error).toBeUndefined();
    expect(JSON.parse(result.logs[0]!)).toEqual(['me', 'you', 'me', 'me/you', 'fallback', 0, 2]);
  });

  test("'use strict' may come before the import lines", () => {
    const code = `'use strict';
import cf from 'cloudfront';
import crypto from 'crypto';
const kvs = cf.kvs();
async function handler(event) {
  const target = await kvs.get(event.request.uri);
  event.request.headers['x-digest'] = { value: crypto.createHash('sha1').update(target).digest('hex').slice(0, 8) };
  event.request.uri = target;
  return event.request;
}`;
    const result = run(code, 'cloudfront-js-2.0', { kvs: { '/index.html': '/home.html' } });
    expect(result.error).toBeUndefined();
    expect((result.output as { request: { uri: string } }).request.uri).toBe('/home.html');
  });

  test('an async arrow bound to a name at the top level is accepted and awaited (the dynamic origin routing shape)', () => {
    const code = `import cf from 'cloudfront';
const pickOrigin = async (request) => {
  const country = request.headers['cloudfront-viewer-country'];
  return country && country.value === 'DE' ? 'eu.example.com' : 'us.example.com';
};
const label = async function (host) { return 'origin=' + host; };
const helpers = { async twice(x) { return x + x; } };
async function handler(event) {
  const host = await pickOrigin(event.request);
  const inner = async () => await label(host);
  console.log(await inner());
  console.log(await helpers.twice('a'));
  console.log(await (async () => 'iife')());
  return event.request;
}`;
    const result = run(code);
    expect(result.error).toBeUndefined();
    expect(result.logs).toEqual(['origin=us.example.com', 'aa', 'iife']);
  });

  test.each([
    ['an async arrow passed to map', 'async function f(list) { return Promise.all(list.map(async (x) => x * 2)); }', 1],
    ['an async function expression passed to then', 'function f(p) {\n  return p.then(async function (v) { return v; });\n}', 2],
    ['an async executor passed to new Promise', 'var p = new Promise(async (resolve) => resolve(1));', 1],
    ['an async arrow with an expression body', 'var xs = [1].map(async x => x);', 1],
  ])('%s is refused with a SyntaxError', (_name, code, line) => {
    const result = run(handler(code));
    expect(result.error).toEqual({ name: 'SyntaxError', message: `${ASYNC_ARGUMENT} in ${line}` });
    expect(result.errorMessage).toBe(`The CloudFront function associated with the CloudFront distribution is invalid or could not run. SyntaxError: ${ASYNC_ARGUMENT} in ${line}`);
  });

  test('a plain (not async) callback stays accepted, as in the documentation\'s then() example', () => {
    const code = `async function answer() { return 42; }
async function squared() { return answer().then(value => value * value); }
async function handler(event) { console.log(String(await squared())); return event.request; }`;
    expect(run(code).logs).toEqual(['1764']);
  });

  test('no top-level await, and ?. stays a SyntaxError', () => {
    expect(run(handler('const a = await Promise.resolve(1);')).error).toEqual({ name: 'SyntaxError', message: '"await" is only valid in async functions in 1' });
    expect(run(handler('const a = ({}).b?.c;')).error).toEqual({ name: 'SyntaxError', message: 'Unexpected token "?." in 1' });
  });
});
