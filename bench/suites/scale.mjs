// How the cost of a call and the memory of a store grow with the number of keys, through the
// real client and the package's default (fast) path:
//   ListKeys page    a full scan in pages of 50; the cost per page
//   GetKey           a random key
//   UpdateKeys (50)  25 deletes + 25 puts at random places: every call moves 25 keys out of the
//                    store and 25 in, so the store keeps its size while inserts land everywhere
//   memory           heap held by a store of n pairs of 20 bytes (a 9-byte key, an 11-byte value),
//                    per byte of keys and values, each n in a fresh process (memory.mjs)
// and what a test suite pays per test: createKvsSimulator(), attach(), reset().
import { Bench } from 'tinybench';
import { kvsSdk, median, pkg, rng } from '../lib/load.mjs';
import { measureMemory } from './memory.mjs';
import { moveSlots, seed, slotKey } from './scale-data.mjs';

const { CloudFrontKeyValueStoreClient, GetKeyCommand, ListKeysCommand, UpdateKeysCommand } = kvsSdk;

export const SIZES = [1_000, 10_000, 100_000];
const BATCH = 20;

/** One full scan in pages of 50; `tidy` runs after each page (inside the timed window: it is one assignment). */
async function timeScan(client, arn, tidy) {
  let pages = 0;
  let token;
  const start = process.hrtime.bigint();
  do {
    const out = await client.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50, NextToken: token }));
    token = out.NextToken;
    pages++;
    tidy?.();
  } while (token);
  return { micros: Number(process.hrtime.bigint() - start) / 1000, pages };
}

/** A simulator, an attached client and a store of n pairs, with what the workloads need. */
function setup(n) {
  const { createKvsSimulator } = pkg;
  const kvs = createKvsSimulator({ seed: `scale-${n}` });
  const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
  const arn = seed(kvs, n);
  return { n, kvs, client, arn, side: new Uint8Array(n) /* 0: 'a' present, 1: 'b' present */, random: rng(n), etag: kvs.getStore(arn).ETag };
}

/**
 * Full scans, repeated until at least `time` ms of pages are timed (a scan of 1,000 keys is
 * only 20 pages). With `perPage` the call log is emptied after every page (the cost of a page
 * itself); without, it is kept for the whole scan, as a test that lists every key in one go
 * keeps it: the log then holds every page's output, and the garbage collector traces it all.
 */
async function scanCost(s, time, perPage) {
  const tidy = perPage ? () => s.kvs.clearCalls() : undefined;
  let micros = 0;
  let pages = 0;
  while (micros < time * 1000) {
    const scan = await timeScan(s.client, s.arn, tidy);
    if (scan.pages !== Math.ceil(s.n / 50)) throw new Error(`scan of ${s.n} keys took ${scan.pages} pages`);
    micros += scan.micros;
    pages += scan.pages;
    s.kvs.clearCalls();
  }
  return micros / pages;
}

/**
 * GetKey of a random key, and UpdateKeys moving 25 random slots to their other key. Each batch's
 * inputs are made before it (`beforeEach`, outside the timed window): picking slots and building
 * keys is the benchmark's work, not the double's, and the same at every size.
 */
async function pointCosts(s, time) {
  const { n, kvs, client, arn, side, random } = s;
  const bench = new Bench({ time, warmupTime: Math.min(100, time / 2) });
  const keys = new Array(BATCH);
  const moves = new Array(BATCH);
  bench.add(
    'GetKey',
    async () => {
      for (let k = 0; k < BATCH; k++) await client.send(new GetKeyCommand({ KvsARN: arn, Key: keys[k] }));
    },
    {
      beforeEach: () => {
        for (let k = 0; k < BATCH; k++) {
          const i = Math.floor(random() * n);
          keys[k] = slotKey(i, side[i] ? 'b' : 'a');
        }
      },
      afterEach: () => kvs.clearCalls(),
    },
  );
  bench.add(
    'UpdateKeys',
    async () => {
      for (let k = 0; k < BATCH; k++) {
        const out = await client.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: s.etag, ...moves[k] }));
        s.etag = out.ETag;
      }
    },
    {
      // Moves made ahead apply in order, so `side` is already what they leave behind.
      beforeEach: () => {
        for (let k = 0; k < BATCH; k++) moves[k] = moveSlots(side, n, random);
      },
      afterEach: () => kvs.clearCalls(),
    },
  );
  await bench.run();
  for (const task of bench.tasks) if (task.result.state !== 'completed') throw task.result.error ?? new Error(`${task.name}: ${task.result.state}`);
  kvs.clearCalls();
  return { getKey: (bench.tasks[0].result.latency.p50 * 1000) / BATCH, updateKeys: (bench.tasks[1].result.latency.p50 * 1000) / BATCH };
}

export async function runScale({ time = 200, rounds = 5, log = console.log } = {}) {
  // All sizes are set up first and measured in turn in every round, so that a change in the
  // machine's load during the run lands on every size alike; each figure is the median of rounds.
  const setups = SIZES.map(setup);
  for (const s of setups) {
    await timeScan(s.client, s.arn); // warm-up, not counted
    s.kvs.clearCalls();
  }
  const samples = Object.fromEntries(SIZES.map((n) => [n, { listPage: [], listPageLogKept: [], getKey: [], updateKeys: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const s of setups) {
      const row = samples[s.n];
      row.listPage.push(await scanCost(s, time, true));
      row.listPageLogKept.push(await scanCost(s, time, false));
      const point = await pointCosts(s, time);
      row.getKey.push(point.getKey);
      row.updateKeys.push(point.updateKeys);
    }
    log(`  scale round ${r + 1}/${rounds} done`);
  }
  for (const s of setups) if (s.kvs.getStore(s.arn).ItemCount !== s.n) throw new Error('the store changed size');
  const perCall = Object.fromEntries(SIZES.map((n) => [n, Object.fromEntries(Object.entries(samples[n]).map(([k, v]) => [k, median(v)]))]));

  const memory = measureMemory(SIZES);
  const lifecycle = await measureLifecycle(time);
  const first = perCall[SIZES[0]];
  const last = perCall[SIZES[SIZES.length - 1]];
  return {
    sizes: SIZES,
    rounds,
    perCall,
    samples,
    growth: {
      listPage: last.listPage / first.listPage,
      listPageLogKept: last.listPageLogKept / first.listPageLogKept,
      getKey: last.getKey / first.getKey,
      updateKeys: last.updateKeys / first.updateKeys,
    },
    memory,
    lifecycle,
  };
}

/** What a suite pays per test when it makes a simulator per test, or resets one. */
async function measureLifecycle(time) {
  const { createKvsSimulator } = pkg;
  const shared = createKvsSimulator({ seed: 'lifecycle' });
  shared.attach(new CloudFrontKeyValueStoreClient({}));
  const bench = new Bench({ time, warmupTime: Math.min(100, time / 2) });
  bench.add('createKvsSimulator()', () => {
    createKvsSimulator();
  });
  const client = new CloudFrontKeyValueStoreClient({});
  bench.add('createKvsSimulator() + attach(client)', () => {
    createKvsSimulator().attach(client);
  });
  bench.add('seedStore(10 items) + reset()', () => {
    shared.seedStore({ items: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7', h: '8', i: '9', j: '10' } });
    shared.reset();
  });
  bench.add('reset() (empty)', () => {
    shared.reset();
  });
  await bench.run();
  const out = {};
  for (const task of bench.tasks) {
    if (task.result.state !== 'completed') throw task.result.error ?? new Error(`${task.name}: ${task.result.state}`);
    out[task.name] = task.result.latency.p50 * 1000;
  }
  return out;
}
