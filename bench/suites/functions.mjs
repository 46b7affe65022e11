// The CloudFront Functions runtime: what one invocation of a viewer-request function costs, fresh
// globals included, through `simulator.runFunction()` as a unit test calls it.
//   invocation   a 30-line function that reads one key of an associated store (cf.kvs().get),
//                at 1,000 and at 100,000 keys in the store (the cost should not grow)
//   no store     the same function shape without the store read
//   cwt          a function that validates a ~200-byte CWT (COSE_MAC0, HS256) from a header
//   jwt 1.0      a cloudfront-js-1.0 function that checks an HS256 JWT from the query string
//                (String.bytesFrom base64url, crypto.createHmac, JSON.parse of the payload)
//   new context  what a bare node:vm context costs to create and run once: the price a fresh
//                context per invocation would pay before building any of the runtime's globals
import { createHmac } from 'node:crypto';
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

// Validates the token of the `x-cwt` header and passes its subject on; 401 when it fails.
const CWT_CODE = `import cf from 'cloudfront';

async function handler(event) {
  const request = event.request;
  const header = request.headers['x-cwt'];
  try {
    const cwt = cf.cwt.validateToken(Buffer.from(header ? header.value : '', 'base64url'), { key: 'bench-secret' });
    if (cwt.payload[4] < Date.now() / 1000) return { statusCode: 401, statusDescription: 'Expired' };
    request.headers['x-user'] = { value: cwt.payload[2] };
    return request;
  } catch (e) {
    return { statusCode: 401, statusDescription: 'Unauthorized' };
  }
}`;

// The 1.0 shape of a JWT check: var only, no module, byte strings.
const JWT_10_CODE = `var crypto = require('crypto');

function handler(event) {
  var request = event.request;
  var jwt = request.querystring.jwt;
  var parts = jwt ? jwt.value.split('.') : [];
  if (parts.length !== 3) return { statusCode: 401, statusDescription: 'Unauthorized' };
  var expected = crypto.createHmac('sha256', 'bench-secret').update(parts[0] + '.' + parts[1]).digest('base64url');
  if (expected !== parts[2]) return { statusCode: 401, statusDescription: 'Unauthorized' };
  var payload = JSON.parse(String.bytesFrom(parts[1], 'base64url'));
  if (payload.exp < Date.now() / 1000) return { statusCode: 401, statusDescription: 'Expired' };
  request.headers['x-user'] = { value: payload.sub };
  delete request.querystring.jwt;
  return request;
}`;

/** An HS256 JWT signed by node:crypto, for the 1.0 check. */
function jwtToken() {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = part({ alg: 'HS256', typ: 'JWT' }) + '.' + part({ sub: 'user-0042', exp: 4000000000, scope: 'media:read' });
  return body + '.' + createHmac('sha256', 'bench-secret').update(body).digest('base64url');
}

/** A ~200-byte token (CWT tag, COSE_MAC0, HS256), generated once by the runtime itself. */
function cwtToken(kvs) {
  const claims = "{ 1: 'https://issuer.example.com', 2: 'user-0042', 3: 'https://www.example.com', 4: 4000000000, 5: 1700000000, 6: 1700000000, 7: Buffer.from('00112233445566778899aabbccddeeff', 'hex'), 401: { 2: { 1: '/media/live/' } }, 403: ['GET', 'HEAD'] }";
  const code = `import cf from 'cloudfront';\nfunction handler(event) { console.log(cf.cwt.generateToken({ coseTag: 'MAC0', cwtTag: true, key: 'bench-secret' }, { protected: { 1: 5 }, unprotected: { 4: Buffer.from('key-1') }, payload: ${claims} }).toString('base64url')); return event.request; }`;
  return kvs.runFunction({ code, event: pkg.viewerRequestEvent() }).logs[0];
}

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
  const token = cwtToken(setups[0].kvs);
  const cwtEvents = Array.from({ length: 64 }, (_, i) => viewerRequestEvent({ uri: '/live/' + i, headers: { 'x-cwt': token } }));
  const jwtEvents = Array.from({ length: 64 }, (_, i) => viewerRequestEvent({ uri: '/live/' + i, querystring: { jwt: jwtToken() } }));
  const perRound = { invocation: Object.fromEntries(FUNCTION_SIZES.map((n) => [n, []])), noStore: [], cwt: [], jwt10: [], newContext: [] };
  for (let r = 0; r < rounds; r++) {
    for (const { n, kvs, arn, events } of setups) {
      // The first calls of a round warm the compiled-code cache and the JIT; they are not counted.
      for (let i = 0; i < 200; i++) kvs.runFunction({ code: CODE, event: events[i % 64], kvs: arn });
      perRound.invocation[n].push(timeEach((i) => kvs.runFunction({ code: CODE, event: events[i % 64], kvs: arn }), count));
    }
    const { kvs, events } = setups[0];
    perRound.noStore.push(timeEach((i) => kvs.runFunction({ code: noStore, event: events[i % 64] }), count));
    for (let i = 0; i < 200; i++) kvs.runFunction({ code: CWT_CODE, event: cwtEvents[i % 64] });
    perRound.cwt.push(timeEach((i) => kvs.runFunction({ code: CWT_CODE, event: cwtEvents[i % 64] }), count));
    const jwt10 = (i) => kvs.runFunction({ code: JWT_10_CODE, runtime: 'cloudfront-js-1.0', event: jwtEvents[i % 64] });
    for (let i = 0; i < 200; i++) jwt10(i);
    perRound.jwt10.push(timeEach(jwt10, count));
    perRound.newContext.push(timeEach(() => vm.runInContext('1', vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' })), Math.max(50, count / 20)));
    log(`  round ${r + 1}/${rounds}: ${FUNCTION_SIZES.map((n) => `${n} keys ${perRound.invocation[n].at(-1).toFixed(1)} µs`).join(', ')}, cwt ${perRound.cwt.at(-1).toFixed(1)} µs, jwt 1.0 ${perRound.jwt10.at(-1).toFixed(1)} µs`);
  }
  const medians = {
    invocation: Object.fromEntries(FUNCTION_SIZES.map((n) => [n, median(perRound.invocation[n])])),
    noStore: median(perRound.noStore),
    cwt: median(perRound.cwt),
    jwt10: median(perRound.jwt10),
    newContext: median(perRound.newContext),
  };
  const [small, large] = FUNCTION_SIZES;
  return { rounds, count, codeLines: CODE.split('\n').length, cwtTokenBytes: Buffer.from(token, 'base64url').length, medianMicros: medians, growth: medians.invocation[large] / medians.invocation[small] };
}
