import { compareUtf8 } from './utf8';
import { against, compareAt, flatten, lowerBound, sameKey } from './chunk-entries';

/** A UTF-16 unit at or above U+D800: a surrogate or U+E000..U+FFFF. */
const HIGH_UNIT = /[\ud800-\uffff]/;

/**
 * The chunks of a {@link SortedKeys} and how a key is sought in them: the ranks of the fences,
 * the fences where ranks tie, then one chunk's entries. The edits that change the chunks are
 * in `chunk-writer.ts`, the public API in `sorted-keys.ts`.
 */
export abstract class ChunkIndex {
  protected chunks: string[] = [];
  /** Per chunk, where each entry starts; an entry ends where the next starts (the last at the chunk's end). */
  protected starts: number[][] = [];
  /** Per chunk, a key >= each of its keys and < each key of the next chunk: the seek's first level. */
  protected fences: string[] = [];
  /** Per chunk, how many leading UTF-16 units all its keys share (at least): compares skip them. */
  protected shared: number[] = [];
  /** What every fence starts with: the units of a key right after it rank its chunk. */
  protected root = '';
  /**
   * Per chunk, the rank of its fence's four units after `root` (`rankAt`), as a number: the
   * fence search compares these, which sit together in memory, and reads a fence (a string of
   * its own, anywhere in the heap) only among chunks whose ranks tie with the key's.
   */
  protected ranks: number[] = [];

  protected count = 0;
  /** Where the last `find` landed: the chunk (-1: nowhere), and the key's index in it (or where it would go). */
  protected at = -1;
  protected index = 0;

  /**
   * Seeks `key`: leaves its chunk and index (or where it would be inserted) in `at`/`index`
   * and tells whether it is there. Where the last seek (or page) landed, and the entry after
   * it, are tried first: a write often follows a read of the same key, a batch often goes in
   * key order, and a page resumes after the last one. A guess is taken only when the entries
   * around it prove it right; each costs a compare or two, a miss costs the seek.
   */
  protected find(key: string): boolean {
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

  protected seek(key: string): boolean {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    if (chunk === undefined) return this.land(c, 0, false);
    const starts = this.starts[c]!;
    const i = lowerBound(chunk, starts, key, this.shared[c]!);
    return this.land(c, i, i < starts.length && compareAt(chunk, starts[i]!, key) === 0);
  }

  protected land(c: number, i: number, found: boolean): boolean {
    this.at = c;
    this.index = i;
    return found;
  }

  /** Index of the first chunk whose fence is >= key (the last chunk when none is). */
  protected chunkFor(key: string): number {
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
  protected setFence(c: number, fence: string): void {
    this.fences[c] = fence;
    this.ranks[c] = rankAt(fence, this.root.length);
  }

  /**
   * After a write: when the fences' common start has changed (a fence left it, or the chunks
   * at either end changed), it and every rank are worked out again. Fences only change where
   * chunks split, empty out or grow at the end, so this is rare; ranks set in between are
   * right whenever the common start held.
   */
  protected settle(): void {
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
}

/**
 * The rank of the four units of `s` from `from`, as one number that orders as the strings do:
 * 13 bits a unit, 52 in all, exact in a double. A unit counts as itself plus one (a missing one
 * as 0, below every unit); one at or above U+1FFE, where 13 bits end (and where UTF-8 order
 * starts to differ from UTF-16 order), counts as the top value and ends the rank, so strings in
 * order have ranks in order or tied, and a tie is settled by comparing the strings.
 */
export function rankAt(s: string, from: number): number {
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
