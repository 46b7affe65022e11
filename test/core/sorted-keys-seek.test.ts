import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SortedKeys } from '../../src/core/sorted-keys';

const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// Real stores' keys share a start ('redirects/', 'k00...'): every chunk's keys then share it,
// and a seek skips what a chunk's keys share. Keys here share one of these starts, with short
// tails over an alphabet whose UTF-8 order differs from UTF-16 order; probes also leave the
// start, or stop inside it, and some writes bring in and take out a key outside it.
const START = ['', 'k00', 'redirects/', '😀\ue000/', 'a'.repeat(70)];
const TAIL = ['0', '1', 'a', 'é', '\ue000', '\uffff', '😀', '/'];
const tail = fc.string({ unit: fc.constantFrom(...TAIL), maxLength: 5 });
const OUTSIDE = ['', 'a', 'k', 'k0', 'k01', 'r', 's', '😀', '\ue000', '\uffff', 'redirects', 'redirects0', 'z'];

function oracleCheck(keys: SortedKeys, oracle: Map<string, string>, probes: string[]): void {
  const order = [...oracle.keys()].sort(byUtf8);
  expect([...keys.entries()].map(([k]) => k)).toEqual(order);
  for (const probe of probes) {
    expect(keys.has(probe)).toBe(oracle.has(probe));
    expect(keys.get(probe)).toBe(oracle.get(probe));
    // The page after a probe starts at the first key above it, present or not.
    const next = order.filter((k) => byUtf8(k, probe) > 0).slice(0, 3);
    expect(keys.page(probe, 3).items.map(([k]) => k)).toEqual(next);
  }
}

describe('SortedKeys seek', () => {
  it('finds keys and pages through stores whose keys share a long start, as it shrinks and grows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...START),
        fc.uniqueArray(tail, { maxLength: 400 }),
        fc.array(fc.record({ puts: fc.uniqueArray(tail, { maxLength: 150 }), deletes: fc.uniqueArray(tail, { maxLength: 150 }), stranger: fc.constantFrom(...OUTSIDE) }), {
          maxLength: 4,
        }),
        fc.array(tail, { maxLength: 20 }),
        (start, initial, batches, extra) => {
          const keys = new SortedKeys();
          const oracle = new Map<string, string>();
          keys.load(initial.map((t) => [start + t, t]));
          for (const t of initial) oracle.set(start + t, t);
          const probes = [...OUTSIDE, ...OUTSIDE.map((o) => start + o), ...extra.map((t) => start + t), start.slice(0, -1)];
          oracleCheck(keys, oracle, probes);
          for (const batch of batches) {
            // Deletes of keys that are there; a key outside the start comes and goes.
            const deletes = batch.deletes.map((t) => start + t).filter((k) => oracle.has(k));
            const puts = batch.puts.map((t) => start + t).filter((k) => !deletes.includes(k));
            if (!deletes.includes(batch.stranger) && !puts.includes(batch.stranger)) puts.push(batch.stranger);
            const result = keys.update(
              puts.map((Key) => ({ Key, Value: 'v' })),
              puts.map((Key) => Buffer.byteLength(Key) + 1),
              deletes.map((Key) => ({ Key })),
            );
            expect(result).not.toHaveProperty('missing');
            for (const k of deletes) oracle.delete(k);
            for (const k of puts) oracle.set(k, 'v');
            oracleCheck(keys, oracle, probes);
            if (keys.delete(batch.stranger) !== -1) oracle.delete(batch.stranger);
            oracleCheck(keys, oracle, probes);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('seeks keys before, inside and after a start that every key shares', () => {
    const keys = new SortedKeys();
    const pairs = Array.from({ length: 1000 }, (_, i): [string, string] => [`redirects/${String(i).padStart(4, '0')}`, `${i}`]);
    keys.load(pairs);
    expect(keys.get('redirects/0000')).toBe('0');
    expect(keys.get('redirects/0999')).toBe('999');
    expect(keys.get('redirects/0500')).toBe('500');
    expect(keys.has('redirects/05000')).toBe(false);
    expect(keys.page('redirect', 1).items).toEqual([['redirects/0000', '0']]);
    expect(keys.page('redirects/0499z', 1).items).toEqual([['redirects/0500', '500']]);
    expect(keys.page('redirects/1', 1)).toEqual({ items: [], more: false });
    expect(keys.page('a', 1).items).toEqual([['redirects/0000', '0']]);
    expect(keys.page('s', 1)).toEqual({ items: [], more: false });
    // A key outside the start, then gone again.
    expect(keys.set('a', 'first')).toBe(-1);
    expect(keys.set('z', 'last')).toBe(-1);
    expect(keys.page(undefined, 1).items).toEqual([['a', 'first']]);
    expect(keys.page('redirects/0999', 1).items).toEqual([['z', 'last']]);
    expect(keys.get('redirects/0700')).toBe('700');
    expect(keys.delete('a')).toBe(6);
    expect(keys.delete('z')).toBe(5);
    expect(keys.get('redirects/0701')).toBe('701');
    expect(keys.page('redirects/0998', 5).items).toEqual([['redirects/0999', '999']]);
  });

  it('seeks right after one write moves every key to a new start of the same length', () => {
    const keys = new SortedKeys();
    const name = (start: string, i: number) => `${start}${String(i).padStart(3, '0')}`;
    keys.load(Array.from({ length: 200 }, (_, i): [string, string] => [name('ab', i), 'old']));
    const result = keys.update(
      Array.from({ length: 200 }, (_, i) => ({ Key: name('ac', i), Value: 'new' })),
      new Array<number>(200).fill(8),
      Array.from({ length: 200 }, (_, i) => ({ Key: name('ab', i) })),
    );
    expect(result).toEqual({ bytes: 200 * 8, pairs: 200 });
    for (let i = 0; i < 200; i++) expect(keys.get(name('ac', i))).toBe('new');
    expect(keys.has(name('ab', 0))).toBe(false);
    expect(keys.page(name('ac', 99), 1).items).toEqual([[name('ac', 100), 'new']]);
  });
});
