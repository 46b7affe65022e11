import { createHmac } from 'node:crypto';
import { describe, expect, it, test } from '@jest/globals';
import { TestFunctionCommand } from '@aws-sdk/client-cloudfront';
import { runFunction, viewerRequestEvent, type FunctionResult } from '../../src';
import { associationOf, bytes, createFn } from '../control-plane/function-fixtures';
import { metadata, setup } from '../helpers/clients';

// Published test vectors, used as test data: their bytes were written by other implementations,
// so cf.cwt's reading and writing are checked against COSE as others build it.

/**
 * cose-wg/Examples, mac0-tests/HMac-01.json ("HMAC-01: Direct key + HMAC-SHA256"): a COSE_MAC0
 * with HS256 over the text "This is the content.", with its key and its MAC_structure (ToMac).
 */
const HMAC_01 = {
  key: '849B57219DAE48DE646D07DBB533566E976686457C1491BE3A76DCEA6C427188',
  toMac: '84644D41433043A101054054546869732069732074686520636F6E74656E742E',
  token: 'D18443A10105A054546869732069732074686520636F6E74656E742E5820A1A848D3471F9D61EE49018D244C824772F223AD4F935293F1789FC3A08D8C58',
};

/**
 * RFC 8392 (CWT) Appendix A.1, the example claims set (also the plaintext of cose-wg/Examples
 * CWT/A_4.json): iss, sub, aud, exp, nbf, iat and cti.
 */
const RFC8392_CLAIMS =
  'A70175636F61703A2F2F61732E6578616D706C652E636F6D02656572696B77037818636F61703A2F2F6C696768742E6578616D706C652E636F6D041A5612AEB0051A5610D9F0061A5610D9F007420B71';
const RFC8392_CLAIMS_SEEN = { '1': 'coap://as.example.com', '2': 'erikw', '3': 'coap://light.example.com', '4': 1444064944, '5': 1443944944, '6': 1443944944, '7': { type: 'Buffer', data: [0x0b, 0x71] } };

/**
 * RFC 8392 Appendix A.4, "Example MACed CWT" (the token the CloudFront documentation shows):
 * CWT tag 61 around COSE_MAC0, HMAC 256/64 (alg 4), key of Appendix A.2.2.
 */
const RFC8392_A4 = {
  key: '403697de87af64611c1d32a05dab0fe1fcb715a86ab435f1ec99192d79569388',
  token:
    'd83dd18443a10104a1044c53796d6d65747269633235365850a70175636f61703a2f2f61732e6578616d706c652e636f6d02656572696b77037818636f61703a2f2f6c696768742e6578616d706c652e636f6d041a5612aeb0051a5610d9f0061a5610d9f007420b7148093101ef6d789200',
};

const hmac = (keyHex: string, dataHex: string) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(Buffer.from(dataHex, 'hex')).digest('hex');

// Built by hand in the layout of HMac-01 (same protected header h'A10105'), with the RFC 8392
// claims set as the payload; node:crypto computes the tag over the hand-written ToMac.
const HAND_TO_MAC = `84644D41433043A10105405850${RFC8392_CLAIMS}`;
const handBuilt = (key: Buffer | string) => `D18443A10105A05850${RFC8392_CLAIMS}5820${createHmac('sha256', key).update(Buffer.from(HAND_TO_MAC, 'hex')).digest('hex').toUpperCase()}`;
const keyArg = (hex: string) => `Buffer.from('${hex}', 'hex')`;

function run(body: string): FunctionResult {
  return runFunction({ code: `import cf from 'cloudfront';\nfunction handler(event) {\n${body}\nreturn event.request; }`, runtime: 'cloudfront-js-2.0', event: viewerRequestEvent() });
}
const validate = (tokenHex: string, keyHex: string) => run(`console.log(JSON.stringify(cf.cwt.validateToken(Buffer.from('${tokenHex}', 'hex'), { key: ${keyArg(keyHex)} })));`);

