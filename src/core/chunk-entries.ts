import { utf8Length } from './utf8';

/*
 * The entries of a chunk: what SortedKeys keeps per store is a few sorted chunks, each ONE flat
 * string of entries back to back, with an array of where each entry starts. These functions
 * read, compare and build entries in place, without cutting a key out of its chunk.
 */

/**
 * One flat string of `parts`. join() copies into a new flat string, but returns a lone part
 * (empty ones aside) as it is, and a slice of 13 units or more is a view that holds on to the
 * whole string it was cut from: a lone part is cut in two first.
 */
export function flatten(parts: string[]): string {
  if (parts.length === 1) {
    const only = parts[0]!;
    return only.length < 13 ? only : [only.slice(0, 1), only.slice(1)].join('');
  }
  return parts.join('');
}

/*
 * An entry is `header + key + value`. The header gives the key's length in UTF-16 units and
 * whether the pair is all ASCII (then its UTF-8 bytes are its units, and no size needs a scan):
 * one character `0b0A_LLLLLL` for a key shorter than 64 units (A set: not ASCII), else three,
 * `0b1A_HHHHHH`, bits 8-15, bits 0-7. Every header character is below 0x100, so a chunk of
 * Latin-1 keys and values stays a one-byte string. An entry ends where the next one starts.
 */

const NOT_ASCII = 0x40;

export function header(n: number, ascii: boolean): string {
  const flag = ascii ? 0 : NOT_ASCII;
  return n < 0x40 ? String.fromCharCode(flag | n) : String.fromCharCode(0x80 | flag | ((n >>> 16) & 0x3f), (n >>> 8) & 0xff, n & 0xff);
}

export function headerLength(keyLength: number): number {
  return keyLength < 0x40 ? 1 : 3;
}

export function endOf(chunk: string, starts: number[], i: number): number {
  return i + 1 < starts.length ? starts[i + 1]! : chunk.length;
}

export function keyStart(chunk: string, s: number): number {
  return s + (chunk.charCodeAt(s) < 0x80 ? 1 : 3);
}

export function keyLength(chunk: string, s: number): number {
  const c = chunk.charCodeAt(s);
  return c < 0x80 ? c & 0x3f : ((c & 0x3f) << 16) | (chunk.charCodeAt(s + 1) << 8) | chunk.charCodeAt(s + 2);
}

/** The UTF-8 bytes of the key and value of the entry at `s..end`: counted only when the pair is not ASCII. */
export function pairBytes(chunk: string, s: number, end: number): number {
  const start = keyStart(chunk, s);
  if ((chunk.charCodeAt(s) & NOT_ASCII) === 0) return end - start;
  const split = start + keyLength(chunk, s);
  return utf8Length(chunk, start, split) + utf8Length(chunk, split, end);
}

/** The key of the entry at `s`, as a string of its own (a fence outlives the chunk it came from). */
export function keyAt(chunk: string, s: number): string {
  const start = keyStart(chunk, s);
  return flatten([chunk.slice(start, start + keyLength(chunk, s))]);
}

/** Whether the key of the entry at `s` is `key`: its length from the header, then a native compare in place. */
export function sameKey(chunk: string, s: number, key: string): boolean {
  const n = key.length;
  return n < 0x40 ? (chunk.charCodeAt(s) & 0xbf) === n && chunk.startsWith(key, s + 1) : keyLength(chunk, s) === n && chunk.startsWith(key, s + 3);
}

export function unpack<T>(chunk: string, starts: number[], i: number, item: (key: string, value: string) => T): T {
  const s = starts[i]!;
  const start = keyStart(chunk, s);
  const split = start + keyLength(chunk, s);
  return item(chunk.slice(start, split), chunk.slice(split, endOf(chunk, starts, i)));
}

/**
 * Compares the key of the entry at `s` with `key` in UTF-8 byte order, which is code point
 * order: plain UTF-16 order puts U+E000..U+FFFF after astral characters, so the first differing
 * pair of units at or above U+D800 is remapped (the same order as `compareUtf8`). The first
 * `from` units are known to be equal.
 */
export function compareAt(chunk: string, s: number, key: string, from = 0): number {
  const c = chunk.charCodeAt(s);
  let start = s + 1;
  let length = c & 0x3f;
  if (c >= 0x80) {
    start = s + 3;
    length = ((c & 0x3f) << 16) | (chunk.charCodeAt(s + 1) << 8) | chunk.charCodeAt(s + 2);
  }
  const n = length < key.length ? length : key.length;
  for (let i = from; i < n; i++) {
    const x = chunk.charCodeAt(start + i);
    const y = key.charCodeAt(i);
    if (x !== y) return order(x, y);
  }
  return length - key.length;
}

/** The order of two differing UTF-16 units as the UTF-8 bytes of their characters order them. */
export function order(x: number, y: number): number {
  if (x >= 0xd800 && y >= 0xd800) return shift(x) - shift(y);
  return x - y;
}

function shift(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Where `key` falls against the `n` units of `s` from `at`, in UTF-8 order: -1 before every
 * string that starts with them, 1 after every one, 0 when it starts with them too.
 */
export function against(key: string, s: string, at: number, n: number): number {
  for (let i = 0; i < n; i++) {
    if (i === key.length) return -1;
    const x = key.charCodeAt(i);
    const y = s.charCodeAt(at + i);
    if (x !== y) return order(x, y) < 0 ? -1 : 1;
  }
  return 0;
}

/** First index whose key is >= key, in a chunk whose keys all share their first `shared` units. */
export function lowerBound(chunk: string, starts: number[], key: string, shared: number): number {
  // Before every key, after every key, or among them.
  const side = against(key, chunk, keyStart(chunk, starts[0]!), shared);
  if (side !== 0) return side < 0 ? 0 : starts.length;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareAt(chunk, starts[mid]!, key, shared) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How many leading units the keys of the entries at `a` and `b` share. For the first and last
 * keys of a chunk, in sorted order, every key between them shares them too.
 */
export function commonPrefix(chunk: string, a: number, b: number): number {
  const x = keyStart(chunk, a);
  const y = keyStart(chunk, b);
  const n = Math.min(keyLength(chunk, a), keyLength(chunk, b));
  let i = 0;
  while (i < n && chunk.charCodeAt(x + i) === chunk.charCodeAt(y + i)) i++;
  return i;
}
