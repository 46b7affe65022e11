import { compareUtf8, utf8Length } from './utf8';

/** Entries per chunk before it splits: small enough for few cold reads per seek and cheap splices. */
const MAX_CHUNK = 64;

/**
 * The keys of one store in UTF-8 byte order, with their values.
 *
 * Each pair is kept as one flat string, `header + key + value`, where the header says how long
 * the key is; the entries sit in sorted chunks of at most 64. One string per pair, instead of
 * a key string, a value string and a hash-map entry, keeps a store of 100,000 small pairs near
 * 2.4x the bytes of its keys and values instead of 5x (a V8 string costs 16 bytes before its
 * first character). Lookups binary-search the chunks' fences, then one chunk: get, insert and
 * delete are O(log n) (an insert moves at most one chunk), a page seeks in O(log n) and scans
 * in O(page). Reads slice the key and value out of the entry.
 */
export class SortedKeys {
  private chunks: string[][] = [];
  /** Per chunk, a key >= each of its keys and < each key of the next chunk: the seek's first level. */
  private fences: string[] = [];
  /** Per chunk, how many leading UTF-16 units all its keys share (at least): compares skip them. */
  private shared: number[] = [];
  private count = 0;
  /** Where the last `find` landed: the chunk, and the key's index in it (or where it would go). */
  private at = 0;
  private index = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): string | undefined {
    return this.find(key) ? valueOf(this.chunks[this.at]![this.index]!) : undefined;
  }

  has(key: string): boolean {
    return this.find(key);
  }

  /**
   * Inserts or replaces. `bytes`, the UTF-8 bytes of key and value, saves counting them when the
   * caller did. Returns the UTF-8 bytes of the pair it replaced, or -1 when the key is new.
   */
  set(key: string, value: string, bytes = utf8Length(key) + utf8Length(value)): number {
    const entry = pack(key, value, bytes === key.length + value.length);
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      this.fences.push(key);
      this.shared.push(key.length);
      this.count = 1;
      return -1;
    }
    const found = this.find(key);
    const c = this.at;
    const i = this.index;
    const chunk = this.chunks[c]!;
    if (found) {
      const previous = chunk[i]!;
      chunk[i] = entry;
      return pairBytes(previous);
    }
    const shared = commonPrefix(chunk[0]!, key, this.shared[c]!);
    if (shared < this.shared[c]!) this.shared[c] = shared;
    chunk.splice(i, 0, entry);
    this.count++;
    // Only the last chunk can receive a key beyond its fence.
    if (compareUtf8(this.fences[c]!, key) < 0) this.fences[c] = key;
    if (chunk.length > MAX_CHUNK) this.split(c, i === MAX_CHUNK && c === this.chunks.length - 1);
    return -1;
  }

  /** Removes a key; returns the UTF-8 bytes of the pair, or -1 when it was not there. */
  delete(key: string): number {
    return this.find(key) ? this.removeAt(this.at, this.index) : -1;
  }

  /**
   * Removes every one of `keys` (distinct), or none when one of them is not there: returns the
   * UTF-8 bytes of the pairs removed, or the first missing key. Each key is sought once.
   */
  deleteAll(keys: readonly string[]): { bytes: number } | { missing: string } {
    const found: Array<{ c: number; i: number; k: number }> = [];
    for (let k = 0; k < keys.length; k++) {
      if (!this.find(keys[k]!)) return { missing: keys[k]! };
      found.push({ c: this.at, i: this.index, k });
    }
    // From the last position back: a removal moves only the entries (and chunks) after it.
    found.sort((x, y) => y.c - x.c || y.i - x.i);
    let bytes = 0;
    for (const { c, i } of found) bytes += this.removeAt(c, i);
    return { bytes };
  }

  clear(): void {
    this.chunks = [];
    this.fences = [];
    this.shared = [];
    this.count = 0;
  }

  /**
   * Up to `limit` entries with keys strictly after `after` (from the start when undefined),
   * each as `item(key, value)` makes it (a `[key, value]` pair by default), and whether more follow.
   */
  page(after: string | undefined, limit: number): { items: Array<[string, string]>; more: boolean };
  page<T>(after: string | undefined, limit: number, item: (key: string, value: string) => T): { items: T[]; more: boolean };
  page(after: string | undefined, limit: number, item: (key: string, value: string) => unknown = pair): { items: unknown[]; more: boolean } {
    const items: unknown[] = [];
    let c = 0;
    let i = 0;
    if (after !== undefined) {
      // Right after `after`, where it is or would be.
      const found = this.find(after);
      c = this.at;
      i = found ? this.index + 1 : this.index;
    }
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i++) {
        if (items.length === limit) {
          // The next page resumes after the last entry returned: its seek starts there.
          if (i > 0) this.land(c, i - 1, true);
          else this.land(c - 1, this.chunks[c - 1]!.length - 1, true);
          return { items, more: true };
        }
        items.push(unpack(chunk[i]!, item));
      }
    }
    return { items, more: false };
  }

  /** Every entry in order. */
  *entries(): IterableIterator<[string, string]> {
    for (const chunk of this.chunks) for (const entry of chunk) yield unpack(entry, pair);
  }

  /**
   * Seeks `key`: leaves its chunk and index (or where it would be inserted) in `at`/`index`
   * and tells whether it is there. Where the last seek (or page) landed, and the entry after
   * it, are tried first: a write often follows a read of the same key, a batch often goes in
   * key order, and a page resumes after the last one. A guess is taken only when the entries
   * around it prove it right; each costs a compare or two, a miss costs the seek.
   */
  private find(key: string): boolean {
    const c = this.at;
    const chunk = this.chunks[c];
    if (chunk !== undefined) {
      // The entry after the last one found, then that one: equality is a native prefix test.
      const next = this.index + 1;
      if (next < chunk.length && sameKey(chunk[next]!, key)) return this.land(c, next, true);
      if (next <= chunk.length && sameKey(chunk[next - 1]!, key)) return this.land(c, next - 1, true);
      // A new key in key order goes right after the last one: strictly between it and the next.
      if (next < chunk.length && compareEntry(chunk[next - 1]!, key) < 0 && compareEntry(chunk[next]!, key) > 0) return this.land(c, next, false);
    }
    return this.seek(key);
  }

  private seek(key: string): boolean {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    if (chunk === undefined) return this.land(c, 0, false);
    const i = lowerBound(chunk, key, this.shared[c]!);
    return this.land(c, i, i < chunk.length && compareEntry(chunk[i]!, key) === 0);
  }

  /** Removes the entry at chunk `c`, index `i`; returns the UTF-8 bytes of its pair. */
  private removeAt(c: number, i: number): number {
    const chunk = this.chunks[c]!;
    const previous = pairBytes(chunk[i]!);
    chunk.splice(i, 1);
    this.count--;
    // A fence may stay above the chunk's keys: it only has to stay below the next chunk's.
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
      this.fences.splice(c, 1);
      this.shared.splice(c, 1);
    }
    return previous;
  }

  private land(c: number, i: number, found: boolean): boolean {
    this.at = c;
    this.index = i;
    return found;
  }

  /**
   * Splits an overfull chunk into two tight copies (a spliced array keeps its old capacity).
   * Appending at the very end, as a load of sorted keys does, keeps the left chunk full
   * instead of leaving a trail of half-empty ones.
   */
  private split(c: number, append: boolean): void {
    const chunk = this.chunks[c]!;
    const at = append ? MAX_CHUNK : MAX_CHUNK >> 1;
    const left = chunk.slice(0, at);
    const right = chunk.slice(at);
    this.chunks.splice(c, 1, left, right);
    this.fences.splice(c, 0, keyOf(left[left.length - 1]!));
    // In sorted order, what the first and last keys share, every key between them shares.
    this.shared.splice(c, 1, sharedBy(left), sharedBy(right));
  }

  /** Index of the first chunk whose fence is >= key (the last chunk when none is). */
  private chunkFor(key: string): number {
    // Against a key with no unit at or above U+D800, UTF-16 order is UTF-8 order (compareUtf8
    // remaps only pairs of such units), so the engine's own comparison will do, 3x cheaper.
    const native = !HIGH_UNIT.test(key);
    const fences = this.fences;
    let lo = 0;
    let hi = fences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (native ? fences[mid]! < key : compareUtf8(fences[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A UTF-16 unit at or above U+D800: a surrogate or U+E000..U+FFFF. */
const HIGH_UNIT = /[\ud800-\uffff]/;

/*
 * An entry is `header + key + value`. The header gives the key's length in UTF-16 units and
 * whether the pair is all ASCII (then its UTF-8 bytes are its units, and no size needs a scan):
 * one character `0b0A_LLLLLL` for a key shorter than 64 units (A set: not ASCII), else three,
 * `0b1A_HHHHHH`, bits 8-15, bits 0-7. Every header character is below 0x100, so a pair of
 * Latin-1 strings stays a one-byte string.
 */

const NOT_ASCII = 0x40;

function pack(key: string, value: string, ascii: boolean): string {
  const n = key.length;
  const flag = ascii ? 0 : NOT_ASCII;
  const header = n < 0x40 ? String.fromCharCode(flag | n) : String.fromCharCode(0x80 | flag | ((n >>> 16) & 0x3f), (n >>> 8) & 0xff, n & 0xff);
  // join() builds one flat string; `+` would keep a rope that holds on to both halves.
  return [header, key, value].join('');
}

function keyStart(entry: string): number {
  return entry.charCodeAt(0) < 0x80 ? 1 : 3;
}

function keyLength(entry: string): number {
  const c = entry.charCodeAt(0);
  return c < 0x80 ? c & 0x3f : ((c & 0x3f) << 16) | (entry.charCodeAt(1) << 8) | entry.charCodeAt(2);
}

/** The UTF-8 bytes of an entry's key and value: counted only when the pair is not ASCII. */
function pairBytes(entry: string): number {
  const start = keyStart(entry);
  if ((entry.charCodeAt(0) & NOT_ASCII) === 0) return entry.length - start;
  const end = start + keyLength(entry);
  return utf8Length(entry, start, end) + utf8Length(entry, end);
}

function valueOf(entry: string): string {
  return entry.slice(keyStart(entry) + keyLength(entry));
}

function keyOf(entry: string): string {
  const start = keyStart(entry);
  return entry.slice(start, start + keyLength(entry));
}

/** Whether an entry's key is `key`: its length from the header, then a native compare in place. */
function sameKey(entry: string, key: string): boolean {
  const n = key.length;
  return n < 0x40 ? (entry.charCodeAt(0) & 0xbf) === n && entry.startsWith(key, 1) : keyLength(entry) === n && entry.startsWith(key, 3);
}

function unpack<T>(entry: string, item: (key: string, value: string) => T): T {
  const start = keyStart(entry);
  const end = start + keyLength(entry);
  return item(entry.slice(start, end), entry.slice(end));
}

function pair(key: string, value: string): [string, string] {
  return [key, value];
}

/**
 * Compares an entry's key with `key` in UTF-8 byte order, which is code point order: plain
 * UTF-16 order puts U+E000..U+FFFF after astral characters, so the first differing pair of
 * units at or above U+D800 is remapped (the same order as `compareUtf8`). The first `from`
 * units are known to be equal.
 */
function compareEntry(entry: string, key: string, from = 0): number {
  const c = entry.charCodeAt(0);
  let start = 1;
  let length = c & 0x3f;
  if (c >= 0x80) {
    start = 3;
    length = ((c & 0x3f) << 16) | (entry.charCodeAt(1) << 8) | entry.charCodeAt(2);
  }
  const n = length < key.length ? length : key.length;
  for (let i = from; i < n; i++) {
    const x = entry.charCodeAt(start + i);
    const y = key.charCodeAt(i);
    if (x !== y) return order(x, y);
  }
  return length - key.length;
}

/** The order of two differing UTF-16 units as the UTF-8 bytes of their characters order them. */
function order(x: number, y: number): number {
  if (x >= 0xd800 && y >= 0xd800) return shift(x) - shift(y);
  return x - y;
}

function shift(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Where `key` falls against a chunk whose keys all share their first `shared` units: -1 before
 * every key, 1 after every key, 0 when it shares them too (then compares may start there).
 */
function against(chunk: string[], key: string, shared: number): number {
  const first = chunk[0]!;
  const start = keyStart(first);
  for (let i = 0; i < shared; i++) {
    if (i === key.length) return -1;
    const x = first.charCodeAt(start + i);
    const y = key.charCodeAt(i);
    if (x !== y) return order(y, x) < 0 ? -1 : 1;
  }
  return 0;
}

/** First index whose key is >= key. */
function lowerBound(chunk: string[], key: string, shared: number): number {
  const side = against(chunk, key, shared);
  if (side !== 0) return side < 0 ? 0 : chunk.length;
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEntry(chunk[mid]!, key, shared) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


/** How many leading units an entry's key and `key` share, up to `limit`. */
function commonPrefix(entry: string, key: string, limit: number): number {
  const start = keyStart(entry);
  const n = Math.min(limit, keyLength(entry), key.length);
  let i = 0;
  while (i < n && entry.charCodeAt(start + i) === key.charCodeAt(i)) i++;
  return i;
}

function sharedBy(chunk: string[]): number {
  const last = chunk[chunk.length - 1]!;
  return commonPrefix(chunk[0]!, keyOf(last), keyLength(last));
}
