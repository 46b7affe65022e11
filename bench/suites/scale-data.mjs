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
