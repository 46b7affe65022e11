import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { runFunction, viewerRequestEvent } from '../../src';
import { logged, run } from './run';

const V1 = 'cloudfront-js-1.0' as const;
/** What a 1.0 function logged, as `logged()` reads it. Expected values are what njs 0.7.9 answers. */
const log1 = (expr: string) => logged(expr, V1);
/** A byte string as hex, without relying on the methods under test. */
const HEX = "(function (s) { var h = ''; for (var i = 0; i < s.length; i++) h += (s.charCodeAt(i) < 16 ? '0' : '') + s.charCodeAt(i).toString(16); return h; })";

describe('cloudfront-js-1.0 byte strings (njs 0.7)', () => {
  test('String.bytesFrom: an array of octets, each taken modulo 256', () => {
    expect(log1("String.bytesFrom([0x62, 0x75, 0x66, 0x66, 0x65, 0x72])")).toBe('buffer');
    expect(log1(`${HEX}(String.bytesFrom([256, 257, -1, 1.7, '65', 'x']))`)).toBe('0001ff014100');
    expect(log1('String.bytesFrom(new Uint8Array([65, 66])) + String.bytesFrom({ length: 1, 0: 67 })')).toBe('ABC');
    expect(log1('String.bytesFrom([0xc3, 0xa9, 0xff]).length')).toBe(3);
  });

  test('String.bytesFrom: hex, base64 and base64url text, decoded up to the first character that does not belong', () => {
    expect(log1("[String.bytesFrom('627566666572', 'hex'), String.bytesFrom('4A4b', 'hex'), String.bytesFrom('6275666', 'hex'), String.bytesFrom('62zz66', 'hex')]")).toEqual(['buffer', 'JK', 'buf', 'b']);
    expect(log1("[String.bytesFrom('YnVmZmVy', 'base64'), String.bytesFrom('YnVmZg', 'base64'), String.bytesFrom('Yn!VmZg==', 'base64'), String.bytesFrom('YQ==YQ==', 'base64'), String.bytesFrom('_-8', 'base64')]")).toEqual(['buffer', 'buff', 'b', 'a', '']);
    expect(log1(`[${HEX}(String.bytesFrom('_-8', 'base64url')), String.bytesFrom('YQ==', 'base64url'), String.bytesFrom('+/8', 'base64url')]`)).toEqual(['ffef', 'a', '']);
  });

  test('String.bytesFrom: a missing or unknown encoding, or a value that is neither text nor array-like, is a TypeError', () => {
    const error = (expr: string) => run(`function handler(event) { ${expr}; return event.request; }`, V1).error;
    expect(error("String.bytesFrom('6162')")).toEqual({ name: 'TypeError', message: '"encoding" must be a string' });
    expect(error("String.bytesFrom('6162', 'utf8')")).toEqual({ name: 'TypeError', message: 'Unknown encoding: "utf8"' });
    expect(error('String.bytesFrom(5)')).toEqual({ name: 'TypeError', message: 'value must be a string or array-like object' });
  });

  test('toUTF8 and fromUTF8: text to UTF-8 bytes and back; invalid UTF-8 is null', () => {
    expect(log1(`[${HEX}('αβγ'.toUTF8()), 'αβγ'.toUTF8().length, 'abc'.toUTF8(), ${HEX}('αβγ'.toUTF8(1, 2)), 'abc'.toUTF8(-1)]`)).toEqual(['ceb1ceb2ceb3', 6, 'abc', 'b1', 'c']);
    expect(log1("[String.bytesFrom([0xce, 0xb1, 0xce, 0xb2]).fromUTF8(), String.bytesFrom([0x61, 0xce, 0xb1]).fromUTF8(1), String.bytesFrom([0xce, 0xce]).fromUTF8(), 'αβ'.fromUTF8(), 'abc'.fromUTF8(-1)]")).toEqual(['αβ', 'α', null, 'αβ', 'c']);
    expect(log1("'€ and é'.toUTF8().fromUTF8()")).toBe('€ and é');
    expect(log1("String.bytesFrom([0xe9]).toUTF8().length")).toBe(1);
  });

  test('toBytes and fromBytes: characters 0..255 to bytes and back; a wider character is null', () => {
    expect(log1(`['αβγ'.toBytes(), ${HEX}('\\xa9\\xe9'.toBytes()), 'abcdef'.toBytes(2, 4), 'abcdef'.toBytes(-2), 'aαb'.toBytes(0, 1), 'abc'.toBytes(2, 1)]`)).toEqual([null, 'a9e9', 'cd', 'ef', 'a', '']);
    expect(log1("[String.bytesFrom([0x61, 0xe9, 0xff]).fromBytes(), String.bytesFrom([0x61, 0xe9, 0xff]).fromBytes(1, 2), 'αβ'.fromBytes(), String.bytesFrom([0xc3, 0xa9]).fromBytes()]")).toEqual(['aéÿ', 'é', 'αβ', 'Ã©']);
  });

  test('crypto: digest() with no encoding is a byte string, and a byte string is hashed as its bytes', () => {
    expect(log1(`[typeof require('crypto').createHash('md5').update('a').digest(), ${HEX}(require('crypto').createHash('md5').update('a').digest())]`)).toEqual(['string', createHash('md5').update('a').digest('hex')]);
    // Bytes versus text: the byte 0xe9, and the character é (UTF-8 c3 a9).
    expect(log1("require('crypto').createHash('sha256').update(String.bytesFrom([0xe9])).digest('hex')")).toBe(createHash('sha256').update(Buffer.from([0xe9])).digest('hex'));
    expect(log1("require('crypto').createHash('sha256').update('\\xe9').digest('hex')")).toBe(createHash('sha256').update('é', 'utf8').digest('hex'));
    // A derived signing key (SigV4 style): each HMAC's raw digest keys the next one.
    const key = createHmac('sha256', 'key').update('data').digest();
    expect(log1("(function (c) { var k = c.createHmac('sha256', 'key').update('data').digest(); return c.createHmac('sha256', k).update('x').digest('hex'); })(require('crypto'))")).toBe(
      createHmac('sha256', key).update('x').digest('hex'),
    );
  });

  test('MemoryError is a global Error subclass in 1.0', () => {
    expect(log1("[typeof MemoryError, new MemoryError('m') instanceof Error, MemoryError.name]")).toEqual(['function', true, 'MemoryError']);
  });

  test('cloudfront-js-2.0 has none of them: String.bytesFrom is not a function there', () => {
    expect(run("function handler(event) { String.bytesFrom('6162', 'hex'); return event.request; }").error).toEqual({ name: 'TypeError', message: 'String.bytesFrom is not a function' });
    expect(logged("[typeof ''.toUTF8, typeof ''.fromUTF8, typeof ''.toBytes, typeof ''.fromBytes]")).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });
});

