// The state file (`--state`): acknowledged writes per second with 16 concurrent writers, each a
// PutKey through an attached client followed by `afterWrite` (resolved once the journal is
// fsynced, writes arriving together sharing one fsync), at an empty state and with a 5 MB store
// in it (written to by one of the writers); what a 5 MB snapshot takes to serialize (the only
// time reads wait); and the heap over a long run of writes, in a fresh process
// (`node --expose-gc state.mjs heap N`), which prints one JSON line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kvsSdk, median, pkg, require } from '../lib/load.mjs';

const { openStateFile } = require('../../src/server/state/index.ts');

const WRITERS = 16;
/** 5,000 pairs of an 8-byte key and a 1,000-byte value: 5.04 MB of keys and values, under the 5 MB (5,242,880) store quota. */
const BIG_PAIRS = 5_000;

function bigItems() {
  const items = new Array(BIG_PAIRS);
  for (let i = 0; i < BIG_PAIRS; i++) items[i] = { key: 'b' + String(i).padStart(7, '0'), value: String(i % 10).repeat(1000) };
  return items;
}

/** A simulator with a state file in a fresh directory, WRITERS stores (the first one 5 MB when `big`), and a client. */
async function setup(big, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-bench-state-'));
  const kvs = pkg.createKvsSimulator({ seed: 'bench-state' });
  const arns = Array.from({ length: WRITERS }, (_, w) => kvs.seedStore({ name: `w${w}`, ...(big && w === 0 ? { items: bigItems() } : {}) }));
  const state = await openStateFile(join(dir, 'state.json'), kvs, options);
  const client = kvs.attach(new kvsSdk.CloudFrontKeyValueStoreClient({}));
  const close = async () => {
    await state.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { kvs, arns, state, client, close };
}

/** WRITERS chains of `perWriter` acknowledged PutKeys, each on its own store, `keys` distinct keys per store. */
async function writeAll({ kvs, arns, state, client }, perWriter, keys, onBatch) {
  await Promise.all(
    arns.map(async (arn, w) => {
      let etag = (await client.send(new kvsSdk.DescribeKeyValueStoreCommand({ KvsARN: arn }))).ETag;
      for (let i = 0; i < perWriter; i++) {
        const input = { KvsARN: arn, Key: `key-${i % keys}`, Value: `value ${w} ${i}`, IfMatch: etag };
        etag = (await client.send(new kvsSdk.PutKeyCommand(input))).ETag;
        await state.afterWrite({ plane: 'data', operation: 'PutKey', input, accountId: kvs.accountId });
        if (w === 0 && onBatch && (i + 1) % 1000 === 0) onBatch(i + 1);
      }
    }),
  );
}

async function throughput(big, perWriter) {
  // The default threshold would leave the empty state's journal uncompacted for the whole run:
  // 1 MiB makes both variants compact, each as often as its size allows.
  const s = await setup(big, { compactAfterBytes: 1024 * 1024 });
  await writeAll(s, 200, 100); // warm-up
  const before = s.state.stats();
  const started = performance.now();
  await writeAll(s, perWriter, 1000);
  const seconds = (performance.now() - started) / 1000;
  const after = s.state.stats();
  s.kvs.clearCalls();
  const writes = WRITERS * perWriter;
  const result = {
    writesPerSecond: writes / seconds,
    writes,
    seconds,
    writesPerFsync: writes / (after.flushes - before.flushes),
    compactions: after.compactions - before.compactions,
    snapshotBytes: after.snapshotBytes,
  };
  await s.close();
  return result;
}

/** What a 5 MB state's snapshot takes: serializing (nothing else runs meanwhile) and the whole compaction. */
async function compaction(rounds) {
  const s = await setup(true);
  const serialize = [];
  const whole = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await s.state.afterAdmin();
    whole.push(performance.now() - started);
    serialize.push(s.state.stats().lastSerializeMs);
  }
  const { snapshotBytes } = s.state.stats();
  await s.close();
  return { snapshotBytes, serializeMs: median(serialize), compactionMs: median(whole) };
}

/** Runs the heap measurement in a fresh process. */
function measureHeap(writes) {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'heap', String(writes)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop());
}

export async function runState({ rounds, perWriter, heapWrites, log }) {
  await throughput(false, 300); // warm-up: the first run of a process pays for compiling the code
  const empty = [];
  const bigStore = [];
  for (let round = 0; round < rounds; round++) {
    // Alternated, the order swapped each round, so a slower spell of a shared machine falls on both.
    for (const big of round % 2 === 0 ? [false, true] : [true, false]) (big ? bigStore : empty).push(await throughput(big, perWriter));
    log(`  round ${round + 1}: ${empty.at(-1).writesPerSecond.toFixed(0)} / ${bigStore.at(-1).writesPerSecond.toFixed(0)} writes/s`);
  }
  const pick = (runs) => runs.find((r) => r.writesPerSecond === median(runs.map((x) => x.writesPerSecond))) ?? runs[0];
  const emptyRun = { ...pick(empty), writesPerSecond: median(empty.map((r) => r.writesPerSecond)) };
  const bigRun = { ...pick(bigStore), writesPerSecond: median(bigStore.map((r) => r.writesPerSecond)) };
  log('  a 5 MB snapshot');
  const snapshot = await compaction(3);
  log(`  heap over ${heapWrites.toLocaleString('en-US')} writes`);
  const heap = measureHeap(heapWrites);
  return { writers: WRITERS, rounds, empty: emptyRun, bigStore: bigRun, ratio: bigRun.writesPerSecond / emptyRun.writesPerSecond, snapshot, heap };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'heap') {
  const writes = Number(process.argv[3]);
  const settle = () => {
    for (let i = 0; i < 4; i++) globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const s = await setup(false);
  await writeAll(s, 100, 100); // warm-up: compiled code and caches are not what the writes keep
  s.kvs.clearCalls();
  const base = settle();
  const perWriter = Math.ceil(writes / WRITERS);
  const checkpoints = [];
  const started = performance.now();
  // The call log is emptied every 1,000 writes of a writer (a server keeps a bounded ring): the heap measured is the state file's and the stores'.
  await writeAll(s, perWriter, 1000, (done) => {
    s.kvs.clearCalls();
    if (done % Math.ceil(perWriter / 4) < 1000 && done >= 1000) checkpoints.push({ writes: done * WRITERS, heapBytes: settle() - base });
  });
  const seconds = (performance.now() - started) / 1000;
  s.kvs.clearCalls();
  const after = settle();
  const stats = s.state.stats();
  await s.close();
  console.log(JSON.stringify({ writes: perWriter * WRITERS, seconds, baseHeapBytes: base, heapGrowthBytes: after - base, heapUsedBytes: after, checkpoints, compactions: stats.compactions }));
}
