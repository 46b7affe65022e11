import { createHmac } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { Tagged, decodeFirstSync, encode } from 'cbor';
import { readFileSync } from 'node:fs';
import { runFunction, viewerRequestEvent, type FunctionResult } from '../../src';

// Tokens are built and checked here with the `cbor` package and node:crypto, never only with
// cf.cwt itself: a token cf.cwt accepts or writes is a standard COSE_MAC0 (RFC 8152 §6.3).

const ERROR_PREFIX = 'The CloudFront function associated with the CloudFront distribution is invalid or could not run. ';
const KEY = 'a-shared-secret';
const EMPTY = Buffer.alloc(0);

interface TokenOptions {
  key?: string | Buffer;
  protectedHeader?: Map<number, unknown>;
  unprotected?: Map<number, unknown>;
  cwtTag?: boolean;
  coseTag?: number;
}

/** A COSE_MAC0 HS256 token written with the `cbor` package and node:crypto's HMAC. */
function cborToken(claims: Map<number | string, unknown>, options: TokenOptions = {}): Buffer {
  const protectedBytes = encode(options.protectedHeader ?? new Map([[1, 5]]));
  const payload = encode(claims);
  const tag = createHmac('sha256', options.key ?? KEY).update(encode(['MAC0', protectedBytes, EMPTY, payload])).digest();
  const mac0 = new Tagged(options.coseTag ?? 17, [protectedBytes, options.unprotected ?? new Map(), payload, tag]);
  return encode(options.cwtTag ? new Tagged(61, mac0) : mac0);
}

const CLAIMS = new Map<number, unknown>([
  [1, 'https://issuer.example.com'],
  [2, 'user-42'],
  [3, 'https://www.example.com'],
  [4, 1_900_000_000],
  [5, 1_700_000_000],
  [6, 1_700_000_000],
  [7, Buffer.from('0b71', 'hex')],
]);
const CLAIMS_SEEN = { '1': 'https://issuer.example.com', '2': 'user-42', '3': 'https://www.example.com', '4': 1_900_000_000, '5': 1_700_000_000, '6': 1_700_000_000, '7': { type: 'Buffer', data: [11, 113] } };

/** Runs a 2.0 viewer-request function; the token travels base64url-encoded in `x-cwt`. */
function run(body: string, token?: Buffer): FunctionResult {
  const code = `import cf from 'cloudfront';\nfunction handler(event) {\n${body}\nreturn event.request; }`;
  const headers: Record<string, string> = token ? { 'x-cwt': token.toString('base64url') } : {};
  return runFunction({ code, runtime: 'cloudfront-js-2.0', event: viewerRequestEvent({ uri: '/video', headers }) });
}
const TOKEN = "Buffer.from(event.request.headers['x-cwt'].value, 'base64url')";

/** What validateToken() answers for `token`, as JSON. */
function validated(token: Buffer, key = `'${KEY}'`): unknown {
  const result = run(`console.log(JSON.stringify(cf.cwt.validateToken(${TOKEN}, { key: ${key} })));`, token);
  if (result.error) throw new Error(`${result.error.name}: ${result.error.message}`);
  return JSON.parse(result.logs[0]!);
}

/** The error a run of `body` ends with: an Error inside the function, reported as FunctionErrorMessage. */
function failure(body: string, token?: Buffer): string {
  const result = run(body, token);
  expect(result.error?.name).toBe('Error');
  expect(result.errorMessage).toBe(`${ERROR_PREFIX}Error: ${result.error!.message}`);
  expect(result.output).toBeUndefined();
  return result.error!.message;
}
const validating = (token: Buffer, key = `'${KEY}'`) => failure(`cf.cwt.validateToken(${TOKEN}, { key: ${key} });`, token);

/** A token the function generated and logged as hex. */
function generated(call: string): Buffer {
  const result = run(`console.log(${call}.toString('hex'));`);
  if (result.error) throw new Error(`${result.error.name}: ${result.error.message}`);
  return Buffer.from(result.logs[0]!, 'hex');
}

