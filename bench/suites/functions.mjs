// The CloudFront Functions runtime: what one invocation of a viewer-request function costs, fresh
// globals included, through `simulator.runFunction()` as a unit test calls it.
//   invocation   a 30-line function that reads one key of an associated store (cf.kvs().get),
//                at 1,000 and at 100,000 keys in the store (the cost should not grow)
//   no store     the same function shape without the store read
//   new context  what a bare node:vm context costs to create and run once: the price a fresh
//                context per invocation would pay before building any of the runtime's globals
import vm from 'node:vm';
import { keyOf, median, pkg } from '../lib/load.mjs';

export const FUNCTION_SIZES = [1_000, 100_000];

const CODE = `import cf from 'cloudfront';
const kvs = cf.kvs();

// Redirects listed in the store; A/B split on a cookie; index.html for directories.
async function handler(event) {
  const request = event.request;
  const headers = request.headers;
  const host = headers.host ? headers.host.value : 'www.example.com';
  let target;
  try {
    target = await kvs.get(request.uri);
  } catch (e) {
    target = undefined;
  }
  if (target) {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: 'https://' + host + target } },
    };
  }
  const cookies = request.cookies;
  const group = cookies.group ? cookies.group.value : 'a';
  if (group === 'b') {
    request.uri = '/b' + request.uri;
  }
  if (request.uri.endsWith('/')) {
    request.uri += 'index.html';
  }
  headers['x-group'] = { value: group };
  return request;
}`;

function timeEach(fn, count) {
  const samples = new Array(count);
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return median(samples);
}

export async function runFunctions({ rounds, count, log }) {
  const { createKvsSimulator, viewerRequestEvent } = pkg;
  const setups = FUNCTION_SIZES.map((n) => {
    const kvs = createKvsSimulator({ seed: `functions-${n}` });
    const items = new Array(n);
    for (let i = 0; i < n; i++) items[i] = { key: '/' + keyOf(i), value: '/moved/' + i };
    const arn = kvs.seedStore({ items });
    // Half the requests hit a redirect, half fall through to the request path.
    const events = Array.from({ length: 64 }, (_, i) => viewerRequestEvent({ uri: i % 2 ? '/' + keyOf((i * 7919) % n) : '/docs/', cookies: { group: i % 4 ? 'a' : 'b' } }));
    return { n, kvs, arn, events };
  });
  const noStore = CODE.replace("const kvs = cf.kvs();", 'const kvs = { get: async () => undefined };');
  const perRound = { invocation: Object.fromEntries(FUNCTION_SIZES.map((n) => [n, []])), noStore: [], newContext: [] };
  for (let r = 0; r < rounds; r++) {
    for (const { n, kvs, arn, events } of setups) {
      // The first calls of a round warm the compiled-code cache and the JIT; they are not counted.
      for (let i = 0; i < 200; i++) kvs.runFunction({ code: CODE, event: events[i % 64], kvs: arn });
      perRound.invocation[n].push(timeEach((i) => kvs.runFunction({ code: CODE, event: events[i % 64], kvs: arn }), count));
    }
    const { kvs, events } = setups[0];
    perRound.noStore.push(timeEach((i) => kvs.runFunction({ code: noStore, event: events[i % 64] }), count));
    perRound.newContext.push(timeEach(() => vm.runInContext('1', vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' })), Math.max(50, count / 20)));
    log(`  round ${r + 1}/${rounds}: ${FUNCTION_SIZES.map((n) => `${n} keys ${perRound.invocation[n].at(-1).toFixed(1)} µs`).join(', ')}`);
  }
  const medians = {
    invocation: Object.fromEntries(FUNCTION_SIZES.map((n) => [n, median(perRound.invocation[n])])),
    noStore: median(perRound.noStore),
    newContext: median(perRound.newContext),
  };
  const [small, large] = FUNCTION_SIZES;
  return { rounds, count, codeLines: CODE.split('\n').length, medianMicros: medians, growth: medians.invocation[large] / medians.invocation[small] };
}
