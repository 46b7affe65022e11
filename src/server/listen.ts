/**
 * The listening sockets: loopback on IPv4 and, where the machine has it, IPv6 at the same port
 * (`localhost` may resolve to either), or the one address the caller asked for. Malformed HTTP,
 * a header flood and a slow client are answered by plain 4xx responses and cost the server nothing.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { tunnelIntoSelf } from './connect';

export interface Listening {
  servers: Server[];
  port: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The error a port in use gives: says which one, and what to do. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(host: string, port: number) {
    super(`[cloudfront-kvs-mock] port ${port} on ${host} is in use by another process: stop it, or choose another port (--port / port; 0 picks a free one).`);
    this.name = 'PortInUseError';
  }
}

export async function listen(handler: Handler, host: string | undefined, port: number, timeouts: { requestTimeoutMs: number }): Promise<Listening> {
  if (host !== undefined) {
    const server = build(handler, () => bound, host, timeouts);
    const bound = await bind(server, host, port);
    return { servers: [server], port: bound };
  }
  // A free port on IPv4 may be taken on IPv6: try a few.
  for (let attempt = 0; ; attempt++) {
    let bound = 0;
    const v4 = build(handler, () => bound, undefined, timeouts);
    bound = await bind(v4, '127.0.0.1', port);
    const v6 = build(handler, () => bound, undefined, timeouts);
    try {
      await bind(v6, '::1', bound);
      return { servers: [v4, v6], port: bound };
    } catch (error) {
      const code = (error as { code?: string }).code;
      // No IPv6 loopback here: IPv4 alone.
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'EINVAL') return { servers: [v4], port: bound };
      await new Promise((resolve) => v4.close(resolve));
      if (port !== 0 || attempt >= 4) throw error;
    }
  }
}

function build(handler: Handler, port: () => number, host: string | undefined, timeouts: { requestTimeoutMs: number }): Server {
  // node:http's own limits back ours up: headers within the request timeout (a slow client is
  // answered 408 and dropped), checked often enough that a stalled connection does not linger.
  const { requestTimeoutMs } = timeouts;
  const server = createServer(
    {
      noDelay: true,
      headersTimeout: Math.min(requestTimeoutMs, 10_000),
      requestTimeout: requestTimeoutMs + 5_000,
      connectionsCheckingInterval: Math.min(1_000, Math.max(100, requestTimeoutMs >> 2)),
    },
    handler,
  );
  server.keepAliveTimeout = 5_000;
  server.on('connect', tunnelIntoSelf(server, port, host));
  server.on('clientError', answerClientError);
  return server;
}

function bind(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.removeListener('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
    };
    const onListening = () => {
      server.removeListener('error', onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, exclusive: true });
  });
}

/** A request node:http could not parse: a plain 4xx, and the connection closed. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = `${STATUS_CODES[status]}: ${status === 400 ? 'the request is not well-formed HTTP/1.1' : status === 431 ? 'the request headers are larger than 16 KB' : 'the request did not arrive in time'}.\n`;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