/** Checks `token` as any COSE library would: structure, alg, MAC. Answers the decoded parts. */
function checkWithCbor(token: Buffer, key: string | Buffer = KEY) {
  let top = decodeFirstSync(token);
  const cwtTagged = top instanceof Tagged && top.tag === 61;
  if (cwtTagged) top = top.value;
  expect(top).toBeInstanceOf(Tagged);
  expect(top.tag).toBe(17);
  const [protectedBytes, unprotected, payload, tag] = top.value as [Buffer, Map<number, unknown>, Buffer, Buffer];
  const expected = createHmac('sha256', key).update(encode(['MAC0', protectedBytes, EMPTY, payload])).digest();
  expect(tag.toString('hex')).toBe(expected.toString('hex'));
  return { cwtTagged, protectedHeader: decodeFirstSync(protectedBytes), unprotected, claims: decodeFirstSync(payload) };
}

describe('cf.cwt.validateToken(token, { key }) (F23)', () => {
  test('validates a COSE_MAC0 token written by a CBOR library; claim keys come back as strings, byte strings as Buffers', () => {
    const token = cborToken(CLAIMS, { unprotected: new Map([[4, Buffer.from('key-1')]]) });
    expect(validated(token)).toEqual({ protectedHeaders: { '1': 5 }, unprotectedHeaders: { '4': { type: 'Buffer', data: [...Buffer.from('key-1')] } }, payload: CLAIMS_SEEN });
  });

  test('the CWT tag 61 around the COSE_MAC0 tag is optional; a Buffer key works as a string key does', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(validated(cborToken(CLAIMS, { key, cwtTag: true }), "Buffer.from('00112233445566778899aabbccddeeff', 'hex')")).toMatchObject({ payload: CLAIMS_SEEN });
  });

  test('claims are not checked: an expired token validates; indexing by claim number works as in the documentation', () => {
    const token = cborToken(new Map<number, unknown>([[4, 1_000], [401, new Map([[2, new Map([[1, '/media/']])]])], [-260, 1.5], [500, [true, false, null]]]));
    const result = run(`const t = cf.cwt.validateToken(${TOKEN}, { key: '${KEY}' }); console.log(JSON.stringify([t.payload[4], t.payload[401], t.payload[-260], t.payload[500]]));`, token);
    expect(result.logs).toEqual([JSON.stringify([1_000, { '2': { '1': '/media/' } }, 1.5, [true, false, null]])]);
  });

  test('a failure is an Error the function can catch', () => {
    const result = run(`try { cf.cwt.validateToken(${TOKEN}, { key: 'wrong' }); } catch (e) { return { statusCode: 401, statusDescription: e instanceof Error ? 'Invalid token' : 'odd' }; }`, cborToken(CLAIMS));
    expect(result.output).toEqual({ response: { statusCode: 401, statusDescription: 'Invalid token', headers: {}, cookies: {} } });
  });
});

