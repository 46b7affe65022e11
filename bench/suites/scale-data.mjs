// The store the scale suites use: slot i holds `keyOf(i) + 'a'` or `keyOf(i) + 'b'` (9 bytes)
// with an 11-byte value: 20 bytes of keys and values per pair.
import { keyOf, valueOf } from '../lib/load.mjs';

export const PAIR_BYTES = 20;
export const slotKey = (i, side) => keyOf(i) + side;
export const slotValue = (i) => valueOf(i).slice(1);

/** Seeds a READY store `scale-<n>` of n pairs (every slot on side 'a'); returns its ARN. */
export function seed(kvs, n, name = `scale-${n}`) {
  const data = new Array(n);
  for (let i = 0; i < n; i++) data[i] = { key: slotKey(i, 'a'), value: slotValue(i) };
  return kvs.seedStore({ name, items: data });
}

/**
 * The input of one UpdateKeys that moves 25 random slots to their other key: the deletes take
 * the keys out, the puts bring the other ones in, so the store keeps its size. `side[i]` says
 * which key slot i holds (0: 'a', 1: 'b') and is updated.
 */
export function moveSlots(side, n, random) {
  const slots = new Set();
  while (slots.size < 25) slots.add(Math.floor(random() * n));
  const Deletes = [];
  const Puts = [];
  for (const i of slots) {
    Deletes.push({ Key: slotKey(i, side[i] ? 'b' : 'a') });
    side[i] ^= 1;
    Puts.push({ Key: slotKey(i, side[i] ? 'b' : 'a'), Value: slotValue(i) });
  }
  return { Deletes, Puts };
}
