import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SortedKeys } from '../../src/core/sorted-keys';
import { Random } from '../../src/core/random';

/** The oracle: a Map, sorted on demand by UTF-8 bytes. */
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const sortedEntries = (model: Map<string, string>) => [...model].sort(([a], [b]) => byUtf8(a, b));

/** Every page of `limit` from the start, as the ListKeys operation reads them. */
function pages(keys: SortedKeys, limit: number): Array<Array<[string, string]>> {
  const out: Array<Array<[string, string]>> = [];
  let after: string | undefined;
  for (;;) {
    const { items, more } = keys.page(after, limit);
    out.push(items);
    if (!more) return out;
    after = items[items.length - 1]![0];
  }
}

/** Keys from a small alphabet with astral and U+E000.. characters: byte order differs from UTF-16 order. */
const ALPHABET = ['a', 'b', 'é', '\ue000', '\uffff', '😀', '𝄞', '日'];
function keyOf(random: Random): string {
  let key = '';
  const length = 1 + (random.next() % 4);
  for (let i = 0; i < length; i++) key += ALPHABET[random.next() % ALPHABET.length];
  return key;
}

describe('SortedKeys', () => {
  it('starts empty', () => {
    const keys = new SortedKeys();
    expect(keys.size).toBe(0);
    expect(keys.get('a')).toBeUndefined();
    expect(keys.has('a')).toBe(false);
    expect(keys.delete('a')).toBe(-1);
    expect(keys.page(undefined, 10)).toEqual({ items: [], more: false });
    expect(keys.page('a', 10)).toEqual({ items: [], more: false });
    expect([...keys.entries()]).toEqual([]);
  });

  it('set and delete return the UTF-8 bytes of the pair they replaced or removed, -1 when there was none', () => {
    const keys = new SortedKeys();
    expect(keys.set('k', '1')).toBe(-1);
    expect(keys.set('k', '2')).toBe(2);
    expect(keys.set('k', 'é😀')).toBe(2);
    expect(keys.set('k', '')).toBe(1 + 2 + 4);
    expect(keys.set('ü'.repeat(200), 'x')).toBe(-1);
    expect(keys.set('ü'.repeat(200), '')).toBe(401);
    expect(keys.size).toBe(2);
    expect(keys.get('k')).toBe('');
    expect(keys.delete('k')).toBe(1);
    expect(keys.delete('k')).toBe(-1);
    expect(keys.delete('ü'.repeat(200))).toBe(400);
    expect(keys.size).toBe(0);
    // Every header form: short and long keys, ASCII pairs and not.
    for (const key of ['a'.repeat(63), 'a'.repeat(64), 'a'.repeat(70_000), 'é', 'é'.repeat(64)]) {
      for (const value of ['', 'ascii', 'ß']) {
        expect(keys.set(key, value)).toBe(-1);
        expect(keys.get(key)).toBe(value);
        expect([...keys.entries()]).toEqual([[key, value]]);
        expect(keys.delete(key)).toBe(Buffer.byteLength(key) + Buffer.byteLength(value));
      }
    }
  });

  it('holds Object.prototype names as plain keys', () => {
    const keys = new SortedKeys();
    for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(keys.has(k)).toBe(false);
      keys.set(k, k.toUpperCase());
    }
    expect([...keys.entries()]).toEqual([
      ['__proto__', '__PROTO__'],
      ['constructor', 'CONSTRUCTOR'],
      ['hasOwnProperty', 'HASOWNPROPERTY'],
      ['toString', 'TOSTRING'],
    ]);
  });

  it('matches a sorted Map over thousands of random inserts, updates and deletes (chunks split and empty)', () => {
    const random = new Random('sorted-keys');
    const keys = new SortedKeys();
    const model = new Map<string, string>();
    const wrong: string[] = [];
    for (let step = 0; step < 20_000; step++) {
      // Grow for a while, then shrink, so chunks both split and empty out.
      const grow = step < 12_000 ? 3 : 1;
      const key = step % 7 === 0 ? `k${random.next() % 5000}` : keyOf(random);
      if (random.next() % (grow + 1) !== 0) {
        const value = `v${step}`;
        const previous = model.get(key);
        const replaced = previous === undefined ? -1 : Buffer.byteLength(key) + Buffer.byteLength(previous);
        if (keys.set(key, value) !== replaced) wrong.push(`set ${key} at step ${step}`);
        model.set(key, value);
      } else {
        const had = model.get(key);
        if (keys.delete(key) !== (had === undefined ? -1 : Buffer.byteLength(key) + Buffer.byteLength(had))) wrong.push(`delete ${key} at step ${step}`);
        model.delete(key);
      }
      if (step % 4_000 === 0 || step === 19_999) {
        expect(wrong).toEqual([]);
        expect(keys.size).toBe(model.size);
        expect([...keys.entries()]).toEqual(sortedEntries(model));
      }
    }
    expect(model.size).toBeGreaterThan(1_000);
    const expected = sortedEntries(model);
    for (const limit of [1, 7, 10, 50, 512, 513, 10_000]) expect(pages(keys, limit).flat()).toEqual(expected);
  });

  it('pages: exactly `limit` items while more follow, and `more` is false on the last page even when full', () => {
    const keys = new SortedKeys();
    for (let i = 0; i < 1_030; i++) keys.set(`k${String(i).padStart(4, '0')}`, `${i}`);
    const bySize = pages(keys, 10);
    expect(bySize).toHaveLength(103);
    expect(bySize.every((p) => p.length === 10)).toBe(true);
    expect(keys.page('k1019', 10)).toEqual({ items: Array.from({ length: 10 }, (_, i) => [`k${1020 + i}`, `${1020 + i}`]), more: false });
    expect(keys.page('k1029', 10)).toEqual({ items: [], more: false });
  });

  it('resumes after a position that is not (or no longer) a key', () => {
    const keys = new SortedKeys();
    for (const k of ['b', 'd', 'f', '😀']) keys.set(k, k);
    expect(keys.page('a', 2)).toEqual({ items: [['b', 'b'], ['d', 'd']], more: true });
    expect(keys.page('c', 2)).toEqual({ items: [['d', 'd'], ['f', 'f']], more: true });
    expect(keys.page('e', 5)).toEqual({ items: [['f', 'f'], ['😀', '😀']], more: false });
    // U+E000 sorts before astral characters in UTF-8.
    expect(keys.page('\ue000', 5)).toEqual({ items: [['😀', '😀']], more: false });
    expect(keys.page('\u{10ffff}', 5)).toEqual({ items: [], more: false });
    expect(keys.page('', 1)).toEqual({ items: [['b', 'b']], more: true });
  });

  it('resumes correctly across chunk boundaries after deletes', () => {
    const keys = new SortedKeys();
    const all = Array.from({ length: 3_000 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    for (const k of all) keys.set(k, k);
    // Delete whole runs, so some chunks empty out entirely.
    for (const k of all.slice(200, 1_400)) keys.delete(k);
    const left = [...all.slice(0, 200), ...all.slice(1_400)];
    for (const position of ['k0199', 'k0200', 'k0700', 'k1399', 'k1400', 'k2999', 'k']) {
      const start = left.findIndex((k) => k > position);
      expect(keys.page(position, 3).items.map(([k]) => k)).toEqual(start < 0 ? [] : left.slice(start, start + 3));
    }
  });

  it('clear empties everything', () => {
    const keys = new SortedKeys();
    for (let i = 0; i < 600; i++) keys.set(`k${i}`, '');
    keys.clear();
    expect(keys.size).toBe(0);
    expect(keys.page(undefined, 10)).toEqual({ items: [], more: false });
    keys.set('again', '1');
    expect([...keys.entries()]).toEqual([['again', '1']]);
  });

  it('property: any sequence of operations matches the oracle, and so does every page', () => {
    const key = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 3 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.string({ maxLength: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (ops, limit) => {
        const keys = new SortedKeys();
        const model = new Map<string, string>();
        for (const o of ops) {
          if (o.kind === 'set') {
            keys.set(o.key, o.value);
            model.set(o.key, o.value);
          } else {
            keys.delete(o.key);
            model.delete(o.key);
          }
        }
        expect(pages(keys, limit).flat()).toEqual(sortedEntries(model));
        expect(keys.size).toBe(model.size);
      }),
      { numRuns: 300 },
    );
  });
});
