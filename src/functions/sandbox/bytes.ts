// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * The byte strings of cloudfront-js-1.0 (njs 0.7's non-standard String methods): `String.bytesFrom`,
 * `String.prototype.fromBytes`, `fromUTF8`, `toBytes` and `toUTF8`.
 *
 * A byte string is a string with one character (0..255) per byte. njs keeps a flag that tells a byte
 * string from text; a V8 string has none, so the runtime remembers, for the current invocation, the
 * byte strings it handed out that hold a byte of 0x80 or more (ASCII reads the same either way).
 * Those are read as bytes where njs reads bytes: by `crypto`'s `update()` and `createHmac()` key, by
 * `toUTF8` (which leaves a byte string as it is) and by `JSON.parse` (which decodes UTF-8).
 */
export function installByteStrings(R: any): void {
  'use strict';
  if (R.runtime !== 'cloudfront-js-1.0') return;
  const T = R.text;
  const SetCtor = Set;
  const Str = String;
  const slice = String.prototype.slice;
  const HIGH = /[\u0080-\u00ff]/;
  const WIDE = /[^\u0000-\u00ff]/;
  const HEX = /^[0-9a-fA-F]{2}/;
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

  /** Remembers `s` as a byte string for the rest of the invocation. */
  function mark(s: string): string {
    const current = R.current;
    if (current && HIGH.test(s)) (current.byteStrings || (current.byteStrings = new SetCtor<string>())).add(s);
    return s;
  }

  function isBytes(s: unknown): boolean {
    const current = R.current;
    return typeof s === 'string' && !!(current && current.byteStrings && current.byteStrings.has(s));
  }

  function codes(s: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
    return out;
  }

  /** UTF-8 text of the bytes of `s`, or undefined when they are not valid UTF-8. */
  function decodeUtf8(s: string): string | undefined {
    try {
      return T.utf8Decode(codes(s), 0, s.length, true);
    } catch {
      return undefined;
    }
  }

  /** Pairs of hex digits up to the first pair that is not one (njs stops there, as it does on an odd digit). */
  function fromHex(text: string): number[] {
    const out: number[] = [];
    for (let i = 0; i + 1 < text.length && HEX.test(text.substr(i, 2)); i += 2) out.push(parseInt(text.substr(i, 2), 16));
    return out;
  }

  /** base64 or base64url up to the first character outside that alphabet (padding included). */
  function fromBase64(text: string, url: boolean): number[] {
    const alphabet = B64 + (url ? '-_' : '+/');
    const out: number[] = [];
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < text.length; i++) {
      const v = alphabet.indexOf(text.charAt(i));
      if (v < 0) break;
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((acc >> bits) & 255);
      }
    }
    return out;
  }

  function bytesFrom(value: any, encoding?: unknown): string {
    if (typeof value === 'string' || value instanceof Str) {
      if (typeof encoding !== 'string') throw new TypeError('"encoding" must be a string');
      const text = Str(value);
      if (encoding === 'hex') return mark(T.latin1(fromHex(text)));
      if (encoding === 'base64' || encoding === 'base64url') return mark(T.latin1(fromBase64(text, encoding === 'base64url')));
      throw new TypeError('Unknown encoding: "' + encoding + '"');
    }
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) throw new TypeError('value must be a string or array-like object');
    const length = Math.min(Math.max(0, Math.floor(Number(value.length)) || 0), 0x7fffffff);
    const bytes: number[] = [];
    for (let i = 0; i < length; i++) bytes.push(Number(value[i]) & 255);
    return mark(T.latin1(bytes));
  }

  const methods = {
    /** Each byte as the code point of the same number: the identity here, as bytes already are characters 0..255. */
    fromBytes(this: unknown, start?: unknown, end?: unknown): string {
      return slice.call(Str(this), start as number, end as number);
    },
    /** The bytes decoded as UTF-8; null when they are not valid UTF-8. Text (not bytes) answers itself. */
    fromUTF8(this: unknown, start?: unknown, end?: unknown): string | null {
      const s = Str(this);
      const part = slice.call(s, start as number, end as number);
      if (WIDE.test(part)) return part;
      const text = decodeUtf8(part);
      if (text !== undefined) return text;
      return isBytes(s) || isBytes(part) ? null : part;
    },
    /** The characters as bytes; null when one of them is over 255. */
    toBytes(this: unknown, start?: unknown, end?: unknown): string | null {
      const part = slice.call(Str(this), start as number, end as number);
      return WIDE.test(part) ? null : mark(part);
    },
    /** The UTF-8 bytes of the text (start and end count bytes); a byte string stays as it is. */
    toUTF8(this: unknown, start?: unknown, end?: unknown): string {
      const s = Str(this);
      const bytes = isBytes(s) ? s : T.latin1(T.utf8Encode(s));
      return mark(slice.call(bytes, start as number, end as number));
    },
  };

  Object.defineProperty(String, 'bytesFrom', { value: bytesFrom, writable: true, enumerable: false, configurable: true });
  Object.keys(methods).forEach((name) => {
    Object.defineProperty(String.prototype, name, { value: (methods as any)[name], writable: true, enumerable: false, configurable: true });
  });

  // njs's JSON.parse reads a byte string's bytes as UTF-8, as a decoded JWT payload needs.
  const parse = JSON.parse;
  const json = {
    parse(text: unknown, reviver?: unknown): unknown {
      let source = text;
      if (isBytes(text)) {
        const decoded = decodeUtf8(text as string);
        if (decoded !== undefined) source = decoded;
      }
      return reviver === undefined ? parse(source as string) : parse(source as string, reviver as any);
    },
  };
  Object.defineProperty(JSON, 'parse', { value: json.parse, writable: true, enumerable: false, configurable: true });

  R.bytes = { mark, isBytes };
}
