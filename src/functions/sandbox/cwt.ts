// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * `cf.cwt` of cloudfront-js-2.0: CBOR Web Tokens as COSE_MAC0 (RFC 8152 §6.3) with HS256, at most
 * 1 KB. A small CBOR reader and writer covers what such a token holds; the HMAC is computed by the
 * host through the bridge, as for the `crypto` module. Anything wrong with a token or an argument
 * throws an `Error` inside the function.
 */
export function installCwt(R: any): void {
  'use strict';
  if (R.runtime === 'cloudfront-js-1.0') return;
  const T = R.text;
  const MAX_TOKEN = 1024;
  const MAX_DEPTH = 16;
  const TAG_CWT = 61;
  const TAG_MAC0 = 17;
  const HS256 = 5;
  const INTEGER_KEY = /^(0|-?[1-9][0-9]{0,15})$/;
  const defineProperty = Object.defineProperty;

  const fail = (message: string): never => {
    throw new Error(message);
  };
  /** A member set without the `__proto__` setter: a claim may be named anything. */
  const put = (object: Record<string, unknown>, key: string, value: unknown) => defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  const isBuffer = (v: unknown): v is Uint8Array => v instanceof R.Buffer;
  const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

  // ---- CBOR reading: definite lengths only, integers within 2^53, one item with no bytes left over.

  /** A tag around the token itself (CWT 61, COSE_MAC0 17); tags deeper in give their content. */
  const TAGGED = Object.freeze(Object.create(null));
  const tagged = (tag: number, content: unknown) => Object.assign(Object.create(TAGGED), { tag, content });
  const isTagged = (v: unknown): v is { tag: number; content: any } => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === TAGGED;

  function decode(bytes: Uint8Array, what: string, isToken = false): any {
    let at = 0;
    const need = (n: number) => {
      if (at + n > bytes.length) fail(what + ' is truncated');
    };
    const byte = () => {
      need(1);
      return bytes[at++]!;
    };
    function argument(info: number): number {
      if (info < 24) return info;
      if (info > 27) fail(what + (info === 31 ? ' uses an indefinite length, which is not supported' : ' is not well-formed CBOR'));
      const size = 1 << (info - 24);
      need(size);
      let value = 0;
      for (let i = 0; i < size; i++) value = value * 256 + bytes[at++]!;
      if (value > Number.MAX_SAFE_INTEGER) fail(what + ' holds an integer out of range');
      return value;
    }
    function float(info: number): number {
      const size = info === 25 ? 2 : info === 26 ? 4 : 8;
      need(size);
      const view = new DataView(bytes.buffer, bytes.byteOffset + at, size);
      at += size;
      if (size === 4) return view.getFloat32(0);
      if (size === 8) return view.getFloat64(0);
      const half = view.getUint16(0);
      const exponent = (half >> 10) & 31;
      const mantissa = half & 1023;
      const magnitude = exponent === 0 ? mantissa * 2 ** -24 : exponent === 31 ? (mantissa ? NaN : Infinity) : (1024 + mantissa) * 2 ** (exponent - 25);
      return half & 0x8000 ? -magnitude : magnitude;
    }
    function item(depth: number, top: boolean): any {
      if (depth > MAX_DEPTH) fail(what + ' is nested too deeply');
      const head = byte();
      const major = head >> 5;
      const info = head & 31;
      if (major === 7) {
        if (info >= 25 && info <= 27) return float(info);
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        if (info === 23) return undefined;
        return fail(what + ' holds an unsupported simple value');
      }
      const n = argument(info);
      if (major === 0) return n;
      if (major === 1) return -1 - n;
      if (major === 2 || major === 3) {
        need(n);
        const start = at;
        at += n;
        if (major === 2) return R.Buffer.from(bytes.subarray(start, at));
        try {
          return T.utf8Decode(bytes, start, at, true);
        } catch {
          return fail(what + ' holds a text string that is not UTF-8');
        }
      }
      // Every element takes at least one byte: a count past the bytes left is malformed.
      if ((major === 4 || major === 5) && n > bytes.length - at) fail(what + ' is truncated');
      if (major === 4) {
        const list = [];
        for (let i = 0; i < n; i++) list.push(item(depth + 1, false));
        return list;
      }
      if (major === 5) {
        const map: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = item(depth + 1, false);
          if (typeof key !== 'string' && !Number.isInteger(key)) fail(what + ' has a map key that is neither an integer nor a text string');
          const name = String(key);
          if (Object.prototype.hasOwnProperty.call(map, name)) fail(what + ' has a duplicate map key ' + name);
          put(map, name, item(depth + 1, false));
        }
        return map;
      }
      // major 6: a tag.
      const content = item(depth + 1, top);
      return top ? tagged(n, content) : content;
    }
    if (bytes.length === 0) fail(what + ' is empty');
    const value = item(0, isToken);
    if (at !== bytes.length) fail(what + ' has bytes after its end');
    return value;
  }

  // ---- CBOR writing: shortest heads, integers as integers, other numbers as doubles.

  function head(out: number[], major: number, value: number): void {
    if (value < 24) out.push((major << 5) | value);
    else if (value < 256) out.push((major << 5) | 24, value);
    else if (value < 65536) out.push((major << 5) | 25, value >> 8, value & 255);
    else if (value < 4294967296) out.push((major << 5) | 26, value >>> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255);
    else {
      const high = Math.floor(value / 4294967296);
      out.push((major << 5) | 27);
      head4(out, high);
      head4(out, value - high * 4294967296);
    }
  }
  const head4 = (out: number[], v: number) => out.push(v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);

  function encode(out: number[], value: unknown, depth: number, what: string): void {
    if (depth > MAX_DEPTH) fail(what + ' is nested too deeply (or refers to itself)');
    if (typeof value === 'number') {
      if (Number.isSafeInteger(value)) return value >= 0 ? head(out, 0, value) : head(out, 1, -1 - value);
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, value);
      out.push(0xfb);
      for (let i = 0; i < 8; i++) out.push(view.getUint8(i));
      return;
    }
    if (typeof value === 'string') {
      const bytes = T.utf8Encode(value);
      head(out, 3, bytes.length);
      for (let i = 0; i < bytes.length; i++) out.push(bytes[i]);
      return;
    }
    if (value === false || value === true) return void out.push(value ? 0xf5 : 0xf4);
    if (value === null) return void out.push(0xf6);
    if (value === undefined) return void out.push(0xf7);
    if (value instanceof Uint8Array) {
      head(out, 2, value.length);
      for (let i = 0; i < value.length; i++) out.push(value[i]!);
      return;
    }
    if (Array.isArray(value)) {
      head(out, 4, value.length);
      for (let i = 0; i < value.length; i++) encode(out, value[i], depth + 1, what);
      return;
    }
    if (isMap(value)) {
      const keys = Object.keys(value);
      head(out, 5, keys.length);
      keys.forEach((key) => {
        // Object keys are strings: "4" is the claim 4 (exp), as validateToken() hands it out.
        encode(out, INTEGER_KEY.test(key) && Number.isSafeInteger(Number(key)) ? Number(key) : key, depth + 1, what);
        encode(out, value[key], depth + 1, what);
      });
      return;
    }
    fail(what + ' holds a ' + typeof value + ', which CBOR cannot carry');
  }

  // ---- COSE_MAC0.

  function keyBytes(method: string, context: any): string {
    const key = context !== null && typeof context === 'object' ? context.key : undefined;
    if (typeof key === 'string' && key.length > 0) return T.latin1(T.utf8Encode(key));
    if (key instanceof Uint8Array && key.length > 0) return T.latin1(key);
    return fail(method + '(): the context needs a key, a non-empty string or Buffer');
  }

  /** The tag over MAC_structure = ["MAC0", protected, external_aad = h'', payload], untruncated. */
  function mac(key: string, protectedBytes: Uint8Array, payload: Uint8Array): number[] {
    const structure = [0x84, 0x64, 0x4d, 0x41, 0x43, 0x30];
    encode(structure, protectedBytes, 0, 'MAC structure');
    structure.push(0x40);
    encode(structure, payload, 0, 'MAC structure');
    return T.hexDecode(R.call('digest', 'sha256', key, T.latin1(structure)));
  }

  function validateToken(token: unknown, context?: unknown) {
    if (!isBuffer(token)) return fail('validateToken(): the token must be a Buffer');
    const key = keyBytes('validateToken', context);
    if (token.length > MAX_TOKEN) fail('validateToken(): the token is ' + token.length + ' bytes, over the 1 KB limit');
    let top = decode(token, 'the token', true);
    if (isTagged(top) && top.tag === TAG_CWT) top = top.content;
    if (!isTagged(top) || top.tag !== TAG_MAC0) fail('the token is not a COSE_MAC0 structure (tag 17, optionally inside the CWT tag 61)');
    const parts = top.content;
    if (!Array.isArray(parts) || parts.length !== 4) return fail('the COSE_MAC0 structure must be an array of 4 items');
    const [protectedBytes, unprotected, payload, tag] = parts;
    if (!isBuffer(protectedBytes)) fail('the protected header must be a byte string');
    if (!isMap(unprotected)) fail('the unprotected header must be a map');
    if (!isBuffer(payload)) fail('the payload must be a byte string');
    if (!isBuffer(tag)) fail('the MAC tag must be a byte string');
    const protectedHeaders = protectedBytes.length === 0 ? {} : decode(protectedBytes, 'the protected header');
    if (!isMap(protectedHeaders)) fail('the protected header must be a map');
    if (protectedHeaders['1'] !== HS256) fail('unsupported algorithm ' + String(protectedHeaders['1']) + ': only HS256 (5) is supported');
    const expected = mac(key, protectedBytes, payload);
    // Constant time: every byte is compared whatever the first difference.
    let difference = tag.length ^ expected.length;
    for (let i = 0; i < expected.length; i++) difference |= expected[i]! ^ (i < tag.length ? tag[i]! : 0);
    if (difference !== 0) fail('the token\'s MAC does not match: wrong key or altered token');
    const claims = decode(payload, 'the payload');
    if (!isMap(claims)) fail('the payload is not a CWT claims set (a CBOR map)');
    return { protectedHeaders, unprotectedHeaders: unprotected, payload: claims };
  }

  function generateToken(first: unknown, second: unknown) {
    const hasPayload = (v: unknown) => isMap(v) && 'payload' in v;
    // The documented signature is (context, token); the documented examples pass (token, context).
    const [context, cwt]: any[] = hasPayload(second) && !hasPayload(first) ? [first, second] : hasPayload(first) ? [second, first] : [first, second];
    if (!hasPayload(cwt)) fail('generateToken(): takes a context { coseTag: "MAC0", key, cwtTag? } and a token { protected, unprotected, payload }');
    if (!isMap(context)) return fail('generateToken(): the context must be an object { coseTag: "MAC0", key, cwtTag? }');
    if (context.coseTag !== 'MAC0') fail('generateToken(): coseTag must be "MAC0", the only structure supported');
    if (context.cwtTag !== undefined && typeof context.cwtTag !== 'boolean') fail('generateToken(): cwtTag must be a boolean');
    const key = keyBytes('generateToken', context);
    const protectedIn = cwt.protected !== undefined ? cwt.protected : cwt.protectedHeaders;
    const unprotectedIn = cwt.unprotected !== undefined ? cwt.unprotected : cwt.unprotectedHeaders;
    if (!isMap(protectedIn)) fail('generateToken(): the protected header must be an object, with the algorithm { 1: 5 } (HS256)');
    if (unprotectedIn !== undefined && !isMap(unprotectedIn)) fail('generateToken(): the unprotected header must be an object');
    if (!isMap(cwt.payload)) fail('generateToken(): the payload must be an object of claims');
    const alg = protectedIn['1'];
    if (alg !== HS256 && alg !== String(HS256)) fail('generateToken(): unsupported algorithm ' + String(alg) + ': the protected header must hold { 1: 5 } (HS256)');
    const headers: Record<string, unknown> = {};
    Object.keys(protectedIn).forEach((k) => put(headers, k, k === '1' ? HS256 : protectedIn[k]));
    const protectedBytes: number[] = [];
    encode(protectedBytes, headers, 0, 'the protected header');
    const payload: number[] = [];
    encode(payload, cwt.payload, 0, 'the payload');
    const protectedBuffer = R.Buffer.from(protectedBytes);
    const payloadBuffer = R.Buffer.from(payload);
    const out: number[] = [];
    if (context.cwtTag === true) head(out, 6, TAG_CWT);
    head(out, 6, TAG_MAC0);
    out.push(0x84);
    encode(out, protectedBuffer, 0, 'the token');
    encode(out, unprotectedIn === undefined ? {} : unprotectedIn, 0, 'the unprotected header');
    encode(out, payloadBuffer, 0, 'the token');
    encode(out, R.Buffer.from(mac(key, protectedBuffer, payloadBuffer)), 0, 'the token');
    if (out.length > MAX_TOKEN) fail('generateToken(): the token would be ' + out.length + ' bytes, over the 1 KB limit');
    return R.Buffer.from(out);
  }

  R.cwt = { validateToken, generateToken };
}
