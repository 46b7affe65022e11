// Heap held by stores of n pairs, measured in a fresh process (`node --expose-gc memory.mjs n`)
// so that nothing else the benchmark allocated moves the figure. Small stores are measured as
// many copies (100,000 pairs in all), so the heap's noise (tens of KB) does not swamp them.
// Prints one JSON line.
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { pkg } from '../lib/load.mjs';
import { PAIR_BYTES, seed } from './scale-data.mjs';

/** Runs the measurement for each n in its own process. */
export function measureMemory(sizes) {
  const rows = {};
  for (const n of sizes) {
    const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    rows[n] = JSON.parse(out.trim().split('\n').pop());
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2]);
  const { createKvsSimulator } = pkg;
  // Warm up first: the code that seeding compiles and the caches it fills are not the store.
  const warm = createKvsSimulator({ seed: 'memory' });
  for (let round = 0; round < 5; round++) {
    seed(warm, 2000);
    warm.reset();
  }
  const settle = () => {
    for (let i = 0; i < 4; i++) globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const copies = Math.max(1, Math.ceil(100_000 / n));
  const kvs = createKvsSimulator({ seed: 'memory', quotas: { keyValueStoresPerAccount: copies } });
  const before = settle();
  // The pairs' strings are made inside seed(): whatever the stores keep of them counts.
  for (let copy = 0; copy < copies; copy++) seed(kvs, n, `scale-${n}-${copy}`);
  const after = settle();
  const storedBytes = copies * n * PAIR_BYTES;
  if (kvs.getStore(`scale-${n}-${copies - 1}`)?.ItemCount !== n) throw new Error('unexpected state');
  const heapBytes = after - before;
  console.log(JSON.stringify({ stores: copies, pairsPerStore: n, storedBytes, heapBytes, perStoredByte: heapBytes / storedBytes, perPair: heapBytes / (copies * n) }));
}
