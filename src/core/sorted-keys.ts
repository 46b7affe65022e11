import { compareUtf8, utf8Length } from './utf8';
import {
  against,
  commonPrefix,
  compareAt,
  endOf,
  flatten,
  header,
  headerLength,
  keyAt,
  keyLength,
  keyStart,
  lowerBound,
  pairBytes,
  sameKey,
  unpack,
} from './chunk-entries';
import { PieceBuilder } from './piece-builder';

/** Entries per chunk at most: a seek ends with a binary search of one chunk's entries. */
const MAX_ENTRIES = 64;
/** UTF-16 units per chunk before it splits (a single larger pair stays whole): bounds what a write copies. */
const MAX_UNITS = 2048;
/** A UTF-16 unit at or above U+D800: a surrogate or U+E000..U+FFFF. */
const HIGH_UNIT = /[\ud800-\uffff]/;

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
 * strings, not 50 scattered ones. A seek binary-searches the chunks' ranks (each fence's first
 * units after the start all fences share, packed in a number: an array of numbers, not strings
 * all over the heap), compares fences only where ranks tie, then binary-searches one chunk. A
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
  /** What every fence starts with: the units of a key right after it rank its chunk. */
  private root = '';
  /**
   * Per chunk, the rank of its fence's four units after `root` (`rankAt`), as a number: the
   * fence search compares these, which sit together in memory, and reads a fence (a string of
   * its own, anywhere in the heap) only among chunks whose ranks tie with the key's.
   */
  private ranks: number[] = [];

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
    this.root = '';
    this.ranks = [];
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
    const last = this.fences.length - 1;
    const root = this.root;
    // A key that leaves the fences' common start goes before or after every fence.
    if (!key.startsWith(root)) return against(key, root, 0, root.length) < 0 ? 0 : last;
    const rank = rankAt(key, root.length);
    const ranks = this.ranks;
    // The first chunk ranked at or above the key; below the key's rank, fences are below the
    // key, and above it, above.
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[mid]! < rank) lo = mid + 1;
      else hi = mid;
    }
    if (ranks[lo] !== rank) return lo;
    // Fences of the key's rank: the answer is one of them or the first chunk ranked above.
    hi = last;
    for (let top = lo; top < hi; ) {
      const mid = (top + hi + 1) >> 1;
      if (ranks[mid]! > rank) hi = mid - 1;
      else top = mid;
    }
    if (hi < last) hi++;
    // Against a key with no unit at or above U+D800, UTF-16 order is UTF-8 order (compareUtf8
    // remaps only pairs of such units), so the engine's own comparison will do, 3x cheaper.
    const native = !HIGH_UNIT.test(key);
    const fences = this.fences;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (native ? fences[mid]! < key : compareUtf8(fences[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A new fence for chunk `c`, ranked against the current start (`settle` checks that start after the write). */
  private setFence(c: number, fence: string): void {
    this.fences[c] = fence;
    this.ranks[c] = rankAt(fence, this.root.length);
  }

  /**
   * After a write: when the fences' common start has changed (a fence left it, or the chunks
   * at either end changed), it and every rank are worked out again. Fences only change where
   * chunks split, empty out or grow at the end, so this is rare; ranks set in between are
   * right whenever the common start held.
   */
  private settle(): void {
    const fences = this.fences;
    const root = this.root;
    if (fences.length === 0) {
      this.root = '';
      return;
    }
    const first = fences[0]!;
    const last = fences[fences.length - 1]!;
    const n = Math.min(first.length, last.length);
    let r = 0;
    while (r < n && first.charCodeAt(r) === last.charCodeAt(r)) r++;
    if (r === root.length && first.startsWith(root)) return;
    this.root = flatten([first.slice(0, r)]);
    for (let c = 0; c < fences.length; c++) this.ranks[c] = rankAt(fences[c]!, r);
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
      this.ranks.push(rankAt('', this.root.length));
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
    this.settle();
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
      this.ranks.splice(c, 1);
      return bytes;
    }

    if (count <= MAX_ENTRIES && units <= MAX_UNITS) {
      if (to - from === 1) this.patchOne(c, edits[from]!);
      else this.patch(c, edits, from, to);
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
      this.shared[c] = shared[0]!;
      this.setFence(c, fences[0]!);
    } else {
      this.chunks.splice(c, 1, ...pieces);
      this.starts.splice(c, 1, ...pieceStarts);
      this.fences.splice(c, 1, ...fences);
      this.shared.splice(c, 1, ...shared);
      this.ranks.splice(c, 1, ...fences.map((fence) => rankAt(fence, this.root.length)));
    }
    return bytes;
  }

  /**
   * One edit that leaves chunk `c` within bounds (and not empty), as PutKey and DeleteKey make:
   * the chunk is joined around it and the starts after it shifted in place (`patch` does any
   * number of edits, but walks the starts after the first one twice).
   */
  private patchOne(c: number, e: Edit): void {
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
    if (c === this.chunks.length - 1 && compareAt(piece, lastStart, this.fences[c]!) > 0) this.setFence(c, keyAt(piece, lastStart));
  }

  /**
   * Several edits that leave chunk `c` within bounds (and not empty): one join builds the new
   * chunk, and its starts from the first edit on are worked out in scratch space, where the
   * piece builder would allocate a new array per piece.
   */
  private patch(c: number, edits: Edit[], from: number, to: number): void {
    const chunk = this.chunks[c]!;
    const starts = this.starts[c]!;
    const n = starts.length;
    const parts = scratchParts;
    parts.length = 0;
    // Entries before the first edit keep their place and their start: they are left as they are.
    const kept = edits[from]!.i;
    let w = kept; // entries of the result placed (from `kept` on, in `scratchStarts`)
    let pos = kept < n ? starts[kept]! : chunk.length; // units of the result placed
    let next = kept; // the first old entry not yet copied or dropped
    if (kept > 0) parts.push(chunk.slice(0, pos));
    let added = false;
    for (let k = from; k <= to; k++) {
      // Old entries up to the next edit's place (up to the end after the last edit), as one span.
      const e = k < to ? edits[k]! : undefined;
      const upTo = e === undefined ? n : e.i;
      if (upTo > next) {
        const a = starts[next]!;
        const b = upTo < n ? starts[upTo]! : chunk.length;
        for (let j = next; j < upTo; j++) scratchStarts[w++] = starts[j]! - a + pos;
        parts.push(chunk.slice(a, b));
        pos += b - a;
        next = upTo;
      }
      if (e === undefined) break;
      if (e.found) next = e.i + 1;
      if (e.value !== undefined) {
        const head = header(e.key.length, e.ascii);
        scratchStarts[w++] = pos;
        parts.push(head, e.key, e.value);
        pos += head.length + e.key.length + e.value.length;
        added ||= !e.found;
      }
    }
    const piece = flatten(parts);
    parts.length = 0;
    this.chunks[c] = piece;
    // The same count: the starts array is rewritten in place (in a large store it has long
    // been promoted, and a new one would be copied by the next scavenge). Else a new one of the
    // exact size (one grown by pushes keeps spare capacity).
    let result = starts;
    if (w !== n) {
      result = new Array<number>(w);
      for (let j = 0; j < kept; j++) result[j] = starts[j]!;
    }
    for (let j = kept; j < w; j++) result[j] = scratchStarts[j]!;
    this.starts[c] = result;
    if (!added) return;
    // New keys: they may share less with their neighbours, and only the last chunk can receive
    // a key beyond its fence.
    const first = result[0]!;
    const last = result[w - 1]!;
    this.shared[c] = commonPrefix(piece, first, last);
    if (c === this.chunks.length - 1 && compareAt(piece, last, this.fences[c]!) > 0) this.setFence(c, keyAt(piece, last));
  }
}

/** Scratch space for `patch`: a chunk's parts and new starts, reused across writes. */
const scratchParts: string[] = [];
const scratchStarts: number[] = new Array<number>(MAX_ENTRIES).fill(0);

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

/** One builder for every store: a rewrite runs to its end before the next one starts. */
const builder = new PieceBuilder();

function pair(key: string, value: string): [string, string] {
  return [key, value];
}

/**
 * The rank of the four units of `s` from `from`, as one number that orders as the strings do:
 * 13 bits a unit, 52 in all, exact in a double. A unit counts as itself plus one (a missing one
 * as 0, below every unit); one at or above U+1FFE, where 13 bits end (and where UTF-8 order
 * starts to differ from UTF-16 order), counts as the top value and ends the rank, so strings in
 * order have ranks in order or tied, and a tie is settled by comparing the strings.
 */
function rankAt(s: string, from: number): number {
  let rank = 0;
  let open = true;
  for (let i = from; i < from + 4; i++) {
    let weight = 0;
    if (open && i < s.length) {
      const unit = s.charCodeAt(i);
      weight = unit < 0x1ffe ? unit + 1 : 0x1fff;
      open = unit < 0x1ffe;
    }
    rank = rank * 0x2000 + weight;
  }
  return rank;
}
