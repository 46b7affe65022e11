import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SortedKeys } from '../../src/core/sorted-keys';

// deleteAll is UpdateKeys' all-or-nothing delete: every key goes, or (one missing) none does.
describe('SortedKeys.deleteAll', () => {
  it('matches a Map oracle, across chunk splits, and changes nothing when a key is missing', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 300 }),
        fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 20 }),
        (present, asked) => {
          const keys = new SortedKeys();
          const oracle = new Map<string, string>();
          for (const k of present) {
            keys.set(k, `v:${k}`);
            oracle.set(k, `v:${k}`);
          }
          const distinct = [...new Set(asked)];
          const before = [...keys.entries()];
          const result = keys.deleteAll(distinct);
          const missing = distinct.find((k) => !oracle.has(k));
          if (missing !== undefined) {
            expect(result).toEqual({ missing });
            expect([...keys.entries()]).toEqual(before);
          } else {
            expect(result).toEqual({ bytes: distinct.reduce((sum, k) => sum + Buffer.byteLength(k) + Buffer.byteLength(oracle.get(k)!), 0) });
            for (const k of distinct) oracle.delete(k);
            expect(keys.size).toBe(oracle.size);
            expect(new Map(keys.entries())).toEqual(oracle);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
