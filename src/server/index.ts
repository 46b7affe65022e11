/**
 * Server mode: the simulator as a local HTTP endpoint for every process and language. Both
 * planes answered from one simulator, routed by method and path alone; the admin API under
 * `/_kvs-mock/`; its own forward proxy for clients that put the account id in front of the host.
 *
 * @packageDocumentation
 */
import { createKvsSimulator, type KvsSimulator } from '../simulator';
import { KvsAdminClient } from './admin-client';
import { serverClock } from './clock';
import { childEnvironment } from './env';
import { createRequestHandler, type ServerContext } from './handler';
import { listen } from './listen';
import { openStateFile } from './open-state';
import { isLoopback, resolveServerOptions, type KvsServerOptions } from './options';

export { KvsAdminClient, type AdminCallRecord, type AdminClockState, type AdminFaultSpec } from './admin-client';
export { DEFAULT_PORT, type KvsServerOptions } from './options';
export { PortInUseError } from './listen';
export type { StateFile } from './state-types';
export { kvsServerClientConfig, type CloudFrontServerConfig, type KeyValueStoreServerConfig, type KvsServerClientConfig } from '../connect/client-config';

/** A running server. */
export interface KvsServer {
  /** `http://localhost:PORT` (the endpoint rules refuse an IP address). */
  url: string;
  port: number;
  /** Variables for a child process: the endpoint, a proxy, a region and placeholder credentials (see docs/server.md). */
  env: Record<string, string>;
  /** The simulator that answers: seed, snapshot, inspect calls, inject faults as in-process. */
  simulator: KvsSimulator;
  /** The admin API's client, pointed at this server. */
  admin: KvsAdminClient;
  /** Stops accepting, finishes the requests in flight, flushes the state file, and resolves when all is closed. */
  close(): Promise<void>;
}

/**
 * Starts a server that answers both planes of CloudFront KeyValueStore (and the CloudFront
 * Functions operations) from one simulator, on loopback. For jest or vitest `globalSetup`, or
 * any process that hands the endpoint to others.
 *
 * @example
 * ```ts
 * import { startKvsServer } from 'cloudfront-kvs-mock/server';
 *
 * const server = await startKvsServer({ seed: 'e2e' });
 * const arn = server.simulator.seedStore({ name: 'redirects', items: { '/old': '/new' } });
 * const app = spawn('node', ['app.js'], { env: { ...process.env, ...server.env } });
 * // ...
 * await server.close();
 * ```
 */
export async function startKvsServer(options: KvsServerOptions = {}): Promise<KvsServer> {
  const resolved = resolveServerOptions(options);
  const clock = serverClock();
  const simulator = createKvsSimulator({ ...resolved.simulator, clock });
  simulator.limitCallLog(resolved.callLogLimit);
  const state = resolved.stateFile === undefined ? undefined : await openStateFile(resolved.stateFile, simulator);
  const context: ServerContext = { simulator, clock, options: resolved, state, closing: false, inFlight: 0, idle: undefined };
  let listening;
  try {
    listening = await listen(createRequestHandler(context), resolved.host, resolved.port, resolved);
  } catch (error) {
    await state?.close();
    throw error;
  }
  const { servers, port } = listening;
  const host = resolved.host;
  if (host !== undefined && !isLoopback(host)) {
    resolved.onWarning(`[cloudfront-kvs-mock] the server listens on ${host}:${port}: whoever reaches that address can read and write its stores. Leave host out to serve loopback only.`);
  }
  const local = host === undefined || isLoopback(host) || host === '0.0.0.0' || host === '::';
  const url = local ? `http://localhost:${port}` : `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    env: childEnvironment(url, local ? '127.0.0.1' : host, port),
    simulator,
    admin: new KvsAdminClient(url),
    close: () => (closed ??= shutDown(context, servers)),
  };
}

/** Stops accepting, lets what is in flight finish (at most 10 s), then flushes the state file. */
async function shutDown(context: ServerContext, servers: import('node:http').Server[]): Promise<void> {
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
  const force = setTimeout(() => servers.forEach((server) => server.closeAllConnections()), 1_000);
  await allClosed;
  clearTimeout(force);
  await context.state?.close();
}
