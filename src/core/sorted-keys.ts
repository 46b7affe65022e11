import { compareUtf8, utf8Length } from './utf8';

/** Entries per chunk at most: a seek ends with a binary search of one chunk's entries. */
const MAX_ENTRIES = 64;
/** UTF-16 units per chunk before it splits (a single larger pair stays whole): bounds what a write copies. */
const MAX_UNITS = 2048;

/** A put (with a value) or a delete (without) of one key, sought before anything changes. */
interface Edit {
  key: string;
  value: string | undefined;
  ascii: boolean;
  /** Where the seek landed: the chunk, and the key's index in it (or where it would go). */
  c: number;
  i: number;
  found: boolean;
}

/**
 * The keys of one store in UTF-8 byte order, with their values.
 *
 * The pairs sit in sorted chunks of at most 64, and each chunk is ONE flat string: its entries,
 * `header + key + value`, back to back, with an array of where each starts. Next to a string per
 * pair (16 bytes of header each) or a key string, a value string and a hash-map entry, a store of
 * 100,000 small pairs takes under 2x the bytes of its keys and values instead of 2.5x to 5x, and
 * neighbours stay neighbours in memory however the store was written: a page reads one or two
 * strings, not 50 scattered ones. Lookups binary-search the chunks' fences, then one chunk. A
 * write rebuilds each chunk it touches once (a batch groups its edits by chunk) and splits it
 * when it outgrows 64 entries or 2,048 units, so a write copies at most a few KB. Reads slice
 * keys and values out of the chunk.
 */