describe('published vectors (F23)', () => {
  test('cose-wg HMac-01: its MAC checks with its key (the payload, plain text, is then refused as no claims set); another key fails the MAC', () => {
    // The vector is what it says: HMAC-SHA256 of its ToMac with its key is its tag.
    expect(hmac(HMAC_01.key, HMAC_01.toMac)).toBe(HMAC_01.token.slice(-64).toLowerCase());
    expect(validate(HMAC_01.token, HMAC_01.key).error).toEqual({ name: 'Error', message: 'the payload is truncated' });
    expect(validate(HMAC_01.token, '00' + HMAC_01.key.slice(2)).error).toEqual({ name: 'Error', message: "the token's MAC does not match: wrong key or altered token" });
  });

  const hmac01Built = handBuilt(Buffer.from(HMAC_01.key, 'hex'));

  test('a hand-built HS256 MAC0 around the RFC 8392 claims set validates, with the RFC\'s claims', () => {
    expect(HAND_TO_MAC.slice(0, 20)).toBe(HMAC_01.toMac.slice(0, 20));
    const result = validate(hmac01Built, HMAC_01.key);
    expect(result.error).toBeUndefined();
    expect(JSON.parse(result.logs[0]!)).toEqual({ protectedHeaders: { '1': 5 }, unprotectedHeaders: {}, payload: RFC8392_CLAIMS_SEEN });
  });

  test('generateToken() of the RFC 8392 claims writes the hand-built token byte for byte', () => {
    const payload = "{ 1: 'coap://as.example.com', 2: 'erikw', 3: 'coap://light.example.com', 4: 1444064944, 5: 1443944944, 6: 1443944944, 7: Buffer.from('0b71', 'hex') }";
    const result = run(`console.log(cf.cwt.generateToken({ coseTag: 'MAC0', key: ${keyArg(HMAC_01.key)} }, { protected: { 1: 5 }, unprotected: {}, payload: ${payload} }).toString('hex'));`);
    expect(result.logs).toEqual([hmac01Built.toLowerCase()]);
  });

  test('RFC 8392 A.4 (HMAC 256/64) is a genuine MAC0 with tag 61, and is refused: only HS256 is supported', () => {
    // Its 64-bit tag is HMAC-SHA256 over ["MAC0", h'A10104', h'', claims], cut to 8 bytes.
    expect(hmac(RFC8392_A4.key, `84644D41433043A10104405850${RFC8392_CLAIMS}`).slice(0, 16)).toBe(RFC8392_A4.token.slice(-16));
    expect(validate(RFC8392_A4.token, RFC8392_A4.key).error).toEqual({ name: 'Error', message: 'unsupported algorithm 4: only HS256 (5) is supported' });
  });
});

// The documentation's "validate token with kid" example, in our words: the key comes from the
// store under the kid the viewer sends; a token that does not validate gets a 401.
const KID_CHECK = `import cf from 'cloudfront';
async function handler(event) {
  const request = event.request;
  const kid = request.headers['x-cwt-kid'].value;
  const secret = await cf.kvs().get(kid);
  try {
    const cwt = cf.cwt.validateToken(Buffer.from(request.headers['x-cwt-token'].value, 'base64url'), { key: secret });
    request.headers['x-user'] = { value: cwt.payload[2] };
    return request;
  } catch (e) {
    console.log(e.message);
    return { statusCode: 401, statusDescription: 'Invalid token' };
  }
}`;

describe('TestFunction of a CWT-checking function (F23)', () => {
  const event = (token: string) => ({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '198.51.100.1' },
    request: { method: 'GET', uri: '/live/index.m3u8', querystring: {}, headers: { 'x-cwt-kid': { value: 'hmac-01' }, 'x-cwt-token': { value: token } }, cookies: {} },
  });

  it('passes a valid token on with its subject, answers 401 for an altered one', async () => {
    const { kvs, control } = setup();
    // The store holds the HMac-01 key as text: the key is then its UTF-8 bytes, here hex digits.
    const store = kvs.seedStore({ name: 'cwt-keys', items: { 'hmac-01': HMAC_01.key } });
    const created = await createFn(control, 'cwt-check', { FunctionCode: bytes(KID_CHECK), FunctionConfig: { KeyValueStoreAssociations: associationOf(store) } });
    const token = Buffer.from(handBuilt(HMAC_01.key), 'hex');

    const ok = await control.send(new TestFunctionCommand({ Name: 'cwt-check', IfMatch: created.ETag, EventObject: bytes(JSON.stringify(event(token.toString('base64url')))) }));
    expect(ok.$metadata).toEqual(metadata(200));
    expect(ok.TestResult!.FunctionErrorMessage).toBe('');
    expect(JSON.parse(ok.TestResult!.FunctionOutput!).request.headers['x-user']).toEqual({ value: 'erikw' });

    token[token.length - 1]! ^= 1;
    const bad = await control.send(new TestFunctionCommand({ Name: 'cwt-check', IfMatch: created.ETag, EventObject: bytes(JSON.stringify(event(token.toString('base64url')))) }));
    expect(JSON.parse(bad.TestResult!.FunctionOutput!).response).toMatchObject({ statusCode: 401, statusDescription: 'Invalid token' });
    expect(bad.TestResult!.FunctionExecutionLogs).toEqual(["the token's MAC does not match: wrong key or altered token"]);
  });

  it('an uncaught cf.cwt error is the function\'s error: FunctionErrorMessage, not an SDK error', async () => {
    const { control } = setup();
    const code = "import cf from 'cloudfront';\nfunction handler(event) { cf.cwt.validateToken(event.request.headers['x-cwt-token'].value, { key: 'k' }); return event.request; }";
    const created = await createFn(control, 'cwt-strict', { FunctionCode: bytes(code) });
    const out = await control.send(new TestFunctionCommand({ Name: 'cwt-strict', IfMatch: created.ETag, EventObject: bytes(JSON.stringify(event('abc'))) }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.TestResult!.FunctionErrorMessage).toBe('The CloudFront function associated with the CloudFront distribution is invalid or could not run. Error: validateToken(): the token must be a Buffer');
    expect(out.TestResult!.FunctionOutput).toBe('');
  });
});