describe('cf.cwt.generateToken() (F23)', () => {
  const TOKEN_OBJECT = `{ protected: { 1: 5 }, unprotected: { 4: Buffer.from('key-1') }, payload: { 1: 'https://issuer.example.com', 4: 1900000000, 7: Buffer.from('0b71', 'hex'), 401: { 2: { 1: '/media/' } }, 402: ['GET', 'HEAD'], 'custom': -3 } }`;

  test('writes a standard COSE_MAC0 that a CBOR library decodes and node:crypto verifies', () => {
    const token = generated(`cf.cwt.generateToken({ coseTag: 'MAC0', key: '${KEY}' }, ${TOKEN_OBJECT})`);
    const parts = checkWithCbor(token);
    expect(parts.cwtTagged).toBe(false);
    expect(parts.protectedHeader).toEqual(new Map([[1, 5]]));
    expect(parts.unprotected).toEqual(new Map([[4, Buffer.from('key-1')]]));
    expect(parts.claims).toEqual(
      new Map<number | string, unknown>([[1, 'https://issuer.example.com'], [4, 1_900_000_000], [7, Buffer.from('0b71', 'hex')], [401, new Map([[2, new Map([[1, '/media/']])]])], [402, ['GET', 'HEAD']], ['custom', -3]]),
    );
  });

  test('cwtTag: true wraps it in the CWT tag 61; a Buffer key is used as its bytes', () => {
    const token = generated(`cf.cwt.generateToken({ coseTag: 'MAC0', cwtTag: true, key: Buffer.from('00ff', 'hex') }, ${TOKEN_OBJECT})`);
    expect(token[0]).toBe(0xd8);
    expect(checkWithCbor(token, Buffer.from('00ff', 'hex')).cwtTagged).toBe(true);
  });

  test('both argument orders and both spellings of the headers give the same bytes; the alg may be the string "5" as in the documentation', () => {
    const context = `{ coseTag: 'MAC0', key: '${KEY}' }`;
    const documented = generated(`cf.cwt.generateToken(${context}, ${TOKEN_OBJECT})`);
    const swapped = generated(`cf.cwt.generateToken(${TOKEN_OBJECT}, ${context})`);
    const respelled = generated(`cf.cwt.generateToken(${TOKEN_OBJECT.replace('protected:', 'protectedHeaders:').replace('unprotected:', 'unprotectedHeaders:')}, ${context})`);
    const stringAlg = generated(`cf.cwt.generateToken(${TOKEN_OBJECT.replace('{ 1: 5 }', "{ 1: '5' }")}, ${context})`);
    expect([swapped, respelled, stringAlg].map((t) => t.toString('hex'))).toEqual(Array(3).fill(documented.toString('hex')));
  });

  test('round trip, as the documentation\'s refresh example does: validate, move exp, generate from the validated object, validate again', () => {
    const result = run(
      `const ctx = { key: '${KEY}' };
      const cwt = cf.cwt.validateToken(${TOKEN}, ctx);
      cwt.payload[4] = 2000000000;
      const renewed = cf.cwt.generateToken(cwt, { coseTag: 'MAC0', cwtTag: true, key: ctx.key });
      const again = cf.cwt.validateToken(renewed, ctx);
      console.log(JSON.stringify(again));
      console.log(renewed.toString('base64url'));`,
      cborToken(CLAIMS, { unprotected: new Map([[4, Buffer.from('key-1')]]) }),
    );
    expect(result.error).toBeUndefined();
    expect(JSON.parse(result.logs[0]!)).toEqual({ protectedHeaders: { '1': 5 }, unprotectedHeaders: { '4': { type: 'Buffer', data: [...Buffer.from('key-1')] } }, payload: { ...CLAIMS_SEEN, '4': 2_000_000_000 } });
    expect(checkWithCbor(Buffer.from(result.logs[1]!, 'base64url')).claims.get(4)).toBe(2_000_000_000);
  });
});

