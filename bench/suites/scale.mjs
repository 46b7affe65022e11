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
import { seed, slotKey, slotValue } from './scale-data.mjs';

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

export async function runScale({ time = 250, rounds = 3, log = console.log } = {}) {
  const { createKvsSimulator } = pkg;
  const perCall = {}; // n -> { listPage, getKey, updateKeys } µs
  for (const n of SIZES) {
    const kvs = createKvsSimulator({ seed: `scale-${n}` });
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = seed(kvs, n);
    const side = new Uint8Array(n); // 0: 'a' present, 1: 'b' present
    const random = rng(n);
    let etag = kvs.getStore(arn).ETag;

    // Full scans, repeated until each round has timed at least `time` ms of pages (a scan of
    // 1,000 keys is only 20 pages); the first scan warms up and is not counted. Two ways: with
    // the call log emptied after every page (the cost of a page itself), and with the log kept
    // for the whole scan, as a test that lists every key in one go keeps it (the log holds every
    // page's output, so the garbage collector has more to trace as the scan goes on).
    const scanRounds = async (tidy) => {
      await timeScan(client, arn, tidy);
      kvs.clearCalls();
      const perPage = [];
      for (let r = 0; r < rounds; r++) {
        let micros = 0;
        let pages = 0;
        while (micros < time * 1000) {
          const scan = await timeScan(client, arn, tidy);
          if (scan.pages !== Math.ceil(n / 50)) throw new Error(`scan of ${n} keys took ${scan.pages} pages`);
          micros += scan.micros;
          pages += scan.pages;
          kvs.clearCalls();
        }
        perPage.push(micros / pages);
      }
      return median(perPage);
    };
    const listPage = await scanRounds(() => kvs.clearCalls());
    const listPageLogKept = await scanRounds(undefined);

    const gets = [];
    const updates = [];
    for (let r = 0; r < rounds; r++) {
      const bench = new Bench({ time, warmupTime: Math.min(100, time / 2) });
      const tidy = { afterEach: () => kvs.clearCalls() };
      bench.add('GetKey', async () => {
        for (let k = 0; k < BATCH; k++) {
          const i = Math.floor(random() * n);
          await client.send(new GetKeyCommand({ KvsARN: arn, Key: slotKey(i, side[i] ? 'b' : 'a') }));
        }
      }, tidy);
      bench.add('UpdateKeys', async () => {
        for (let k = 0; k < BATCH; k++) {
          const slots = new Set();
          while (slots.size < 25) slots.add(Math.floor(random() * n));
          const Deletes = [];
          const Puts = [];
          for (const i of slots) {
            Deletes.push({ Key: slotKey(i, side[i] ? 'b' : 'a') });
            side[i] ^= 1;
            Puts.push({ Key: slotKey(i, side[i] ? 'b' : 'a'), Value: slotValue(i) });
          }
          const out = await client.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Deletes, Puts }));
          etag = out.ETag;
        }
      }, tidy);
      await bench.run();
      for (const task of bench.tasks) if (task.result.state !== 'completed') throw task.result.error ?? new Error(`${task.name}: ${task.result.state}`);
      gets.push((bench.tasks[0].result.latency.p50 * 1000) / BATCH);
      updates.push((bench.tasks[1].result.latency.p50 * 1000) / BATCH);
      kvs.clearCalls();
    }
    if (kvs.getStore(arn).ItemCount !== n) throw new Error('the store changed size');
    perCall[n] = { listPage, listPageLogKept, getKey: median(gets), updateKeys: median(updates) };
    log(`  scale n=${n} done`);
  }

  const memory = measureMemory(SIZES);
  const lifecycle = await measureLifecycle(time);
  const first = perCall[SIZES[0]];
  const last = perCall[SIZES[SIZES.length - 1]];
  return {
    sizes: SIZES,
    perCall,
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
