'use strict';
// A process the server suite measures from the outside: `floor` answers every request with the
// same bytes a GetKey answer has (a bare node:http server, the floor); `server` runs the
// package's server from src/ with a store of 1,000 keys. Prints `PORT <n>` when listening;
// answers `heap` on IPC with heapUsed after gc() (it runs with --expose-gc) and `cpu` with the
// process's CPU time so far (µs).
const http = require('node:http');

const mode = process.argv[2];

async function main() {
  let port;
  if (mode === 'floor') {
    const body = Buffer.from(JSON.stringify({ Key: 'k0000001', Value: 'v00000000001', ItemCount: 1000, TotalSizeInBytes: 20000 }));
    const headers = { 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000', 'content-type': 'application/json', 'content-length': String(body.length) };
    const server = http.createServer((req, res) => {
      // Read the request as a server must (a PutKey carries a body), then answer the constant.
      req.on('data', () => {});
      req.on('end', () => {
        res.writeHead(200, headers);
        res.end(body);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  } else {
    require('../register.cjs');
    const { startKvsServer } = require(process.env.KVS_BENCH_SRC ? `${process.env.KVS_BENCH_SRC}/server/index.ts` : '../../src/server/index.ts');
    const server = await startKvsServer({ seed: 'bench', callLogLimit: Number(process.env.CALL_LOG_LIMIT ?? 1000), host: '127.0.0.1' });
    const items = Array.from({ length: 1000 }, (_, i) => ({ key: 'k' + String(i).padStart(7, '0'), value: 'v' + String(i).padStart(11, '0') }));
    server.simulator.seedStore({ name: 'bench', items });
    for (let i = 0; i < 64; i++) server.simulator.seedStore({ name: `writer-${i}`, items: items.slice(0, 100) });
    port = server.port;
  }
  process.on('message', (message) => {
    if (message === 'heap') {
      global.gc();
      process.send({ heap: process.memoryUsage().heapUsed });
    } else if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ cpu: user + system });
    }
  });
  console.log(`PORT ${port}`);
}

process.on('SIGINT', () => process.exit(0));
main();
