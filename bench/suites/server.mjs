// Server mode, measured from outside with a load generator (autocannon), each server in a process
// of its own:
//   floor    a bare node:http server that reads the request and answers the constant bytes of a
//            GetKey answer: what any server on node:http costs
//   server   the package's server (src/, call log kept at its default 1,000 calls), a store of
//            1,000 keys
// GetKey and PutKey over 64 keep-alive connections, side by side, with p50 / p99 latency; PutKey
// carries each connection's current ETag (a store per connection), so every write succeeds.
// Then the time from spawn to first answer (`node dist/cli.js serve`, needs `npm run build`) next
// to a bare node:http server's, polled with a plain socket; and the server's heap after a million
// writes (the timed ones, then untimed ones up to `heapWrites`).
import { fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { median, require } from '../lib/load.mjs';

const autocannon = require('autocannon');
const CHILD = fileURLToPath(new URL('./server-child.cjs', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CONNECTIONS = 64;

function start(mode) {
  const child = fork(CHILD, [mode], { execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${mode} exited with ${code}`)));
  });
}

function ask(child, what) {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message[what]));
    child.send(what);
  });
}

/** One autocannon run against `target`, with the CPU time the target spent per request. */
async function measure(target, options) {
  const before = await ask(target.child, 'cpu');
  const result = await run(options);
  const cpu = (await ask(target.child, 'cpu')) - before;
  return { ...summary(result), cpuMicrosPerRequest: cpu / Math.max(1, result.requests.total) };
}

/** The median of each figure over rounds. */
function medianOf(runs) {
  return Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(runs.map((r) => r[key]))]));
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const summary = (result) => ({
  requestsPerSecond: result.requests.average,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  total: result.requests.total,
});

async function storeArn(port, name) {
  const response = await fetch(`http://127.0.0.1:${port}/_kvs-mock/stores/${name}`);
  const store = await response.json();
  return { arn: store.ARN, etag: store.ETag };
}

/**
 * PutKey requests that all succeed: a store per request in flight (autocannon gives each request
 * cycle a fresh context, so a store is taken from a free list when a request is built and put
 * back, with the ETag its answer carries, when the answer arrives).
 */
async function putRequests(port) {
  const free = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => storeArn(port, `writer-${i}`)));
  let n = 0;
  return [
    {
      method: 'PUT',
      setupRequest: (req, context) => {
        const writer = (context.writer = free.pop());
        const key = 'k' + String(n++ % 100).padStart(7, '0');
        return { ...req, path: `/key-value-stores/${encodeURIComponent(writer.arn)}/keys/${key}`, headers: { 'content-type': 'application/json', 'if-match': writer.etag }, body: `{"Value":"w${n}"}` };
      },
      onResponse: (status, _body, context, headers) => {
        if (status === 200 && headers.etag) context.writer.etag = headers.etag;
        free.push(context.writer);
      },
    },
  ];
}

/** Time from spawn until a plain socket gets an HTTP answer, polled every 5 ms. */
async function spawnToAnswer(argv) {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, argv(port), { stdio: 'ignore' });
  try {
    for (;;) {
      if (await answers(port)) return Number(process.hrtime.bigint() - started) / 1e6;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

function answers(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('GET /_kvs-mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('HTTP/1.1 '));
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function runServer({ duration = 2, rounds = 3, spawns = 5, heapWrites = 1_000_000, log = () => {} } = {}) {
  const floor = await start('floor');
  const server = await start('server');
  const { arn } = await storeArn(server.port, 'bench');
  const getPath = `/key-value-stores/${encodeURIComponent(arn)}/keys/k0000001`;
  const result = { connections: CONNECTIONS, rounds, duration };
  try {
    await run({ url: `http://127.0.0.1:${floor.port}${getPath}`, duration: 1 });
    await run({ url: `http://127.0.0.1:${server.port}${getPath}`, duration: 1 });
    // Floor and server in turn, round after round: a shared machine's slow seconds hit both.
    log('server: GetKey, floor and server in turn');
    const gets = { floor: [], server: [] };
    for (let i = 0; i < rounds; i++) {
      gets.floor.push(await measure(floor, { url: `http://127.0.0.1:${floor.port}${getPath}`, duration }));
      gets.server.push(await measure(server, { url: `http://127.0.0.1:${server.port}${getPath}`, duration }));
    }
    log('server: PutKey, floor and server in turn');
    const heapBeforeWrites = await ask(server.child, 'heap');
    const puts = { floor: [], server: [] };
    for (let i = 0; i < rounds; i++) {
      const floorRequests = await putRequests(server.port);
      puts.floor.push(await measure(floor, { url: `http://127.0.0.1:${floor.port}`, duration, requests: floorRequests }));
      puts.server.push(await measure(server, { url: `http://127.0.0.1:${server.port}`, duration, requests: await putRequests(server.port) }));
    }
    result.getKey = { floor: medianOf(gets.floor), server: medianOf(gets.server) };
    result.putKey = { floor: medianOf(puts.floor), server: medianOf(puts.server) };
    let writes = puts.server.reduce((sum, r) => sum + r.total, 0);
    // More writes, untimed, until the server has taken `heapWrites`: memory has to stay flat.
    if (writes < heapWrites) {
      log(`server: PutKeys up to ${heapWrites.toLocaleString('en-US')} for the heap`);
      const more = await run({ url: `http://127.0.0.1:${server.port}`, amount: heapWrites - writes, requests: await putRequests(server.port) });
      writes += more.requests.total;
    }
    result.heap = { beforeWritesMiB: heapBeforeWrites / 2 ** 20, afterWritesMiB: (await ask(server.child, 'heap')) / 2 ** 20, writes };
  } finally {
    floor.child.kill();
    server.child.kill();
  }
  result.ratios = {
    getKey: result.getKey.server.requestsPerSecond / result.getKey.floor.requestsPerSecond,
    putKey: result.putKey.server.requestsPerSecond / result.putKey.floor.requestsPerSecond,
    getKeyCpu: result.getKey.floor.cpuMicrosPerRequest / result.getKey.server.cpuMicrosPerRequest,
  };
  log('server: spawn to first answer');
  const bare = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')`;
  const bareTimes = [];
  const cliTimes = [];
  for (let i = 0; i < spawns; i++) {
    bareTimes.push(await spawnToAnswer((port) => ['-e', bare, String(port)]));
    if (existsSync(CLI)) cliTimes.push(await spawnToAnswer((port) => [CLI, 'serve', '--port', String(port)]));
  }
  result.spawnToAnswerMs = { bareNodeHttp: median(bareTimes), cli: cliTimes.length > 0 ? median(cliTimes) : undefined };
  return result;
}