export class SortedKeys {
  private chunks: string[] = [];
  /** Per chunk, where each entry starts; an entry ends where the next starts (the last at the chunk's end). */
  private starts: number[][] = [];
  /** Per chunk, a key >= each of its keys and < each key of the next chunk: the seek's first level. */
  private fences: string[] = [];
  /** Per chunk, how many leading UTF-16 units all its keys share (at least): compares skip them. */
  private shared: number[] = [];
  private count = 0;
  /** Where the last `find` landed: the chunk (-1: nowhere), and the key's index in it (or where it would go). */
  private at = -1;
  private index = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): string | undefined {
    if (!this.find(key)) return undefined;
    const chunk = this.chunks[this.at]!;
    const starts = this.starts[this.at]!;
    const s = starts[this.index]!;
    return chunk.slice(keyStart(chunk, s) + keyLength(chunk, s), endOf(chunk, starts, this.index));
  }

  has(key: string): boolean {
    return this.find(key);
  }

  /**
   * Inserts or replaces. `bytes`, the UTF-8 bytes of key and value, saves counting them when the
   * caller did. Returns the UTF-8 bytes of the pair it replaced, or -1 when the key is new.
   */
  set(key: string, value: string, bytes = utf8Length(key) + utf8Length(value)): number {
    const found = this.find(key);
    const replaced = this.write([{ key, value, ascii: bytes === key.length + value.length, c: this.at, i: this.index, found }]);
    return found ? replaced : -1;
  }

  /** Removes a key; returns the UTF-8 bytes of the pair, or -1 when it was not there. */
  delete(key: string): number {
    if (!this.find(key)) return -1;
    return this.write([{ key, value: undefined, ascii: true, c: this.at, i: this.index, found: true }]);
  }

  /**
   * UpdateKeys' write: removes every one of `deletes` and sets every one of `puts` (`bytes[k]`
   * is the UTF-8 bytes of put k's key and value; all keys distinct), or changes nothing when a
   * delete names a key that is not there. Returns that key, or the UTF-8 bytes and the number
   * of the pairs the write removed or replaced. Each key is sought once, each chunk rebuilt once.
   */
  update(
    puts: ReadonlyArray<{ readonly Key: string; readonly Value: string }>,
    bytes: readonly number[],
    deletes: ReadonlyArray<{ readonly Key: string }>,
  ): { missing: string } | { bytes: number; pairs: number } {
    const edits: Edit[] = [];
    for (const { Key } of deletes) {
      if (!this.find(Key)) return { missing: Key };
      edits.push({ key: Key, value: undefined, ascii: true, c: this.at, i: this.index, found: true });
    }
    let pairs = deletes.length;
    for (let k = 0; k < puts.length; k++) {
      const { Key, Value } = puts[k]!;
      const found = this.find(Key);
      if (found) pairs++;
      edits.push({ key: Key, value: Value, ascii: bytes[k] === Key.length + Value.length, c: this.at, i: this.index, found });
    }
    return { bytes: edits.length === 0 ? 0 : this.write(edits), pairs };
  }

  /**
   * Fills an empty instance with distinct keys, in any order; returns the UTF-8 bytes of all
   * keys and values. Sorts once and builds full chunks, instead of one rebuild per pair.
   */
  load(pairs: Iterable<readonly [string, string]>): number {
    if (this.count !== 0) throw new Error('SortedKeys.load fills an empty instance only');
    const sorted = [...pairs];
    if (sorted.length === 0) return 0;
    if (!sorted.every((p, k) => k === 0 || compareUtf8(sorted[k - 1]![0], p[0]) < 0)) sorted.sort((x, y) => compareUtf8(x[0], y[0]));
    const edits: Edit[] = new Array(sorted.length);
    let bytes = 0;
    for (let k = 0; k < sorted.length; k++) {
      const [key, value] = sorted[k]!;
      const pair = utf8Length(key) + utf8Length(value);
      bytes += pair;
      edits[k] = { key, value, ascii: pair === key.length + value.length, c: 0, i: 0, found: false };
    }
    this.write(edits);
    return bytes;
  }

  clear(): void {
    this.chunks = [];
    this.starts = [];
    this.fences = [];
    this.shared = [];
    this.count = 0;
    this.at = -1;
  }

  /**
   * Up to `limit` entries with keys strictly after `after` (from the start when undefined),
   * each as `item(key, value)` makes it (a `[key, value]` pair by default), and whether more follow.
   */
  page(after: string | undefined, limit: number): { items: Array<[string, string]>; more: boolean };
  page<T>(after: string | undefined, limit: number, item: (key: string, value: string) => T): { items: T[]; more: boolean };
  page(after: string | undefined, limit: number, item: (key: string, value: string) => unknown = pair): { items: unknown[]; more: boolean } {
    let c = 0;
    let i = 0;
    if (after !== undefined) {
      // Right after `after`, where it is or would be.
      const found = this.find(after);
      c = this.at;
      i = found ? this.index + 1 : this.index;
    }
    // Sized up front: how many entries follow, counted a chunk at a time up to one past the page.
    let ahead = 0;
    for (let d = c; d < this.chunks.length && ahead <= limit; d++) ahead += this.starts[d]!.length - (d === c ? i : 0);
    const more = ahead > limit;
    const items: unknown[] = new Array(more ? limit : ahead);
    for (let k = 0; k < items.length; c++, i = 0) {
      const chunk = this.chunks[c]!;
      const starts = this.starts[c]!;
      const n = starts.length;
      for (; i < n && k < items.length; i++) {
        const s = starts[i]!;
        const start = keyStart(chunk, s);
        const split = start + keyLength(chunk, s);
        items[k++] = item(chunk.slice(start, split), chunk.slice(split, i + 1 < n ? starts[i + 1]! : chunk.length));
      }
      // The next page resumes after the last entry returned: its seek starts there.
      if (more && k === items.length) this.land(c, i - 1, true);
    }
    return { items, more };
  }

  /** Every entry in order. */
  *entries(): IterableIterator<[string, string]> {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const starts = this.starts[c]!;
      for (let i = 0; i < starts.length; i++) yield unpack(chunk, starts, i, pair);
    }
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
    if (c >= 0 && c < this.chunks.length) {
      const chunk = this.chunks[c]!;
      const starts = this.starts[c]!;
      const n = starts.length;
      // The entry after the last one found, then that one: equality is a native prefix test.
      const next = this.index + 1;
      if (next < n && sameKey(chunk, starts[next]!, key)) return this.land(c, next, true);
      if (next <= n && sameKey(chunk, starts[next - 1]!, key)) return this.land(c, next - 1, true);
      // A new key in key order goes right after the last one: strictly between it and the next.
      if (next < n && compareAt(chunk, starts[next - 1]!, key) < 0 && compareAt(chunk, starts[next]!, key) > 0) return this.land(c, next, false);
    }
    return this.seek(key);
  }

  private seek(key: string): boolean {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    if (chunk === undefined) return this.land(c, 0, false);
    const starts = this.starts[c]!;
    const i = lowerBound(chunk, starts, key, this.shared[c]!);
    return this.land(c, i, i < starts.length && compareAt(chunk, starts[i]!, key) === 0);
  }

  private land(c: number, i: number, found: boolean): boolean {
    this.at = c;
    this.index = i;
    return found;
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

  /**
   * Applies sought edits (distinct keys); returns the UTF-8 bytes of the pairs they replaced or
   * removed. Edits are grouped by chunk, and chunks rewritten from the last back: a chunk that
   * splits or empties out moves only the chunks after it.
   */
  private write(edits: Edit[]): number {
    if (this.chunks.length === 0) {
      // The one empty chunk the first keys go into; its fence rises to its last key.
      this.chunks.push('');
      this.starts.push([]);
      this.fences.push('');
      this.shared.push(0);
    }
    if (!inPlaceOrder(edits)) edits.sort(byPlace);
    let bytes = 0;
    for (let to = edits.length; to > 0; ) {
      const c = edits[to - 1]!.c;
      let from = to - 1;
      while (from > 0 && edits[from - 1]!.c === c) from--;
      bytes += this.rewrite(c, edits, from, to);
      to = from;
    }
    this.at = -1;
    return bytes;
  }

  /** Rebuilds chunk `c` with `edits[from..to)` (in place order), splitting it when it outgrows a chunk. */
  private rewrite(c: number, edits: Edit[], from: number, to: number): number {
    const chunk = this.chunks[c]!;
    const starts = this.starts[c]!;
    const n = starts.length;
    const last = c === this.chunks.length - 1;
    // The result's size, and the bytes of the pairs it drops.
    let count = n;
    let units = chunk.length;
    let bytes = 0;
    let appending = last;
    for (let k = from; k < to; k++) {
      const e = edits[k]!;
      if (e.found) {
        const s = starts[e.i]!;
        const end = endOf(chunk, starts, e.i);
        bytes += pairBytes(chunk, s, end);
        count--;
        units -= end - s;
      }
      if (e.found || e.i < n) appending = false;
      if (e.value !== undefined) {
        count++;
        units += headerLength(e.key.length) + e.key.length + e.value.length;
      }
    }
    this.count += count - n;
    if (count === 0) {
      // A fence may stay above the chunk's keys: it only has to stay below the next chunk's.
      this.chunks.splice(c, 1);
      this.starts.splice(c, 1);
      this.fences.splice(c, 1);
      this.shared.splice(c, 1);
      return bytes;
    }

    if (to - from === 1 && count <= MAX_ENTRIES && units <= MAX_UNITS) {
      this.patch(c, edits[from]!);
      return bytes;
    }

    // Entries per piece: the chunk, or even pieces that fit. Appending at the very end, as a
    // load of sorted keys does, fills pieces instead of leaving a trail of half-empty ones.
    let per = count;
    if (count > MAX_ENTRIES || (units > MAX_UNITS && count > 1)) {
      const fit = Math.max(1, Math.min(MAX_ENTRIES, Math.floor((MAX_UNITS * count) / units)));
      per = appending ? fit : Math.ceil(count / Math.ceil(count / fit));
    }
    const out = builder.begin(per, count);
    let next = 0; // the first old entry not yet copied or dropped
    for (let k = from; k < to; k++) {
      const e = edits[k]!;
      if (e.i > next) {
        out.copy(chunk, starts, next, e.i);
        next = e.i;
      }
      if (e.found) next = e.i + 1;
      if (e.value !== undefined) out.entry(e.key, e.value, e.ascii);
    }
    if (next < n) out.copy(chunk, starts, next, n);
    const { pieces, pieceStarts } = out.end();

    const m = pieces.length;
    const fences: string[] = new Array(m);
    const shared: number[] = new Array(m);
    for (let p = 0; p < m; p++) {
      const piece = pieces[p]!;
      const at = pieceStarts[p]!;
      const lastStart = at[at.length - 1]!;
      if (p < m - 1) fences[p] = keyAt(piece, lastStart);
      // Only the last chunk can receive a key beyond its fence.
      else fences[p] = last && compareAt(piece, lastStart, this.fences[c]!) > 0 ? keyAt(piece, lastStart) : this.fences[c]!;
      shared[p] = commonPrefix(piece, at[0]!, lastStart);
    }
    if (m === 1) {
      this.chunks[c] = pieces[0]!;
      this.starts[c] = pieceStarts[0]!;
      this.fences[c] = fences[0]!;
      this.shared[c] = shared[0]!;
    } else {
      this.chunks.splice(c, 1, ...pieces);
      this.starts.splice(c, 1, ...pieceStarts);
      this.fences.splice(c, 1, ...fences);
      this.shared.splice(c, 1, ...shared);
    }
    return bytes;
  }

  /**
   * One edit that leaves chunk `c` within bounds (and not empty): the chunk is rebuilt around it
   * and its starts array shifted in place, which saves a PutKey the piece builder's arrays.
   */
  private patch(c: number, e: Edit): void {
    const chunk = this.chunks[c]!;
    const starts = this.starts[c]!;
    const s = e.i < starts.length ? starts[e.i]! : chunk.length;
    const end = e.found ? endOf(chunk, starts, e.i) : s;
    let grown = s - end;
    if (e.value === undefined) {
      const before = chunk.slice(0, s);
      const after = chunk.slice(end);
      this.chunks[c] = before.length === 0 || after.length === 0 ? flatten([before + after]) : [before, after].join('');
      starts.splice(e.i, 1);
    } else {
      const head = header(e.key.length, e.ascii);
      this.chunks[c] = [chunk.slice(0, s), head, e.key, e.value, chunk.slice(end)].join('');
      grown += head.length + e.key.length + e.value.length;
      if (!e.found) starts.splice(e.i, 0, s);
    }
    for (let j = e.value === undefined ? e.i : e.i + 1; j < starts.length; j++) starts[j]! += grown;
    if (e.found) return;
    // A new key: it may share less with its neighbours, and only the last chunk can receive a
    // key beyond its fence.
    const piece = this.chunks[c]!;
    this.shared[c] = commonPrefix(piece, starts[0]!, starts[starts.length - 1]!);
    const lastStart = starts[starts.length - 1]!;
    if (c === this.chunks.length - 1 && compareAt(piece, lastStart, this.fences[c]!) > 0) this.fences[c] = keyAt(piece, lastStart);
  }
}

