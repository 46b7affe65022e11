import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { startKvsServer, type KvsServer } from '../../src/server';
import { exchange, open, readUntil } from '../helpers/raw-http';

describe('server: bad input gets an answer, changes nothing, and the server keeps answering', () => {
  let server: KvsServer;
  let arn: string;
  let keysPath: string;
  let state: () => unknown;
  beforeAll(async () => {
    server = await startKvsServer({ seed: 'bad-input', maxBodyBytes: 4096, requestTimeoutMs: 400 });
    arn = server.simulator.seedStore({ name: 'target', items: { a: '1' } });
    keysPath = `/key-value-stores/${encodeURIComponent(arn)}/keys`;
    server.simulator.seedFunction({ name: 'fn', code: 'function handler(e) { return e.request; }', keyValueStore: arn });
    state = () => {
      const { stores, functions, s3Objects, accounts } = server.simulator.snapshot();
      return { stores, functions, s3Objects, accounts };
    };
  });
  afterAll(() => server.close());

  /** The state is as seeded and a GetKey still answers. */
  async function unchangedAndAnswering(before: unknown) {
    expect(state()).toEqual(before);
    const response = await exchange(server.port, `GET ${keysPath}/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).Value).toBe('1');
  }

  const put = (body: string, extra = '') =>
    `PUT ${keysPath}/a HTTP/1.1\r\nHost: x\r\nIf-Match: ${server.simulator.getStore(arn)!.ETag}\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

  it('an over-limit body: 413 in the plane envelope, whether declared or streamed', async () => {
    const before = state();
    const declared = await exchange(server.port, put(JSON.stringify({ Value: 'x'.repeat(5000) })));
    expect(declared.status).toBe(413);
    expect(declared.headers['x-amzn-errortype']).toBe('RequestEntityTooLarge');
    expect(JSON.parse(declared.body).Message).toContain('larger than 4096 bytes');
    const chunk = 'x'.repeat(3000);
    const chunked = `PUT ${keysPath}/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const streamed = await exchange(server.port, chunked);
    expect(streamed.status).toBe(413);
    await unchangedAndAnswering(before);
  });

  it('a malformed escape in the query: the operation\'s validation error, never a 500', async () => {
    const before = state();
    const listed = await exchange(server.port, `GET ${keysPath}?MaxResults=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(listed.status).toBe(400);
    expect(listed.headers['x-amzn-errortype']).toBe('ValidationException');
    await unchangedAndAnswering(before);
  });

  it('a truncated body: 408 RequestTimeout once the request timeout passes', async () => {
    const before = state();
    const whole = put(JSON.stringify({ Value: 'new' }));
    const response = await exchange(server.port, whole.slice(0, whole.length - 5), 3_000);
    expect(response.status).toBe(408);
    expect(response.headers['x-amzn-errortype']).toBe('RequestTimeout');
    await unchangedAndAnswering(before);
  });

  it('malformed JSON and XML: the protocol errors of each plane', async () => {
    const before = state();
    const json = await exchange(server.port, put('{"Value": '));
    expect(json.status).toBe(400);
    expect(json.headers['x-amzn-errortype']).toBe('SerializationException');
    const xml = '<CreateKeyValueStoreRequest><Name>x</Nam';
    const control = await exchange(server.port, `POST /2020-05-31/key-value-store HTTP/1.1\r\nHost: x\r\nContent-Length: ${xml.length}\r\n\r\n${xml}`);
    expect(control.status).toBe(400);
    expect(control.body).toContain('<Code>MalformedXML</Code>');
    await unchangedAndAnswering(before);
  });

  it('an unknown path or method: the plane envelope under a plane, a plain 404 elsewhere', async () => {
    const before = state();
    const data = await exchange(server.port, `DELETE ${keysPath} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(data.status).toBe(404);
    expect(data.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    const control = await exchange(server.port, `PATCH /2020-05-31/key-value-store HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(control.status).toBe(404);
    expect(control.body).toContain('<Code>NoSuchResource</Code>');
    const elsewhere = await exchange(server.port, `GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers['content-type']).toMatch(/^text\/plain/);
    const admin = await exchange(server.port, `GET /_kvs-mock/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(admin.status).toBe(404);
    expect(JSON.parse(admin.body).message).toContain('is not part of the admin API');
    await unchangedAndAnswering(before);
  });

  it('malformed HTTP, a header flood and a slow client: a plain 4xx, and the connection closed', async () => {
    const before = state();
    const garbage = await exchange(server.port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(garbage.status).toBe(400);
    const flood = await exchange(server.port, `GET ${keysPath}/a HTTP/1.1\r\nHost: x\r\nX-Flood: ${'y'.repeat(20_000)}\r\n\r\n`);
    expect(flood.status).toBe(431);
    const many = await exchange(server.port, `GET ${keysPath}/a HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: 1\r\n`).join('')}\r\n`);
    expect(many.status).toBe(431);
    // Headers that never end: dropped with 408 once the request timeout passes.
    const slow = await open(server.port);
    slow.write(`GET ${keysPath}/a HTTP/1.1\r\nHost: x\r\n`);
    const { text, closed } = await readUntil(slow, () => false, 4_000);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(closed).toBe(true);
    await unchangedAndAnswering(before);
  });

  it('survives a fuzz of malformed requests (bounded), state unchanged', async () => {
    const before = state();
    const methods = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'G\u00e9T', ''];
    const paths = [keysPath, `${keysPath}/a`, `${keysPath}/%ZZ`, `/key-value-stores/${encodeURIComponent(arn)}`, '/2020-05-31/key-value-store', '/2020-05-31/function/fn/test', '/2020-05-31/tagging', '/_kvs-mock/faults', '*', 'http://x', '/../../etc/passwd'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.constantFrom(...paths),
        fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{"Value":', '<a>', '{"Puts":[{"Key":1}]}', '\u0000\u0001'), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))),
        // A body shorter than declared waits for the request timeout: one request in five.
        fc.constantFrom(false, false, false, false, true),
        async (method, path, body, lie) => {
          const length = lie ? Buffer.byteLength(body, 'latin1') + 7 : Buffer.byteLength(body, 'latin1');
          const request = Buffer.concat([Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: x\r\nIf-Match: KVnot\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`, 'latin1'), Buffer.from(body, 'latin1')]);
          const response = await exchange(server.port, request, 3_000);
          // Every request is answered: a status, never a hang or a crash.
          expect(response.status).toBeGreaterThanOrEqual(200);
        },
      ),
      { numRuns: 100, seed: 22 },
    );
    await exchange(server.port, randomBytes(512));
    await unchangedAndAnswering(before);
  });
});
