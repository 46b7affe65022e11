import { utf8Length, compareUtf8 } from './utf8';
import { endOf, keyLength, keyStart, unpack } from './chunk-entries';
import { ChunkWriter, type Edit } from './chunk-writer';

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
export class SortedKeys extends ChunkWriter {
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
}

function pair(key: string, value: string): [string, string] {
  return [key, value];
}
