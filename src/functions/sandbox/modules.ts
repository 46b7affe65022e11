// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/** The `crypto` (hash and HMAC, hashed by the host through the bridge) and `querystring` modules. */
export function installModules(R: any): void {
  'use strict';
  const T = R.text;
  const ALGORITHMS = ['md5', 'sha1', 'sha256'];
  const legacy = R.runtime === 'cloudfront-js-1.0';

  function bytesOf(data: any, encoding?: unknown): ArrayLike<number> {
    if (typeof data === 'string') {
      if (encoding === 'hex') return T.hexDecode(data);
      if (encoding === 'base64' || encoding === 'base64url') return T.base64Decode(data, false);
      // A 1.0 byte string (a digest, String.bytesFrom…) is its bytes, as in njs; text is UTF-8.
      if (legacy && R.bytes.isBytes(data)) {
        const out: number[] = [];
        for (let i = 0; i < data.length; i++) out.push(data.charCodeAt(i));
        return out;
      }
      return T.utf8Encode(data);
    }
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw new TypeError('data is not a string or Buffer-like object');
  }

  function digester(kind: 'hash' | 'hmac', algorithm: unknown, key: any) {
    const name = String(algorithm);
    if (ALGORITHMS.indexOf(name) < 0) throw new TypeError('not supported algorithm: "' + name + '"');
    const keyBytes = kind === 'hmac' ? T.latin1(bytesOf(key)) : '';
    let data = '';
    let done = false;
    const object = {
      update(chunk: unknown, inputEncoding?: unknown) {
        if (done) throw new Error('Digest already called');
        data += T.latin1(bytesOf(chunk, inputEncoding));
        return object;
      },
      digest(encoding?: unknown) {
        if (done) throw new Error('Digest already called');
        if (encoding !== undefined && encoding !== 'hex' && encoding !== 'base64' && encoding !== 'base64url') {
          throw new TypeError('Unknown digest encoding: "' + String(encoding) + '"');
        }
        done = true;
        const hex: string = R.call('digest', name, kind === 'hmac' ? keyBytes : null, data);
        if (encoding === 'hex') return hex;
        const bytes = T.hexDecode(hex);
        if (encoding === 'base64') return T.base64Encode(bytes, false);
        if (encoding === 'base64url') return T.base64Encode(bytes, true);
        // 2.0 answers a Buffer; 1.0 a byte string.
        return legacy ? R.bytes.mark(T.latin1(bytes)) : R.Buffer.from(bytes);
      },
    };
    return object;
  }

  R.modules.crypto = {
    createHash: (algorithm: unknown) => digester('hash', algorithm, undefined),
    createHmac: (algorithm: unknown, key: unknown) => digester('hmac', algorithm, key),
  };

  function unescape(text: unknown): string {
    const s = String(text);
    try {
      return decodeURIComponent(s);
    } catch {
      // Malformed sequences stay as they are; well-formed ones are decoded one by one.
      return s.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      });
    }
  }

  function escape(text: unknown): string {
    return encodeURIComponent(String(text));
  }

  function parse(text: unknown, sep?: unknown, eq?: unknown, options?: any) {
    const out: Record<string, unknown> = {};
    if (typeof text !== 'string' || text.length === 0) return out;
    const separator = sep === undefined || sep === null ? '&' : String(sep);
    const equals = eq === undefined || eq === null ? '=' : String(eq);
    const decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : unescape;
    const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
    let parts = text.split(separator);
    if (maxKeys > 0 && parts.length > maxKeys) parts = parts.slice(0, maxKeys);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!.replace(/\+/g, ' ');
      const at = part.indexOf(equals);
      const key = decode(at >= 0 ? part.slice(0, at) : part);
      const value = at >= 0 ? decode(part.slice(at + equals.length)) : '';
      if (!Object.prototype.hasOwnProperty.call(out, key)) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else if (Array.isArray(out[key])) (out[key] as unknown[]).push(value);
      else out[key] = [out[key], value];
    }
    return out;
  }

  function stringify(object: any, sep?: unknown, eq?: unknown, options?: any): string {
    if (object === null || typeof object !== 'object') return '';
    const separator = sep === undefined || sep === null ? '&' : String(sep);
    const equals = eq === undefined || eq === null ? '=' : String(eq);
    const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : escape;
    const primitive = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' && isFinite(v) ? String(v) : typeof v === 'boolean' ? String(v) : '');
    const out: string[] = [];
    Object.keys(object).forEach((key) => {
      const value = object[key];
      const name = encode(key) + equals;
      if (Array.isArray(value)) value.forEach((v) => out.push(name + encode(primitive(v))));
      else out.push(name + encode(primitive(value)));
    });
    return out.join(separator);
  }

  R.modules.querystring = { parse, decode: parse, stringify, encode: stringify, escape, unescape };
}
