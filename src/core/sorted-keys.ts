import { compareUtf8 } from './utf8';

/** Keys per chunk before it splits: big enough for cheap seeks, small enough for cheap splices. */
const MAX_CHUNK = 512;

/**
 * The keys of one store in UTF-8 byte order, with their values.
 *
 * Values live in a Map (O(1) get); order lives in sorted chunks of at most 512 keys, so an
 * insert or delete moves at most one chunk and a page seeks in O(log n) and scans in O(page).
 */
export class SortedKeys {
  private readonly values = new Map<string, string>();
  private chunks: string[][] = [];

  get size(): number {
    return this.values.size;
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Inserts or replaces; returns the previous value, if any. */
  set(key: string, value: string): string | undefined {
    const previous = this.values.get(key);
    this.values.set(key, value);
    if (previous === undefined) this.insertKey(key);
    return previous;
  }

  /** Removes a key; returns its value, if it was there. */
  delete(key: string): string | undefined {
    const previous = this.values.get(key);
    if (previous === undefined) return undefined;
    this.values.delete(key);
    const c = this.chunkFor(key);
    const chunk = this.chunks[c]!;
    chunk.splice(lowerBound(chunk, key), 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    return previous;
  }

  clear(): void {
    this.values.clear();
    this.chunks = [];
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
      if (chunk) {
        i = upperBound(chunk, after);
      }
    }
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i++) {
        if (items.length === limit) return { items, more: true };
        const key = chunk[i]!;
        items.push([key, this.values.get(key)!]);
      }
    }
    return { items, more: false };
  }

  /** Every entry in order. */
  *entries(): IterableIterator<[string, string]> {
    for (const chunk of this.chunks) for (const key of chunk) yield [key, this.values.get(key)!];
  }

  private insertKey(key: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      return;
    }
    const c = this.chunkFor(key);
    const chunk = this.chunks[c]!;
    chunk.splice(lowerBound(chunk, key), 0, key);
    if (chunk.length > MAX_CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(MAX_CHUNK >> 1));
  }

  /** Index of the first chunk whose last key is >= key (the last chunk when none is). */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (compareUtf8(chunk[chunk.length - 1]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** First index whose key is >= key. */
function lowerBound(chunk: string[], key: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareUtf8(chunk[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > key. */
function upperBound(chunk: string[], key: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareUtf8(chunk[mid]!, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
