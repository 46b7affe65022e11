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
import { openStateFile, type StateFile } from './state';
import { isWrite } from './state/effects';
import { resolveServerOptions, type KvsServerOptions } from './options';
import { serve } from './serve';

export { KvsAdminClient, type AdminCallRecord, type AdminClockState, type AdminFaultSpec } from './admin-client';
export { DEFAULT_PORT, type KvsServerOptions } from './options';
export { PortInUseError } from './listen';
export type { StateFile, StateFileStats } from './state';
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
  if (state) keepInStep(simulator, state);
  const served = await serve({ simulator, clock, options: resolved, state, closing: false, inFlight: 0, idle: undefined });
  return { url: served.url, port: served.port, env: served.env, simulator, admin: new KvsAdminClient(served.url), close: served.close };
}

/** What changes the state without a request to the server (the test's own process) goes to the state file too. */
const CHANGES_STATE = ['seedStore', 'seedFunction', 'putS3Object', 'loadSnapshot', 'reset'] as const;

/**
 * Keeps `state` in step with everything that changes `simulator`: every successful write is
 * journaled as it succeeds, however it arrived (over HTTP, whose answer then waits for the same
 * record, or from a client attached in this process), and seeding, resets and loaded snapshots
 * made on `server.simulator` itself write a snapshot, as the admin API's do.
 */
function keepInStep(simulator: KvsSimulator, state: StateFile): void {
  // A failure to write is the server's to report (it answers 500 to the write waiting for it).
  const quietly = (written: Promise<void>) => void written.catch(() => undefined);
  simulator.observeSuccesses((call) => {
    if (isWrite(call)) quietly(state.afterWrite(call));
  });
  for (const name of CHANGES_STATE) {
    const original = simulator[name].bind(simulator) as (...args: unknown[]) => unknown;
    Object.defineProperty(simulator, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        const result = original(...args);
        quietly(state.afterAdmin());
        return result;
      },
    });
  }
}
