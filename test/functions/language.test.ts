import { describe, expect, test } from '@jest/globals';
import { RUNTIMES, run } from './run';

const handler = (body: string) => `${body}\nfunction handler(event) { return event.request; }`;

describe('the language of each runtime (F12)', () => {
  const both: Array<[string, string]> = [
    ['var, functions, labels, for-in, switch, try', 'var a = 1; outer: for (var k in { x: 1 }) { switch (k) { case "x": break outer; } } try { a++; } catch (e) {} finally {}'],
    ['template literals', 'var t = `a${1 + 1}b`;'],
    ['arrow functions and rest parameters', 'var f = (a, ...rest) => rest.length;'],
    ['exponentiation', 'var p = 2 ** 10; p **= 2;'],
    ['getters, shorthand properties, methods and computed keys (njs accepts them)', 'var x = 1; var o = { x, get y() { return 1; }, m() { return 2; }, ["k" + 1]: 3 };'],
    ['named capture groups and the sticky flag', 'var r = /(?<y>\\d+)/y;'],
  ];
  for (const runtime of RUNTIMES) {
    test.each(both)(`${runtime} runs %s`, (_name, code) => {
      expect(run(handler(code), runtime).error).toBeUndefined();
    });
  }

  test.each([
    ['const and let', 'const a = 1; let b = 2;'],
    ['async and await', 'async function f() { await 1; }'],
    ['numeric separators', 'var n = 1_000;'],
    ['a default import of a built-in module', "import crypto from 'crypto';"],
  ])('cloudfront-js-2.0 runs %s', (_name, code) => {
    expect(run(handler(code), 'cloudfront-js-2.0').error).toBeUndefined();
  });

  test.each([
    ['const', 'const a = 1;', 'Token "const" not supported in this version in 1'],
    ['let', 'let a = 1;', 'Token "let" not supported in this version in 1'],
    ['async', 'async function f() {}', 'Token "async" not supported in this version in 1'],
    ['numeric separators', 'var n = 1_000;', 'Unexpected token "1_000" in 1'],
    ['import', "import cf from 'cloudfront';", 'Token "import" not supported in this version in 1'],
  ])('cloudfront-js-1.0 refuses %s with a SyntaxError', (_name, code, message) => {
    const result = run(handler(code), 'cloudfront-js-1.0');
    expect(result.error).toEqual({ name: 'SyntaxError', message });
    expect(result.errorMessage).toBe(`The CloudFront function associated with the CloudFront distribution is invalid or could not run. SyntaxError: ${message}`);
    expect(result.functionOutput).toBe('');
  });

  const refusedByBoth: Array<[string, string, string]> = [
    ['export', 'export { handler };', 'Illegal export statement'],
    ['class', 'var A = class {};', 'Token "class" not supported in this version'],
    ['object destructuring', 'var { a } = {};', 'Token "{" not supported in this version'],
    ['array destructuring', 'var [a] = [];', 'Token "[" not supported in this version'],
    ['spread', 'var a = [...[1]];', 'Token "..." not supported in this version'],
    ['default parameters', 'function f(a = 1) {}', 'Unexpected token "="'],
    ['for-of', 'for (var x of [1]) {}', 'Token "of" not supported in this version'],
    ['generators', 'function* g() {}', 'Unexpected token "*"'],
    ['optional chaining', 'var a = ({}).b?.c;', 'Unexpected token "?."'],
    ['new.target', 'function F() { return new.target; }', 'Unexpected token "."'],
    ['logical assignment', 'var a; a ||= 1;', 'Unexpected token "="'],
    ['BigInt literals', 'var a = 1n;', 'Unexpected token "n"'],
    ['optional catch binding', 'try {} catch {}', 'Token "{" not supported in this version'],
    ['the dotAll flag', 'var r = /a/s;', 'Invalid RegExp flags "s"'],
    ['a plain syntax error', 'var a = 1 +;', 'Unexpected token'],
  ];
  for (const runtime of RUNTIMES) {
    test.each(refusedByBoth)(`${runtime} refuses %s`, (_name, code, message) => {
      expect(run(handler(code), runtime).error).toEqual({ name: 'SyntaxError', message: `${message} in 1` });
    });
  }

  test.each([
    ['a named import', "import { createHash } from 'crypto';", 'Non-default import is not supported'],
    ['a namespace import', "import * as qs from 'querystring';", 'Non-default import is not supported'],
    ['an import of another module', "import fs from 'fs';", 'Cannot find module "fs"'],
    ['a dynamic import', "var m = import('crypto');", 'Token "import" not supported in this version'],
    ['top-level await', 'await 1;', '"await" is only valid in async functions'],
  ])('cloudfront-js-2.0 refuses %s', (_name, code, message) => {
    expect(run(handler(code)).error).toEqual({ name: 'SyntaxError', message: `${message} in 1` });
  });

  test('the error names the line of the refused construct', () => {
    expect(run('function handler(event) {\n  var a = 1;\n  class B {}\n  return event.request;\n}').error?.message).toBe('Token "class" not supported in this version in 3');
  });

  test('code runs in strict mode: an undeclared assignment is a ReferenceError', () => {
    const result = run('function handler(event) { undeclared = 1; return event.request; }');
    expect(result.error).toEqual({ name: 'ReferenceError', message: '"undeclared" is not defined' });
  });

  test('code outside handler runs at every invocation, and handler may be async (2.0)', () => {
    const code = 'var calls = 0; calls++;\nasync function handler(event) { console.log(String(calls)); return event.request; }';
    expect(run(code).logs).toEqual(['1']);
    expect(run(code).logs).toEqual(['1']);
  });

  test('a missing handler is a ReferenceError, a handler that is no function a TypeError', () => {
    expect(run('var x = 1;').error).toEqual({ name: 'ReferenceError', message: '"handler" is not defined' });
    expect(run('var handler = 1;').error).toEqual({ name: 'TypeError', message: 'handler is not a function' });
  });
});
