// Heap held by stores of n pairs, measured in a fresh process (`node --expose-gc memory.mjs n`)
// so that nothing else the benchmark allocated moves the figure. Small stores are measured as
// many copies (100,000 pairs in all), so the heap's noise (tens of KB) does not swamp them.
// Then the same stores after writes: UpdateKeys through a real client moves every key of every
// store twice (25 deletes + 25 puts per call, at random places), and the heap is measured again,
// so what a written store keeps (spare capacity, stale copies) counts too: measured as what the
// heap drops by when the stores go. Prints one JSON line.
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { kvsSdk, pkg, rng } from '../lib/load.mjs';
import { PAIR_BYTES, moveSlots, seed } from './scale-data.mjs';

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
  // The client that writes later is made now: it and the SDK code it loads are not the stores.
  const client = kvs.attach(new kvsSdk.CloudFrontKeyValueStoreClient({}));
  const before = settle();
  // The pairs' strings are made inside seed(): whatever the stores keep of them counts.
  for (let copy = 0; copy < copies; copy++) seed(kvs, n, `scale-${n}-${copy}`);
  const after = settle();
  const storedBytes = copies * n * PAIR_BYTES;
  if (kvs.getStore(`scale-${n}-${copies - 1}`)?.ItemCount !== n) throw new Error('unexpected state');
  const heapBytes = after - before;

  const random = rng(n);
  for (let copy = 0; copy < copies; copy++) {
    const arn = kvs.getStore(`scale-${n}-${copy}`).ARN;
    let etag = kvs.getStore(arn).ETag;
    const side = new Uint8Array(n); // 0: slot i holds its 'a' key, 1: its 'b' key
    for (let call = 0; call < (2 * n) / 25; call++) {
      etag = (await client.send(new kvsSdk.UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, ...moveSlots(side, n, random) }))).ETag;
      kvs.clearCalls();
    }
    if (kvs.getStore(arn).ItemCount !== n) throw new Error('the store changed size');
  }
  // So many sends also shift the rest of the heap (compiled code, caches): measured by the drop.
  const written = settle();
  kvs.reset();
  const dropped = settle();
  const writtenBytes = written - dropped;
  console.log(
    JSON.stringify({
      stores: copies,
      pairsPerStore: n,
      storedBytes,
      heapBytes,
      perStoredByte: heapBytes / storedBytes,
      perPair: heapBytes / (copies * n),
      afterWrites: { heapBytes: writtenBytes, perStoredByte: writtenBytes / storedBytes, perPair: writtenBytes / (copies * n) },
    }),
  );
}