describe('cf.cwt failures: an Error inside the function, never the test process (F23)', () => {
  const good = cborToken(CLAIMS);
  const flip = (token: Buffer, at: number) => {
    const copy = Buffer.from(token);
    copy[at < 0 ? copy.length + at : at]! ^= 1;
    return copy;
  };

  test('a wrong key, an altered MAC or an altered payload: the MAC does not match', () => {
    expect(validating(good, "'another-secret'")).toBe("the token's MAC does not match: wrong key or altered token");
    expect(validating(flip(good, -1))).toBe("the token's MAC does not match: wrong key or altered token");
    const payloadAt = good.indexOf(Buffer.from('user-42'));
    expect(validating(flip(good, payloadAt))).toBe("the token's MAC does not match: wrong key or altered token");
  });

  test('a truncated token, bytes after the end, malformed CBOR, an indefinite length', () => {
    expect(validating(good.subarray(0, good.length - 1))).toBe('the token is truncated');
    expect(validating(Buffer.concat([good, Buffer.from([0])]))).toBe('the token has bytes after its end');
    expect(validating(Buffer.from([0xd1, 0x81, 0x1c]))).toBe('the token is not well-formed CBOR');
    expect(validating(Buffer.from([0xd1, 0x9f, 0xff]))).toBe('the token uses an indefinite length, which is not supported');
    expect(validating(Buffer.from([0xd1, 0x9a, 0xff, 0xff, 0xff, 0xff]))).toBe('the token is truncated');
  });

  test('over 1 KB', () => {
    const big = cborToken(new Map<number, unknown>([[1, 'x'.repeat(1000)]]));
    expect(big.length).toBeGreaterThan(1024);
    expect(validating(big)).toBe(`validateToken(): the token is ${big.length} bytes, over the 1 KB limit`);
  });

  test('a wrong tag: untagged, COSE_Sign1 (18), the CWT tag around something else', () => {
    const message = 'the token is not a COSE_MAC0 structure (tag 17, optionally inside the CWT tag 61)';
    expect(validating(encode((decodeFirstSync(good) as Tagged).value))).toBe(message);
    expect(validating(cborToken(CLAIMS, { coseTag: 18 }))).toBe(message);
    expect(validating(encode(new Tagged(61, new Tagged(18, (decodeFirstSync(good) as Tagged).value))))).toBe(message);
    expect(validating(encode(new Tagged(17, [1, 2, 3])))).toBe('the COSE_MAC0 structure must be an array of 4 items');
  });

  test('a wrong algorithm: HMAC 256/64 (4), ES256 (-7), none', () => {
    expect(validating(cborToken(CLAIMS, { protectedHeader: new Map([[1, 4]]) }))).toBe('unsupported algorithm 4: only HS256 (5) is supported');
    expect(validating(cborToken(CLAIMS, { protectedHeader: new Map([[1, -7]]) }))).toBe('unsupported algorithm -7: only HS256 (5) is supported');
    expect(validating(cborToken(CLAIMS, { protectedHeader: new Map([[4, Buffer.from('k')]]) }))).toBe('unsupported algorithm undefined: only HS256 (5) is supported');
  });

  test('a payload that is not a claims set (a CBOR map)', () => {
    const protectedBytes = encode(new Map([[1, 5]]));
    const payload = encode(['not', 'a', 'map']);
    const tag = createHmac('sha256', KEY).update(encode(['MAC0', protectedBytes, EMPTY, payload])).digest();
    expect(validating(encode(new Tagged(17, [protectedBytes, new Map(), payload, tag])))).toBe('the payload is not a CWT claims set (a CBOR map)');
  });

  test('a token that is not a Buffer, a missing or empty key', () => {
    expect(failure(`cf.cwt.validateToken(event.request.headers['x-cwt'].value, { key: '${KEY}' });`, good)).toBe('validateToken(): the token must be a Buffer');
    expect(failure(`cf.cwt.validateToken(${TOKEN});`, good)).toBe('validateToken(): the context needs a key, a non-empty string or Buffer');
    expect(failure(`cf.cwt.validateToken(${TOKEN}, {});`, good)).toBe('validateToken(): the context needs a key, a non-empty string or Buffer');
    expect(failure(`cf.cwt.validateToken(${TOKEN}, { key: '' });`, good)).toBe('validateToken(): the context needs a key, a non-empty string or Buffer');
  });

  test('generateToken(): no MAC0 coseTag, no key, another algorithm, no payload, a self-referring payload, over 1 KB', () => {
    const gen = (context: string, token: string) => failure(`cf.cwt.generateToken(${context}, ${token});`);
    const claims = "{ protected: { 1: 5 }, unprotected: {}, payload: { 1: 'me' } }";
    expect(gen(`{ coseTag: 'SIGN1', key: 'k' }`, claims)).toBe('generateToken(): coseTag must be "MAC0", the only structure supported');
    expect(gen(`{ key: 'k' }`, claims)).toBe('generateToken(): coseTag must be "MAC0", the only structure supported');
    expect(gen(`{ coseTag: 'MAC0' }`, claims)).toBe('generateToken(): the context needs a key, a non-empty string or Buffer');
    expect(gen(`{ coseTag: 'MAC0', key: 'k', cwtTag: 'yes' }`, claims)).toBe('generateToken(): cwtTag must be a boolean');
    expect(gen(`{ coseTag: 'MAC0', key: 'k' }`, "{ protected: { 1: 4 }, payload: {} }")).toBe('generateToken(): unsupported algorithm 4: the protected header must hold { 1: 5 } (HS256)');
    expect(gen(`{ coseTag: 'MAC0', key: 'k' }`, "{ protected: {}, payload: {} }")).toBe('generateToken(): unsupported algorithm undefined: the protected header must hold { 1: 5 } (HS256)');
    expect(gen(`{ coseTag: 'MAC0', key: 'k' }`, "{ protected: { 1: 5 } }")).toMatch(/^generateToken\(\): takes a context/);
    expect(gen(`{ coseTag: 'MAC0', key: 'k' }`, "{ protected: { 1: 5 }, payload: 'text' }")).toBe('generateToken(): the payload must be an object of claims');
    expect(failure("const p = {}; p.self = p; cf.cwt.generateToken({ coseTag: 'MAC0', key: 'k' }, { protected: { 1: 5 }, payload: p });")).toBe('the payload is nested too deeply (or refers to itself)');
    expect(gen(`{ coseTag: 'MAC0', key: 'k' }`, "{ protected: { 1: 5 }, payload: { 1: 'x'.repeat(1100) } }")).toMatch(/^generateToken\(\): the token would be \d+ bytes, over the 1 KB limit$/);
  });

  test('cf.cwt is frozen with the rest of the module: a function cannot replace it for the next invocation', () => {
    const result = run("try { cf.cwt.validateToken = function () { return 'forged'; }; } catch (e) { console.log(e.name); }");
    expect(result.logs).toEqual(['TypeError']);
    expect(validated(good)).toMatchObject({ payload: CLAIMS_SEEN });
  });
});

