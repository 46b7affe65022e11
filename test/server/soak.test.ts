import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A collection before each heap reading: garbage not yet collected is no growth. The flag is
// turned off again at once: contexts created later (the Functions sandbox's) must not get a `gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
import { startKvsServer, type KvsServer } from '../../src/server';

const CONNECTIONS = 64;
const ROUNDS = 250;

describe('server: a bounded soak over 64 keep-alive connections', () => {
  let server: KvsServer;
  let agent: Agent;
  beforeAll(async () => {
    server = await startKvsServer({ seed: 'soak', callLogLimit: 200 });
    agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  });
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; etag: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method, path, agent, headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, etag: res.headers.etag }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async function worker(index: number, rounds: number): Promise<number> {
    const arn = server.simulator.seedStore({ name: `soak-${index}-${rounds}`, items: { k: 'v' } });
    const base = `/key-value-stores/${encodeURIComponent(arn)}`;
    let etag = server.simulator.getStore(arn)!.ETag;
    let answered = 0;
    for (let i = 0; i < rounds; i++) {
      if (i % 10 === 9) {
        const put = await send('PUT', `${base}/keys/k${i % 50}`, JSON.stringify({ Value: `v${i}` }), { 'if-match': etag });
        expect(put.status).toBe(200);
        etag = put.etag!;
      } else {
        const got = await send('GET', `${base}/keys/k`);
        expect(got.status).toBe(200);
      }
      answered++;
    }
    return answered;
  }

  it('answers every request, keeps the call log at its limit and the heap flat-ish', async () => {
    // Warm-up: code paths compiled, pools filled, the call log at its limit.
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => worker(i, 20)));
    const heapBefore = heap();
    const started = Date.now();
    const answered = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => worker(i, ROUNDS)));
    expect(answered.reduce((a, b) => a + b, 0)).toBe(CONNECTIONS * ROUNDS);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(server.simulator.calls().length).toBe(200);
    // 16,000 requests: an unbounded log would hold 16,000 more records with their inputs and outputs.
    const growth = heap() - heapBefore;
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    // Every store kept its writes.
    const store = server.simulator.getStore(`soak-0-${ROUNDS}`)!;
    expect(store.Items[`k${(ROUNDS - 1) % 50}`]).toBe(`v${ROUNDS - 1}`);
  });
});
