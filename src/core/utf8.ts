/**
 * UTF-8 byte length of `s` (or of its units from `from` to `to`), without allocating:
 * `Buffer.byteLength(s, 'utf8')`, which also counts a lone surrogate as the 3 bytes of U+FFFD
 * it is encoded as.
 */
export function utf8Length(s: string, from = 0, to = s.length): number {
  let bytes = to - from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c <= 0xdbff && c >= 0xd800 && i + 1 < to && isLowSurrogate(s.charCodeAt(i + 1))) {
      // A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Number of Unicode code points: how Smithy `@length` counts a string. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** True when the string has no lone surrogate, i.e. it can be encoded as UTF-8. */
export function isWellFormed(s: string): boolean {
  // Native since Node 20 (V8 11.1); a one-byte string answers without a scan.
  return (s as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * Orders strings by their UTF-8 bytes, which is code point order. Plain `<` compares UTF-16
 * units and puts U+E000..U+FFFF after astral characters; this fixes the first differing pair.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) return shift(x) - shift(y);
      return x - y;
    }
  }
  return a.length - b.length;
}

function shift(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
