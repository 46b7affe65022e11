/**
 * Serving a simulator: the listening sockets, the URL and environment to advertise, and an
 * orderly close (stop accepting, finish what is in flight, flush the state file).
 */
import type { Server } from 'node:http';
import { childEnvironment } from './env';
import { createRequestHandler, type ServerContext } from './handler';
import { listen } from './listen';
import { isLoopback } from './options';

export interface Served {
  url: string;
  port: number;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Listens as `context.options` say and answers from `context.simulator` (read per request). */
export async function serve(context: ServerContext): Promise<Served> {
  const { options, state } = context;
  let listening;
  try {
    listening = await listen(createRequestHandler(context), options.host, options.port, options);
  } catch (error) {
    await state?.close();
    throw error;
  }
  const { servers, port } = listening;
  const host = options.host;
  if (host !== undefined && !isLoopback(host)) {
    options.onWarning(`[cloudfront-kvs-mock] the server listens on ${host}:${port}: whoever reaches that address can read and write its stores. Leave host out to serve loopback only.`);
  }
  // The endpoint rules refuse an IP address: advertise a name whenever the machine's own will do.
  const local = host === undefined || isLoopback(host) || host === '0.0.0.0' || host === '::';
  const url = local ? `http://localhost:${port}` : `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  return { url, port, env: childEnvironment(url, local ? '127.0.0.1' : host, port), close: () => (closed ??= shutDown(context, servers)) };
}

/** Stops accepting, lets what is in flight finish (at most 10 s), then flushes the state file. */
async function shutDown(context: ServerContext, servers: Server[]): Promise<void> {
  context.closing = true;
  const allClosed = Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  for (const server of servers) server.closeIdleConnections();
  if (context.inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      context.idle = () => (clearTimeout(timer), resolve());
    });
  }
  for (const server of servers) server.closeIdleConnections();
  // A client that keeps its connection open after its last response is cut off after a second.
  const force = setTimeout(() => servers.forEach((server) => server.closeAllConnections()), 1_000);
  await allClosed;
  clearTimeout(force);
  await context.state?.close();
}
