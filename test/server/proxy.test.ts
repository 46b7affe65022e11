import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startKvsServer, type KvsServer } from '../../src/server';
import { complete, exchange, open, parseResponse, readUntil } from '../helpers/raw-http';

describe('server: its own forward proxy, any host, any signature', () => {
  let server: KvsServer;
  let arn: string;
  let keyPath: string;
  beforeAll(async () => {
    server = await startKvsServer({ seed: 'proxy' });
    arn = server.simulator.seedStore({ items: { 'k/1': 'v1' } });
    keyPath = `/key-value-stores/${encodeURIComponent(arn)}/keys/${encodeURIComponent('k/1')}`;
  });
  afterAll(() => server.close());

  const host = () => `123456789012.localhost:${server.port}`;

  it('answers an absolute-form request line for the account-prefixed host', async () => {
    const response = await exchange(server.port, `GET http://${host()}${keyPath} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ Key: 'k/1', Value: 'v1', ItemCount: 1, TotalSizeInBytes: 6 });
  });

  it('answers whatever the Host header and signature: SigV4a, SigV4 or none', async () => {
    const signatures = [
      'AWS4-ECDSA-P256-SHA256 Credential=AKID/20260101/cloudfront-keyvaluestore/aws4_request, SignedHeaders=host, Signature=3045',
      'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cloudfront-keyvaluestore/aws4_request, SignedHeaders=host, Signature=ab',
      undefined,
    ];
    for (const authorization of signatures) {
      const headers = `Host: some.other.name\r\n${authorization ? `Authorization: ${authorization}\r\n` : ''}Connection: close\r\n`;
      const response = await exchange(server.port, `GET ${keyPath} HTTP/1.1\r\n${headers}\r\n`);
      expect(response.status).toBe(200);
    }
  });

  it('tunnels CONNECT to its own address into itself, for several requests on the tunnel', async () => {
    const socket = await open(server.port);
    socket.write(`CONNECT ${host()} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
    const established = await readUntil(socket, (text) => text.includes('\r\n\r\n'));
    expect(established.text).toMatch(/^HTTP\/1\.1 200 /);
    for (let i = 0; i < 2; i++) {
      socket.write(`GET ${keyPath} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
      const { text } = await readUntil(socket, complete);
      expect(parseResponse(text).status).toBe(200);
      expect(JSON.parse(parseResponse(text).body).Value).toBe('v1');
    }
    socket.destroy();
  });

  it('refuses CONNECT anywhere else: nothing leaves the machine', async () => {
    for (const target of ['123456789012.cloudfront-kvs.global.api.aws:443', `example.com:${server.port}`, 'localhost:1']) {
      const response = await exchange(server.port, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      expect(response.status).toBe(403);
      expect(response.body).toContain('tunnels only to itself');
      expect(response.headers['connection']).toBe('close');
    }
  });

  it('serves IPv6 loopback at the same port where the machine has it', async () => {
    const response = await fetch(`http://[::1]:${server.port}/_kvs-mock/health`).catch(() => undefined);
    // A machine without ::1 is served on 127.0.0.1 only.
    if (response) expect(response.status).toBe(200);
    expect(server.url).toBe(`http://localhost:${server.port}`);
  });
});