/** Whether edits are already in place order (a batch in key order is): sorting is then skipped. */
function inPlaceOrder(edits: Edit[]): boolean {
  for (let k = 1; k < edits.length; k++) if (byPlace(edits[k - 1]!, edits[k]!) > 0) return false;
  return true;
}

/**
 * Chunk, then index; at one index the new keys (in key order) go before the key that is there.
 * (Keys are distinct, so no two edits tie.)
 */
function byPlace(x: Edit, y: Edit): number {
  return x.c - y.c || x.i - y.i || Number(x.found) - Number(y.found) || compareUtf8(x.key, y.key);
}

/** Builds the pieces of a rewritten chunk: flat strings of `per` entries each (the last may hold fewer). */
class PieceBuilder {
  private per = 0;
  private left = 0;
  private parts: string[] = [];
  private starts: number[] = [];
  private filled = 0;
  private pos = 0;
  private pieces: string[] = [];
  private pieceStarts: number[][] = [];

  begin(per: number, count: number): this {
    this.per = per;
    this.left = count;
    this.pieces = [];
    this.pieceStarts = [];
    this.open();
    return this;
  }

  /** One new entry. */
  entry(key: string, value: string, ascii: boolean): void {
    const head = header(key.length, ascii);
    this.starts[this.filled++] = this.pos;
    this.parts.push(head, key, value);
    this.pos += head.length + key.length + value.length;
    this.advance(1);
  }

