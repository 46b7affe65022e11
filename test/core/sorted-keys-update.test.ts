import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SortedKeys } from '../../src/core/sorted-keys';

const bytesOf = (key: string, value: string) => Buffer.byteLength(key) + Buffer.byteLength(value);
const sorted = (m: Map<string, string>) => [...m].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

// Short keys over a small alphabet collide often; some keys are 64+ units (the 3-unit header)
// and some values long, so chunks split on their size as well as on their count.
const key = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'é', '\ue000', '😀'), minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b', 'c').map((c) => c.repeat(70)) },
);
const value = fc.oneof({ weight: 6, arbitrary: fc.string({ maxLength: 4 }) }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(900), 'ü'.repeat(300)) });

// update is UpdateKeys' all-or-nothing write: every delete and put applies, or (a delete of a
// missing key) none does; a batch edits many entries of one chunk at once and may split it in
// several pieces or empty it.
describe('SortedKeys.update', () => {
  it('matches a Map oracle over batches, and changes nothing when a delete names a missing key', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 300 }),
        fc.array(fc.record({ puts: fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 120 }), deletes: fc.uniqueArray(key, { maxLength: 30 }) }), { maxLength: 6 }),
        (initial, batches) => {
          const keys = new SortedKeys();
          const oracle = new Map<string, string>();
          for (const [k, v] of initial) {
            keys.set(k, v);
            oracle.set(k, v);
          }
          for (const batch of batches) {
            const puts = batch.puts.filter(([k]) => !batch.deletes.includes(k)).map(([Key, Value]) => ({ Key, Value }));
            const deletes = batch.deletes.map((Key) => ({ Key }));
            const before = [...keys.entries()];
            const result = keys.update(puts, puts.map((p) => bytesOf(p.Key, p.Value)), deletes);
            const missing = batch.deletes.find((k) => !oracle.has(k));
            if (missing !== undefined) {
              expect(result).toEqual({ missing });
              expect([...keys.entries()]).toEqual(before);
              continue;
            }
            const old = [...deletes, ...puts].filter((d) => oracle.has(d.Key));
            expect(result).toEqual({ bytes: old.reduce((sum, d) => sum + bytesOf(d.Key, oracle.get(d.Key)!), 0), pairs: old.length });
            for (const d of deletes) oracle.delete(d.Key);
            for (const p of puts) oracle.set(p.Key, p.Value);
            expect(keys.size).toBe(oracle.size);
            expect([...keys.entries()]).toEqual(sorted(oracle));
            for (const [k, v] of oracle) expect(keys.get(k)).toBe(v);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a batch of 500 new keys into one chunk splits it into full, ordered chunks that page correctly', () => {
    const keys = new SortedKeys();
    keys.set('a', '0');
    keys.set('z', '0');
    const puts = Array.from({ length: 500 }, (_, i) => ({ Key: `m${String(499 - i).padStart(3, '0')}`, Value: `${i}` }));
    expect(keys.update(puts, puts.map((p) => bytesOf(p.Key, p.Value)), [])).toEqual({ bytes: 0, pairs: 0 });
    const all = [...keys.entries()].map(([k]) => k);
    expect(all).toEqual(['a', ...Array.from({ length: 500 }, (_, i) => `m${String(i).padStart(3, '0')}`), 'z']);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { items, more } = keys.page(after, 7);
      seen.push(...items.map(([k]) => k));
      if (!more) break;
      after = items[items.length - 1]![0];
    }
    expect(seen).toEqual(all);
  });
});

describe('SortedKeys.load', () => {
  it('fills an empty instance from pairs in any order, as the same sets would', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 400 }), (pairs) => {
        const loaded = new SortedKeys();
        const bytes = loaded.load(pairs);
        const set = new SortedKeys();
        for (const [k, v] of pairs) set.set(k, v);
        expect(bytes).toBe(pairs.reduce((sum, [k, v]) => sum + bytesOf(k, v), 0));
        expect(loaded.size).toBe(pairs.length);
        expect([...loaded.entries()]).toEqual([...set.entries()]);
        for (const [k, v] of pairs) expect(loaded.get(k)).toBe(v);
        // And it stays a working instance.
        if (pairs.length > 0) {
          const [k] = pairs[0]!;
          expect(loaded.delete(k)).toBe(bytesOf(k, pairs[0]![1]));
          expect(loaded.has(k)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an instance that already has keys', () => {
    const keys = new SortedKeys();
    keys.set('a', '1');
    expect(() => keys.load([['b', '2']])).toThrow('SortedKeys.load fills an empty instance only');
  });
});
