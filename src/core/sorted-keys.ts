import { compareUtf8 } from './utf8';

/** Entries per chunk before it splits: small enough for few cold reads per seek and cheap splices. */
const MAX_CHUNK = 128;

/**
 * The keys of one store in UTF-8 byte order, with their values.
 *
 * Each pair is kept as one flat string, `header + key + value`, where the header says how long
 * the key is; the entries sit in sorted chunks of at most 512. One string per pair instead of a
 * key string, a value string and a hash-map entry is what keeps a store of 100,000 small pairs
 * near 2.6x the bytes it holds instead of 5x (a V8 string costs 16 bytes before its first
 * character). Lookups binary-search the chunks: get, insert and delete are O(log n) (an insert
 * moves at most one chunk) and a page seeks in O(log n) and scans in O(page).
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
  /** Tells this instance's entries apart in the shared cache of recent positions. */
  private readonly id = ++instances;

  get size(): number {
    return this.count;
  }

  get(key: string): string | undefined {
    return this.find(key) ? valueOf(this.chunks[this.at]![this.index]!) : undefined;
  }

  has(key: string): boolean {
    return this.find(key);
  }

  /** Inserts or replaces; returns the previous value, if any. */
  set(key: string, value: string): string | undefined {
    const entry = pack(key, value);
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      this.fences.push(key);
      this.shared.push(key.length);
      this.count = 1;
      return undefined;
    }
    const found = this.find(key);
    const c = this.at;
    const i = this.index;
    const chunk = this.chunks[c]!;
    if (found) {
      const previous = valueOf(chunk[i]!);
      chunk[i] = entry;
      return previous;
    }
    const shared = commonPrefix(chunk[0]!, key, this.shared[c]!);
    if (shared < this.shared[c]!) this.shared[c] = shared;
    chunk.splice(i, 0, entry);
    this.count++;
    // Only the last chunk can receive a key beyond its fence.
    if (compareUtf8(this.fences[c]!, key) < 0) this.fences[c] = key;
    if (chunk.length > MAX_CHUNK) this.split(c, i === MAX_CHUNK && c === this.chunks.length - 1);
    return undefined;
  }

  /** Removes a key; returns its value, if it was there. */
  delete(key: string): string | undefined {
    if (!this.find(key)) return undefined;
    const c = this.at;
    const chunk = this.chunks[c]!;
    const previous = valueOf(chunk[this.index]!);
    chunk.splice(this.index, 1);
    this.count--;
    // A fence may stay above the chunk's keys: it only has to stay below the next chunk's.
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
      this.fences.splice(c, 1);
      this.shared.splice(c, 1);
    }
    return previous;
  }

  clear(): void {
    this.chunks = [];
    this.fences = [];
    this.shared = [];
    this.count = 0;
  }

  /**
   * Up to `limit` entries with keys strictly after `after` (from the start when undefined),
   * and whether more follow.
   */
  page(after: string | undefined, limit: number): { items: Array<[string, string]>; more: boolean } {
    const items: Array<[string, string]> = [];
    let c = 0;
    let i = 0;
    if (after !== undefined) {
      c = this.chunkFor(after);
      const chunk = this.chunks[c];
      if (chunk) i = upperBound(chunk, after, this.shared[c]!);
    }
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i++) {
        if (items.length === limit) return { items, more: true };
        items.push(unpack(chunk[i]!));
      }
    }
    return { items, more: false };
  }

  /** Every entry in order. */
  *entries(): IterableIterator<[string, string]> {
    for (const chunk of this.chunks) for (const entry of chunk) yield unpack(entry);
  }

  /**
   * Seeks `key`: leaves its chunk and index (or where it would be inserted) in `at`/`index`
   * and tells whether it is there. A write usually follows a read of the same key (PutKey and
   * UpdateKeys read the old value first), so found positions are remembered in a small shared
   * cache and checked against the entry actually there before use.
   */
  private find(key: string): boolean {
    const slot = slotOf(key);
    if (recentKey[slot] === key && recentOwner[slot] === this.id) {
      const c = recentChunk[slot]!;
      const i = recentIndex[slot]!;
      const chunk = this.chunks[c];
      if (chunk !== undefined && i < chunk.length && compareEntry(chunk[i]!, key) === 0) {
        this.at = c;
        this.index = i;
        return true;
      }
    }
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    this.at = c;
    if (chunk === undefined) {
      this.index = 0;
      return false;
    }
    const i = lowerBound(chunk, key, this.shared[c]!);
    this.index = i;
    if (i === chunk.length || compareEntry(chunk[i]!, key) !== 0) return false;
    recentKey[slot] = key;
    recentOwner[slot] = this.id;
    recentChunk[slot] = c;
    recentIndex[slot] = i;
    return true;
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
    const fences = this.fences;
    let lo = 0;
    let hi = fences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareUtf8(fences[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The shared cache of found positions: by slot, the key, its owner's id, its chunk and index. */
const SLOTS = 256;
const recentKey: Array<string | undefined> = new Array(SLOTS).fill(undefined);
const recentOwner = new Float64Array(SLOTS);
const recentChunk = new Int32Array(SLOTS);
const recentIndex = new Int32Array(SLOTS);
let instances = 0;

/** A cheap hash of a key's length and last characters (where keys of one store differ most). */
function slotOf(key: string): number {
  const n = key.length;
  let h = n;
  for (let i = n > 6 ? n - 6 : 0; i < n; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return (h ^ (h >>> 8)) & (SLOTS - 1);
}

/*
 * An entry is `header + key + value`. The header is the key's length in UTF-16 units: one
 * character below 0x80, else three (0x80 + bits 16-22, bits 8-15, bits 0-7). Every header
 * character is below 0x100, so a pair of Latin-1 strings stays a one-byte string.
 */

function pack(key: string, value: string): string {
  const n = key.length;
  const header = n < 0x80 ? String.fromCharCode(n) : String.fromCharCode(0x80 + (n >>> 16), (n >>> 8) & 0xff, n & 0xff);
  // join() builds one flat string; `+` would keep a rope that holds on to both halves.
  return [header, key, value].join('');
}

function keyStart(entry: string): number {
  return entry.charCodeAt(0) < 0x80 ? 1 : 3;
}

function keyLength(entry: string): number {
  const c = entry.charCodeAt(0);
  return c < 0x80 ? c : ((c - 0x80) << 16) | (entry.charCodeAt(1) << 8) | entry.charCodeAt(2);
}

function valueOf(entry: string): string {
  return entry.slice(keyStart(entry) + keyLength(entry));
}

function keyOf(entry: string): string {
  const start = keyStart(entry);
  return entry.slice(start, start + keyLength(entry));
}

function unpack(entry: string): [string, string] {
  const c = entry.charCodeAt(0);
  if (c < 0x80) return [entry.slice(1, 1 + c), entry.slice(1 + c)];
  const end = 3 + (((c - 0x80) << 16) | (entry.charCodeAt(1) << 8) | entry.charCodeAt(2));
  return [entry.slice(3, end), entry.slice(end)];
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
  let length = c;
  if (c >= 0x80) {
    start = 3;
    length = ((c - 0x80) << 16) | (entry.charCodeAt(1) << 8) | entry.charCodeAt(2);
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

/** First index whose key is > key. */
function upperBound(chunk: string[], key: string, shared: number): number {
  const side = against(chunk, key, shared);
  if (side !== 0) return side < 0 ? 0 : chunk.length;
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEntry(chunk[mid]!, key, shared) <= 0) lo = mid + 1;
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
