import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { RUNTIMES, logged, run } from './run';

describe('the built-ins of each runtime (F12)', () => {
  for (const runtime of RUNTIMES) {
    test.each(['Map', 'Set', 'WeakMap', 'Proxy', 'Reflect', 'Intl', 'WebAssembly', 'structuredClone', 'fetch', 'setTimeout', 'setImmediate', 'clearTimeout', 'process', 'SharedArrayBuffer', 'BigInt', 'queueMicrotask'])(
      `${runtime}: %s is a ReferenceError when the code names it`,
      (name) => {
        const result = run(`function handler(event) { ${name}; return event.request; }`, runtime);
        expect(result.error).toEqual({ name: 'ReferenceError', message: `"${name}" is not defined` });
      },
    );

    test(`${runtime}: methods AWS does not list are absent`, () => {
      expect(logged('[typeof [].flat, typeof Array.from, typeof Object.fromEntries, typeof "".at, typeof [].at, typeof "".matchAll]', runtime)).toEqual(Array(6).fill('undefined'));
      expect(logged('[typeof "".padStart, typeof [].includes, typeof Object.entries, typeof Math.trunc, typeof Number.isInteger]', runtime)).toEqual(Array(5).fill('function'));
    });

    test(`${runtime}: eval and the Function constructors throw, including the ones reached through prototypes`, () => {
      for (const expr of ['eval("1")', 'new Function("return 1")', '(function(){}).constructor("return 1")', '(() => 1).constructor("return 1")']) {
        expect(run(`function handler(event) { ${expr}; return event.request; }`, runtime).error?.name).toBe('EvalError');
      }
    });

    test(`${runtime}: Date answers the invocation's start, at the clock given`, () => {
      const now = Date.parse('2024-05-01T12:00:00Z');
      expect(logged('[Date.now(), new Date().toISOString(), typeof Date(), new Date(0).getTime(), new Date() instanceof Date]', runtime, { now })).toEqual([now, '2024-05-01T12:00:00.000Z', 'string', 0, true]);
    });

    test(`${runtime}: crypto hashes and HMACs as Node does (md5, sha1, sha256)`, () => {
      for (const alg of ['md5', 'sha1', 'sha256']) {
        expect(logged(`require('crypto').createHash('${alg}').update('héllo').digest('hex')`, runtime)).toBe(createHash(alg).update('héllo').digest('hex'));
        expect(logged(`require('crypto').createHmac('${alg}', 'key').update('a').update('b').digest('base64')`, runtime)).toBe(createHmac(alg, 'key').update('ab').digest('base64'));
      }
      expect(logged("require('crypto').createHash('sha256').update('x').digest('base64url')", runtime)).toBe(createHash('sha256').update('x').digest('base64url'));
      expect(run("function handler(event) { require('crypto').createHash('sha512'); }", runtime).error).toEqual({ name: 'TypeError', message: 'not supported algorithm: "sha512"' });
    });

    test(`${runtime}: querystring parses and stringifies as documented`, () => {
      expect(logged("require('querystring').parse('name=value&abc=xyz&abc=123&sp=a+b&enc=%20x')", runtime)).toEqual({ name: 'value', abc: ['xyz', '123'], sp: 'a b', enc: ' x' });
      expect(logged("require('querystring').stringify({ name: 'value', abc: ['xyz', '123'], anotherName: '' })", runtime)).toBe('name=value&abc=xyz&abc=123&anotherName=');
    });

    test(`${runtime}: require gives no other module`, () => {
      expect(run("function handler(event) { require('fs'); }", runtime).error).toEqual({ name: 'Error', message: 'Cannot find module "fs"' });
    });

    test(`${runtime}: console.log keeps the first argument only, and at most 10 KB of lines`, () => {
      const result = run("function handler(event) { console.log('a', 'b'); console.log({ x: 1 }); console.log(undefined); for (var i = 0; i < 2000; i++) console.log('0123456789'); return event.request; }", runtime);
      expect(result.logs.slice(0, 3)).toEqual(['a', '{"x":1}', 'undefined']);
      expect(result.logs.join('\n').length).toBeLessThanOrEqual(10240);
    });
  }

  test('2.0: digest() without an encoding answers a Buffer; 1.0 a byte string', () => {
    expect(logged("Buffer.isBuffer(require('crypto').createHash('md5').update('a').digest())")).toBe(true);
    expect(logged("require('crypto').createHash('md5').update('a').digest().length", 'cloudfront-js-1.0')).toBe(16);
    expect(logged("typeof require('crypto').createHash('md5').update('a').digest()", 'cloudfront-js-1.0')).toBe('string');
  });

  test('2.0: Buffer with utf8, hex, base64 and base64url', () => {
    expect(logged("[Buffer.from('héllo').toString('hex'), Buffer.from('68c3a96c6c6f', 'hex').toString(), Buffer.from('aGk=', 'base64').toString(), Buffer.from('hi?').toString('base64url')]")).toEqual(['68c3a96c6c6f', 'héllo', 'hi', 'aGk_']);
    expect(logged("[Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString(), Buffer.alloc(3, 'ab').toString(), Buffer.byteLength('é'), Buffer.compare(Buffer.from('a'), Buffer.from('b'))]")).toEqual(['ab', 'aba', 2, -1]);
    expect(logged("(function () { var b = Buffer.alloc(8); b.writeUInt32BE(0xdeadbeef, 0); b.writeInt16LE(-2, 4); return [b.readUInt32BE(0), b.readInt16LE(4), b.toString('hex'), b.readUIntBE(0, 3), b.subarray(1, 3).length, Buffer.from('xyz').indexOf('z')]; })()")).toEqual([0xdeadbeef, -2, 'deadbeeffeff0000', 0xdeadbe, 2, 2]);
    expect(logged("[typeof require('buffer').Buffer, require('buffer').Buffer === Buffer, JSON.stringify(Buffer.from('a'))]")).toEqual(['function', true, '{"type":"Buffer","data":[97]}']);
  });

  test('2.0: TextEncoder, TextDecoder, atob, btoa, Symbol.for, Promise combinators', () => {
    expect(logged("[Array.prototype.slice.call(new TextEncoder().encode('é')), new TextDecoder().decode(new Uint8Array([0xe2, 0x82, 0xac])), btoa('hi'), atob('aGk='), Symbol.keyFor(Symbol.for('k'))]")).toEqual([[0xc3, 0xa9], '€', 'aGk=', 'hi', 'k']);
    expect(run('async function handler(event) { var all = await Promise.all([1, Promise.resolve(2)]); var any = await Promise.any([Promise.reject(1), 3]); console.log(String(all) + any); return event.request; }').logs).toEqual(['1,23']);
  });

  test('1.0 lists neither Buffer, TextEncoder, Symbol nor atob', () => {
    for (const name of ['Buffer', 'TextEncoder', 'atob', 'Symbol', 'DataView']) {
      expect(run(`function handler(event) { ${name}; }`, 'cloudfront-js-1.0').error?.name).toBe('ReferenceError');
    }
    expect(run("function handler(event) { require('buffer'); }", 'cloudfront-js-1.0').error?.message).toBe('Cannot find module "buffer"');
  });

  test('the error types include InternalError', () => {
    expect(logged('[new InternalError("x") instanceof Error, String(new InternalError("x")), typeof EvalError, typeof URIError]')).toEqual([true, 'InternalError: x', 'function', 'function']);
  });
});
