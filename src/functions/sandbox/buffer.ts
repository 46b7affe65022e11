// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/** The `buffer` module of cloudfront-js-2.0: a `Buffer` over Uint8Array with the documented methods. */
export function installBuffer(R: any): void {
  'use strict';
  if (R.runtime === 'cloudfront-js-1.0') return;
  const T = R.text;
  const ENCODINGS = ['utf8', 'utf-8', 'hex', 'base64', 'base64url'];

  function encodingOf(value: unknown): string {
    const name = value === undefined ? 'utf8' : String(value).toLowerCase();
    if (ENCODINGS.indexOf(name) < 0) throw new TypeError('Unknown encoding: ' + String(value));
    return name === 'utf-8' ? 'utf8' : name;
  }

  function bytesOf(text: string, encoding: string): number[] {
    if (encoding === 'hex') return T.hexDecode(text);
    if (encoding === 'base64' || encoding === 'base64url') return T.base64Decode(text, false);
    return T.utf8Encode(text);
  }

  function stringOf(bytes: Uint8Array, encoding: string, start: number, end: number): string {
    const part = bytes.subarray(start, end);
    if (encoding === 'hex') return T.hexEncode(part);
    if (encoding === 'base64') return T.base64Encode(part, false);
    if (encoding === 'base64url') return T.base64Encode(part, true);
    return T.utf8Decode(part, 0, part.length, false);
  }

  function int(value: unknown, fallback: number): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    return n !== n ? fallback : Math.trunc(n);
  }

  function checkOffset(buf: Uint8Array, offset: number, size: number): void {
    if (offset < 0 || offset + size > buf.length) throw new RangeError('The value of "offset" is out of range. It must be >= 0 and <= ' + (buf.length - size) + '. Received ' + offset);
  }

  class Buffer extends Uint8Array {
    static alloc(size: number, fill?: unknown, encoding?: unknown): Buffer {
      const buf = new Buffer(size);
      if (fill !== undefined && fill !== 0) buf.fill(fill, 0, buf.length, encoding);
      return buf;
    }
    static allocUnsafe(size: number): Buffer {
      return new Buffer(size);
    }
    static byteLength(value: any, encoding?: unknown): number {
      if (typeof value === 'string') return bytesOf(value, encodingOf(encoding)).length;
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw new TypeError('The "string" argument must be a string, Buffer, TypedArray, DataView or ArrayBuffer');
    }
    static compare(a: Uint8Array, b: Uint8Array): number {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
      return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
    }
    static concat(list: Uint8Array[], totalLength?: number): Buffer {
      if (!Array.isArray(list)) throw new TypeError('The "list" argument must be an array of Buffers');
      let total = 0;
      for (let i = 0; i < list.length; i++) total += list[i]!.length;
      const out = new Buffer(totalLength === undefined ? total : int(totalLength, total));
      let at = 0;
      for (let i = 0; i < list.length && at < out.length; i++) {
        const part = list[i]!;
        out.set(part.length > out.length - at ? part.subarray(0, out.length - at) : part, at);
        at += part.length;
      }
      return out;
    }
    static override from(value: any, offsetOrEncoding?: any, length?: any): Buffer {
      if (typeof value === 'string') return new Buffer(bytesOf(value, encodingOf(offsetOrEncoding)));
      if (value instanceof ArrayBuffer) {
        const offset = int(offsetOrEncoding, 0);
        return new Buffer(value, offset, length === undefined ? value.byteLength - offset : int(length, 0));
      }
      if (ArrayBuffer.isView(value)) return new Buffer(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (Array.isArray(value)) return new Buffer(value.map((n: any) => Number(n) & 255));
      if (value !== null && typeof value === 'object') {
        const primitive = value.valueOf();
        if (primitive !== value && primitive !== undefined && primitive !== null) return Buffer.from(primitive, offsetOrEncoding, length);
        if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      }
      throw new TypeError('The first argument must be a string, Buffer, ArrayBuffer, Array, or array-like object');
    }
    static isBuffer(value: unknown): boolean {
      return value instanceof Buffer;
    }
    static isEncoding(encoding: unknown): boolean {
      return typeof encoding === 'string' && ENCODINGS.indexOf(encoding.toLowerCase()) >= 0;
    }
    compare(target: Uint8Array, targetStart?: number, targetEnd?: number, sourceStart?: number, sourceEnd?: number): number {
      return Buffer.compare(this.subarray(int(sourceStart, 0), int(sourceEnd, this.length)), target.subarray(int(targetStart, 0), int(targetEnd, target.length)));
    }
    copy(target: Uint8Array, targetStart?: number, sourceStart?: number, sourceEnd?: number): number {
      const at = int(targetStart, 0);
      const part = this.subarray(int(sourceStart, 0), int(sourceEnd, this.length));
      const n = Math.min(part.length, target.length - at);
      target.set(part.subarray(0, n), at);
      return n;
    }
    equals(other: Uint8Array): boolean {
      return Buffer.compare(this, other) === 0;
    }
    override fill(value: any, offset?: any, end?: any, encoding?: any): this {
      if (typeof offset === 'string') (encoding = offset), (offset = 0), (end = this.length);
      else if (typeof end === 'string') (encoding = end), (end = this.length);
      const from = int(offset, 0);
      const to = int(end, this.length);
      if (typeof value === 'number') return Uint8Array.prototype.fill.call(this, value & 255, from, to) as this;
      const bytes = typeof value === 'string' ? bytesOf(value, encodingOf(encoding)) : Array.prototype.slice.call(value);
      if (bytes.length === 0) return Uint8Array.prototype.fill.call(this, 0, from, to) as this;
      for (let i = from, k = 0; i < to; i++, k = (k + 1) % bytes.length) this[i] = bytes[k];
      return this;
    }
    override includes(value: any, byteOffset?: any, encoding?: any): boolean {
      return this.indexOf(value, byteOffset, encoding) !== -1;
    }
    override indexOf(value: any, byteOffset?: any, encoding?: any): number {
      const needle = typeof value === 'number' ? [value & 255] : typeof value === 'string' ? bytesOf(value, encodingOf(encoding)) : Array.prototype.slice.call(value);
      let from = int(byteOffset, 0);
      if (from < 0) from = Math.max(0, this.length + from);
      for (let i = from; i + needle.length <= this.length; i++) {
        let k = 0;
        while (k < needle.length && this[i + k] === needle[k]) k++;
        if (k === needle.length) return i;
      }
      return -1;
    }
    override lastIndexOf(value: any, byteOffset?: any, encoding?: any): number {
      const needle = typeof value === 'number' ? [value & 255] : typeof value === 'string' ? bytesOf(value, encodingOf(encoding)) : Array.prototype.slice.call(value);
      let from = int(byteOffset, this.length - needle.length);
      if (from < 0) from = this.length + from;
      for (let i = Math.min(from, this.length - needle.length); i >= 0; i--) {
        let k = 0;
        while (k < needle.length && this[i + k] === needle[k]) k++;
        if (k === needle.length) return i;
      }
      return -1;
    }
    override subarray(start?: number, end?: number): Buffer {
      const view = Uint8Array.prototype.subarray.call(this, start, end);
      return new Buffer(view.buffer as ArrayBuffer, view.byteOffset, view.length);
    }
    swap16(): this {
      return swap(this, 2);
    }
    swap32(): this {
      return swap(this, 4);
    }
    swap64(): this {
      return swap(this, 8);
    }
    toJSON(): { type: 'Buffer'; data: number[] } {
      return { type: 'Buffer', data: Array.prototype.slice.call(this) };
    }
    override toString(encoding?: unknown, start?: number, end?: number): string {
      return stringOf(this, encodingOf(encoding), Math.max(0, int(start, 0)), Math.min(this.length, int(end, this.length)));
    }
    write(text: string, offset?: any, length?: any, encoding?: any): number {
      if (typeof offset === 'string') (encoding = offset), (offset = 0), (length = undefined);
      else if (typeof length === 'string') (encoding = length), (length = undefined);
      const at = int(offset, 0);
      const bytes = bytesOf(String(text), encodingOf(encoding));
      const n = Math.min(bytes.length, this.length - at, int(length, bytes.length));
      for (let i = 0; i < n; i++) this[at + i] = bytes[i]!;
      return n;
    }
  }

  function swap<B extends Uint8Array>(buf: B, size: number): B {
    if (buf.length % size !== 0) throw new RangeError('Buffer size must be a multiple of ' + size * 8 + '-bits');
    for (let i = 0; i < buf.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = buf[a]!;
        buf[a] = buf[b]!;
        buf[b] = t;
      }
    }
    return buf;
  }

  // Fixed-width reads and writes, through a DataView over the buffer's bytes.
  const P: any = Buffer.prototype;
  const view = (buf: Uint8Array) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const FIXED: Array<[string, string, number, boolean]> = [
    ['Int8', 'Int8', 1, false], ['UInt8', 'Uint8', 1, false],
    ['Int16BE', 'Int16', 2, false], ['Int16LE', 'Int16', 2, true], ['UInt16BE', 'Uint16', 2, false], ['UInt16LE', 'Uint16', 2, true],
    ['Int32BE', 'Int32', 4, false], ['Int32LE', 'Int32', 4, true], ['UInt32BE', 'Uint32', 4, false], ['UInt32LE', 'Uint32', 4, true],
    ['FloatBE', 'Float32', 4, false], ['FloatLE', 'Float32', 4, true], ['DoubleBE', 'Float64', 8, false], ['DoubleLE', 'Float64', 8, true],
  ];
  FIXED.forEach(([name, type, size, little]) => {
    P['read' + name] = function (this: Uint8Array, offset?: number) {
      const at = int(offset, 0);
      checkOffset(this, at, size);
      return (view(this) as any)['get' + type](at, little);
    };
    P['write' + name] = function (this: Uint8Array, value: number, offset?: number) {
      const at = int(offset, 0);
      checkOffset(this, at, size);
      (view(this) as any)['set' + type](at, Number(value), little);
      return at + size;
    };
  });
  // Variable-width integers (1 to 6 bytes).
  [['IntBE', true, false], ['IntLE', true, true], ['UIntBE', false, false], ['UIntLE', false, true]].forEach(([name, signed, little]) => {
    P['read' + name] = function (this: Uint8Array, offset: number, byteLength: number) {
      const at = int(offset, 0);
      const n = int(byteLength, 0);
      if (n < 1 || n > 6) throw new RangeError('The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received ' + n);
      checkOffset(this, at, n);
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 256 + this[at + (little ? n - 1 - i : i)]!;
      return signed && v >= 2 ** (8 * n - 1) ? v - 2 ** (8 * n) : v;
    };
    P['write' + name] = function (this: Uint8Array, value: number, offset: number, byteLength: number) {
      const at = int(offset, 0);
      const n = int(byteLength, 0);
      if (n < 1 || n > 6) throw new RangeError('The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received ' + n);
      checkOffset(this, at, n);
      let v = Number(value);
      if (v < 0) v += 2 ** (8 * n);
      for (let i = 0; i < n; i++) {
        this[at + (little ? i : n - 1 - i)] = v % 256;
        v = Math.floor(v / 256);
      }
      return at + n;
    };
  });

  R.Buffer = Buffer;
  R.modules.buffer = { Buffer };
  R.globals.Buffer = Buffer;
}
