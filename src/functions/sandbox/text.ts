// Runs INSIDE the function's context (see ../realm.ts): the source of this function is evaluated
// there, so it must stand alone (no imports, no outer names) and build everything it hands out.

/**
 * Byte encodings for the runtime: UTF-8, hex, base64 and base64url between strings and byte
 * arrays, `TextEncoder` / `TextDecoder` (UTF-8 only, as the runtime documents) and atob / btoa.
 */
export function installText(R: any): void {
  'use strict';
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_INDEX: Record<string, number> = Object.create(null);
  for (let i = 0; i < 64; i++) B64_INDEX[B64.charAt(i)] = i;
  B64_INDEX['-'] = 62;
  B64_INDEX['_'] = 63;

  function utf8Encode(text: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  /** Decodes UTF-8; invalid sequences become U+FFFD, or throw when `fatal`. */
  function utf8Decode(bytes: ArrayLike<number>, start: number, end: number, fatal: boolean): string {
    let out = '';
    let i = start;
    while (i < end) {
      const b = bytes[i]!;
      let c = -1;
      let need = 0;
      if (b < 0x80) c = b;
      else if (b >= 0xc2 && b < 0xe0) (c = b & 31), (need = 1);
      else if (b >= 0xe0 && b < 0xf0) (c = b & 15), (need = 2);
      else if (b >= 0xf0 && b < 0xf5) (c = b & 7), (need = 3);
      let j = i + 1;
      for (let k = 0; k < need && c >= 0; k++, j++) {
        const n = j < end ? bytes[j]! : -1;
        if (n < 0x80 || n > 0xbf) c = -1;
        else c = (c << 6) | (n & 63);
      }
      if (c >= 0 && need > 0 && (c < [0, 0x80, 0x800, 0x10000][need]! || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))) c = -1;
      if (c < 0) {
        if (fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
        out += '\ufffd';
        i++;
        continue;
      }
      out += c < 0x10000 ? String.fromCharCode(c) : String.fromCharCode(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 1023));
      i = j;
    }
    return out;
  }

  function base64Encode(bytes: ArrayLike<number>, url: boolean): string {
    const alphabet = url ? B64.slice(0, 62) + '-_' : B64;
    let out = '';
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63) + alphabet.charAt((n >> 6) & 63) + alphabet.charAt(n & 63);
    }
    const rest = bytes.length - i;
    if (rest > 0) {
      const n = (bytes[i]! << 16) | (rest > 1 ? bytes[i + 1]! << 8 : 0);
      out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
      out += rest > 1 ? alphabet.charAt((n >> 6) & 63) : url ? '' : '=';
      out += url ? '' : '=';
    }
    return out;
  }

  /** Decodes base64 or base64url leniently (as Buffer does), or undefined when `strict` and malformed. */
  function base64Decode(text: string, strict: boolean): number[] | undefined {
    const clean = strict ? text : text.replace(/[\s=]+/g, '');
    if (strict && !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) return undefined;
    const out: number[] = [];
    let bits = 0;
    let acc = 0;
    for (let i = 0; i < clean.length; i++) {
      const ch = clean.charAt(i);
      if (ch === '=') break;
      const v = B64_INDEX[ch];
      if (v === undefined) {
        if (strict) return undefined;
        continue;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((acc >> bits) & 255);
      }
    }
    return out;
  }

  function hexEncode(bytes: ArrayLike<number>): string {
    let out = '';
    for (let i = 0; i < bytes.length; i++) out += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
    return out;
  }

  function hexDecode(text: string): number[] {
    const out: number[] = [];
    for (let i = 0; i + 1 < text.length; i += 2) {
      const n = parseInt(text.substr(i, 2), 16);
      if (n !== n) break;
      out.push(n);
    }
    return out;
  }

  /** Each character 0..255 as one byte: how bytes cross to the host and back. */
  function latin1(bytes: ArrayLike<number>): string {
    let out = '';
    for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode.apply(null, Array.prototype.slice.call(bytes, i, i + 4096) as number[]);
    return out;
  }

  function TextEncoder(this: any) {
    if (!new.target) throw new TypeError('Constructor TextEncoder requires "new"');
  }
  Object.defineProperty(TextEncoder.prototype, 'encoding', { get: () => 'utf-8', enumerable: true, configurable: true });
  TextEncoder.prototype.encode = function encode(input?: unknown) {
    return new Uint8Array(utf8Encode(input === undefined ? '' : String(input)));
  };
  TextEncoder.prototype.encodeInto = function encodeInto(input: unknown, target: Uint8Array) {
    const text = String(input);
    let read = 0;
    let written = 0;
    for (let i = 0; i < text.length; i++) {
      const wide = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff && i + 1 < text.length;
      const bytes = utf8Encode(wide ? text.substr(i, 2) : text.charAt(i));
      if (written + bytes.length > target.length) break;
      for (let k = 0; k < bytes.length; k++) target[written++] = bytes[k]!;
      read += wide ? 2 : 1;
      if (wide) i++;
    }
    return { read, written };
  };

  function TextDecoder(this: any, label?: unknown, options?: any) {
    if (!new.target) throw new TypeError('Constructor TextDecoder requires "new"');
    const name = label === undefined ? 'utf-8' : String(label).toLowerCase();
    if (name !== 'utf-8' && name !== 'utf8') throw new RangeError('The "' + String(label) + '" encoding is not supported');
    const fatal = !!(options && options.fatal);
    const ignoreBOM = !!(options && options.ignoreBOM);
    Object.defineProperty(this, '_', { value: { fatal, ignoreBOM } });
  }
  Object.defineProperty(TextDecoder.prototype, 'encoding', { get: () => 'utf-8', enumerable: true, configurable: true });
  Object.defineProperty(TextDecoder.prototype, 'fatal', { get() { return this._.fatal; }, enumerable: true, configurable: true });
  Object.defineProperty(TextDecoder.prototype, 'ignoreBOM', { get() { return this._.ignoreBOM; }, enumerable: true, configurable: true });
  TextDecoder.prototype.decode = function decode(input?: any) {
    if (input === undefined) return '';
    const view = ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : input instanceof ArrayBuffer ? new Uint8Array(input) : undefined;
    if (!view) throw new TypeError('The "input" argument must be an ArrayBuffer or a view of one');
    const start = !this._.ignoreBOM && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf ? 3 : 0;
    return utf8Decode(view, start, view.length, this._.fatal);
  };

  function btoa(input: unknown): string {
    const text = String(input);
    const bytes: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 255) throw new Error('Invalid character: btoa() takes a string of characters in the range 0..255');
      bytes.push(c);
    }
    return base64Encode(bytes, false);
  }

  function atob(input: unknown): string {
    const text = String(input).replace(/[\t\n\f\r ]+/g, '');
    const padded = text.length % 4 === 0 ? text : text + '===='.slice(text.length % 4);
    const bytes = base64Decode(padded, true);
    if (!bytes || text.length % 4 === 1) throw new Error('Invalid character: atob() takes base64 text');
    return latin1(bytes);
  }

  R.text = { utf8Encode, utf8Decode, base64Encode, base64Decode, hexEncode, hexDecode, latin1 };
  R.globals.TextEncoder = TextEncoder;
  R.globals.TextDecoder = TextDecoder;
  R.globals.atob = atob;
  R.globals.btoa = btoa;
}