  /** Old entries `a..b` of a chunk, copied as spans that stop at piece boundaries. */
  copy(chunk: string, starts: number[], a: number, b: number): void {
    while (a < b) {
      const take = Math.min(b - a, this.per - this.filled);
      const from = starts[a]!;
      const to = endOf(chunk, starts, a + take - 1);
      for (let j = a; j < a + take; j++) this.starts[this.filled++] = starts[j]! - from + this.pos;
      this.parts.push(chunk.slice(from, to));
      this.pos += to - from;
      a += take;
      this.advance(take);
    }
  }

  end(): { pieces: string[]; pieceStarts: number[][] } {
    this.close();
    const out = { pieces: this.pieces, pieceStarts: this.pieceStarts };
    this.parts = [];
    this.pieces = [];
    this.pieceStarts = [];
    return out;
  }

  private advance(entries: number): void {
    this.left -= entries;
    if (this.filled === this.per && this.left > 0) {
      this.close();
      this.open();
    }
  }

  private open(): void {
    // Sized up front: an array grown by pushes keeps spare capacity in every chunk.
    this.starts = new Array(Math.min(this.per, this.left));
    this.filled = 0;
    this.pos = 0;
    this.parts = [];
  }

  private close(): void {
    this.pieces.push(flatten(this.parts));
    this.pieceStarts.push(this.starts);
  }
}

const builder = new PieceBuilder();

/**
 * One flat string of `parts`. join() copies into a new flat string, but returns a lone part
 * (empty ones aside) as it is, and a slice of 13 units or more is a view that holds on to the
 * whole string it was cut from: a lone part is cut in two first.
 */
function flatten(parts: string[]): string {
  if (parts.length === 1) {
    const only = parts[0]!;
    return only.length < 13 ? only : [only.slice(0, 1), only.slice(1)].join('');
  }
  return parts.join('');
}

