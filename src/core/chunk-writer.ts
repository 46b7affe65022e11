import { compareUtf8 } from './utf8';
import { commonPrefix, compareAt, endOf, flatten, header, headerLength, keyAt, pairBytes } from './chunk-entries';
import { ChunkIndex, rankAt } from './chunk-index';
import { PieceBuilder } from './piece-builder';

/** Entries per chunk at most: a seek ends with a binary search of one chunk's entries. */
const MAX_ENTRIES = 64;
/** UTF-16 units per chunk before it splits (a single larger pair stays whole): bounds what a write copies. */
const MAX_UNITS = 2048;

/** A put (with a value) or a delete (without) of one key, sought before anything changes. */
export interface Edit {
  key: string;
  value: string | undefined;
  ascii: boolean;
  /** Where the seek landed: the chunk, and the key's index in it (or where it would go). */
  c: number;
  i: number;
  found: boolean;
}

/**
 * The writes of a {@link SortedKeys}: sought edits grouped by chunk, each chunk rebuilt once,
 * patched in place while it stays within bounds, split when it outgrows them.
 */
export abstract class ChunkWriter extends ChunkIndex {
  /**
   * Applies sought edits (distinct keys); returns the UTF-8 bytes of the pairs they replaced or
   * removed. Edits are grouped by chunk, and chunks rewritten from the last back: a chunk that
   * splits or empties out moves only the chunks after it.
   */
  protected write(edits: Edit[]): number {
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
  protected rewrite(c: number, edits: Edit[], from: number, to: number): number {
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
  protected patchOne(c: number, e: Edit): void {
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
  protected patch(c: number, edits: Edit[], from: number, to: number): void {
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