describe('the example of docs/functions-runtime.md, as written there', () => {
  const docs = readFileSync(`${__dirname}/../../docs/functions-runtime.md`, 'utf8');
  const code = docs.split('## cf.cwt')[1]!.split('```js\n')[1]!.split('```')[0]!;
  const call = (session?: Buffer) =>
    runFunction({ code, runtime: 'cloudfront-js-2.0', kvs: { 'cwt-key': KEY }, event: viewerRequestEvent({ uri: '/', cookies: session ? { session: session.toString('base64url') } : {} }) });

  test('a valid session passes with its subject; an expired one is renewed; none or a forged one is a 401', () => {
    const valid = call(cborToken(new Map<number, unknown>([[2, 'user-42'], [4, 4_000_000_000]]))).output?.request as any;
    expect(valid.headers['x-user']).toEqual({ value: 'user-42' });
    expect(valid.headers['x-renewed-token']).toBeUndefined();
    const expired = call(cborToken(new Map<number, unknown>([[2, 'user-42'], [4, 1]]))).output?.request as any;
    const renewed = checkWithCbor(Buffer.from(expired.headers['x-renewed-token'].value, 'base64url'));
    expect(renewed.cwtTagged).toBe(true);
    expect(renewed.claims.get(4)).toBeGreaterThan(Date.now() / 1000);
    expect(call().output?.response).toMatchObject({ statusCode: 401 });
    expect(call(cborToken(new Map([[2, 'user-42']]), { key: 'forged' })).output?.response).toMatchObject({ statusCode: 401 });
  });
});