/** A UTF-16 unit at or above U+D800: a surrogate or U+E000..U+FFFF. */
const HIGH_UNIT = /[\ud800-\uffff]/;

/*
 * An entry is `header + key + value`. The header gives the key's length in UTF-16 units and
 * whether the pair is all ASCII (then its UTF-8 bytes are its units, and no size needs a scan):
 * one character `0b0A_LLLLLL` for a key shorter than 64 units (A set: not ASCII), else three,
 * `0b1A_HHHHHH`, bits 8-15, bits 0-7. Every header character is below 0x100, so a chunk of
 * Latin-1 keys and values stays a one-byte string. An entry ends where the next one starts.
 */

const NOT_ASCII = 0x40;

function header(n: number, ascii: boolean): string {
  const flag = ascii ? 0 : NOT_ASCII;
  return n < 0x40 ? String.fromCharCode(flag | n) : String.fromCharCode(0x80 | flag | ((n >>> 16) & 0x3f), (n >>> 8) & 0xff, n & 0xff);
}

function headerLength(keyLength: number): number {
  return keyLength < 0x40 ? 1 : 3;
}

function endOf(chunk: string, starts: number[], i: number): number {
  return i + 1 < starts.length ? starts[i + 1]! : chunk.length;
}

function keyStart(chunk: string, s: number): number {
  return s + (chunk.charCodeAt(s) < 0x80 ? 1 : 3);
}

function keyLength(chunk: string, s: number): number {
  const c = chunk.charCodeAt(s);
  return c < 0x80 ? c & 0x3f : ((c & 0x3f) << 16) | (chunk.charCodeAt(s + 1) << 8) | chunk.charCodeAt(s + 2);
}

/** The UTF-8 bytes of the key and value of the entry at `s..end`: counted only when the pair is not ASCII. */
function pairBytes(chunk: string, s: number, end: number): number {
  const start = keyStart(chunk, s);
  if ((chunk.charCodeAt(s) & NOT_ASCII) === 0) return end - start;
  const split = start + keyLength(chunk, s);
  return utf8Length(chunk, start, split) + utf8Length(chunk, split, end);
}

/** The key of the entry at `s`, as a string of its own (a fence outlives the chunk it came from). */
function keyAt(chunk: string, s: number): string {
  const start = keyStart(chunk, s);
  return flatten([chunk.slice(start, start + keyLength(chunk, s))]);
}

/** Whether the key of the entry at `s` is `key`: its length from the header, then a native compare in place. */
function sameKey(chunk: string, s: number, key: string): boolean {
  const n = key.length;
  return n < 0x40 ? (chunk.charCodeAt(s) & 0xbf) === n && chunk.startsWith(key, s + 1) : keyLength(chunk, s) === n && chunk.startsWith(key, s + 3);
}

function unpack<T>(chunk: string, starts: number[], i: number, item: (key: string, value: string) => T): T {
  const s = starts[i]!;
  const start = keyStart(chunk, s);
  const split = start + keyLength(chunk, s);
  return item(chunk.slice(start, split), chunk.slice(split, endOf(chunk, starts, i)));
}

function pair(key: string, value: string): [string, string] {
  return [key, value];
}

/**
 * Compares the key of the entry at `s` with `key` in UTF-8 byte order, which is code point
 * order: plain UTF-16 order puts U+E000..U+FFFF after astral characters, so the first differing
 * pair of units at or above U+D800 is remapped (the same order as `compareUtf8`). The first
 * `from` units are known to be equal.
 */
function compareAt(chunk: string, s: number, key: string, from = 0): number {
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
function order(x: number, y: number): number {
  if (x >= 0xd800 && y >= 0xd800) return shift(x) - shift(y);
  return x - y;
}

function shift(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** First index whose key is >= key, in a chunk whose keys all share their first `shared` units. */
function lowerBound(chunk: string, starts: number[], key: string, shared: number): number {
  // Where `key` falls against the shared prefix: before every key, after every key, or among them.
  const first = keyStart(chunk, starts[0]!);
  for (let i = 0; i < shared; i++) {
    if (i === key.length) return 0;
    const x = chunk.charCodeAt(first + i);
    const y = key.charCodeAt(i);
    if (x !== y) return order(y, x) < 0 ? 0 : starts.length;
  }
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
function commonPrefix(chunk: string, a: number, b: number): number {
  const x = keyStart(chunk, a);
  const y = keyStart(chunk, b);
  const n = Math.min(keyLength(chunk, a), keyLength(chunk, b));
  let i = 0;
  while (i < n && chunk.charCodeAt(x + i) === chunk.charCodeAt(y + i)) i++;
  return i;
}