describe('a cloudfront-js-1.0 JWT check (HS256)', () => {
  const SECRET = 'a shared secret';
  const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
  const sign = (payload: object, secret = SECRET) => {
    const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
  // The shape deployed 1.0 functions take: split, base64url-decode header and payload with
  // String.bytesFrom, recompute the HMAC with digest('base64url'), compare, check exp.
  const code = `
var crypto = require('crypto');
var SECRET = '${SECRET}';
function unauthorized(why) {
  return { statusCode: 401, statusDescription: 'Unauthorized', headers: { 'www-authenticate': { value: 'Bearer error="' + why + '"' } } };
}
function decode(segment) {
  return JSON.parse(String.bytesFrom(segment, 'base64url'));
}
function handler(event) {
  var request = event.request;
  var token = request.querystring.jwt && request.querystring.jwt.value;
  if (!token) return unauthorized('missing');
  var parts = token.split('.');
  if (parts.length !== 3) return unauthorized('malformed');
  var header;
  var payload;
  try {
    header = decode(parts[0]);
    payload = decode(parts[1]);
  } catch (e) {
    return unauthorized('malformed');
  }
  if (header.alg !== 'HS256') return unauthorized('algorithm');
  var expected = crypto.createHmac('sha256', SECRET).update(parts[0] + '.' + parts[1]).digest('base64url');
  if (expected !== parts[2]) return unauthorized('signature');
  if (payload.exp && Date.now() / 1000 > payload.exp) return unauthorized('expired');
  request.headers['x-user'] = { value: payload.sub };
  request.headers['x-user-name-bytes'] = { value: String(payload.name.toUTF8().length) };
  delete request.querystring.jwt;
  return request;
}`;
  const now = Date.UTC(2026, 0, 1);
  const invoke = (jwt?: string) =>
    runFunction({ code, runtime: V1, now, event: viewerRequestEvent({ uri: '/private', ...(jwt === undefined ? {} : { querystring: { jwt } }) }) });

  test('a valid token passes, with its claims decoded as UTF-8', () => {
    const result = invoke(sign({ sub: 'user-1', name: 'José Müller', exp: now / 1000 + 60 }));
    expect(result.error).toBeUndefined();
    const request = (result.output as { request: any }).request;
    expect(request.headers['x-user']).toEqual({ value: 'user-1' });
    expect(request.headers['x-user-name-bytes']).toEqual({ value: String(Buffer.byteLength('José Müller')) });
    expect(request.querystring).toEqual({});
  });

  test('a forged, expired, malformed or missing token is refused with the reason', () => {
    const reason = (jwt?: string) => (invoke(jwt).output as { response?: any }).response?.headers['www-authenticate'].value;
    expect(reason(sign({ sub: 'user-1' }, 'another secret'))).toBe('Bearer error="signature"');
    expect(reason(sign({ sub: 'user-1', exp: now / 1000 - 1 }))).toBe('Bearer error="expired"');
    expect(reason('not-a-token')).toBe('Bearer error="malformed"');
    expect(reason(`${b64url('{')}.${b64url('{}')}.x`)).toBe('Bearer error="malformed"');
    expect(reason()).toBe('Bearer error="missing"');
  });
});
