/** The server's options, their defaults, and the checks that turn a misuse into a usage error that says what to do. */
import { KvsMockUsageError } from '../errors';
import type { KvsSimulatorOptions } from '../harness/options';
import { checkKeys } from '../harness/options';

/** The port the CLI listens on when `--port` is not given. */
export const DEFAULT_PORT = 4567;

/** Options of {@link startKvsServer}. Every one is optional. */
export interface KvsServerOptions extends Pick<KvsSimulatorOptions, 'accountId' | 'provisioningDelayMs' | 'quotas' | 'seed' | 'snapshot'> {
  /** The port to listen on (default 0: a free one; read it back from `server.port`). */
  port?: number;
  /**
   * The address to listen on (default: loopback, 127.0.0.1 and ::1 where the machine has it).
   * Any other address is served as asked, with a warning: whoever reaches it can read and write.
   */
  host?: string;
  /** How many calls the call log keeps, the latest ones (default 1000). */
  callLogLimit?: number;
  /** A state file: every acknowledged write is on disk before its response is sent, and a restart resumes from it. */
  stateFile?: string;
  /** The largest request body read, in bytes (default 16 MiB); a larger one is refused with 413. */
  maxBodyBytes?: number;
  /** How long a request may take to arrive in full, in ms (default 30,000); a slower one is answered 408. */
  requestTimeoutMs?: number;
  /** Where warnings go (default: `console.warn`). */
  onWarning?: (message: string) => void;
}

export interface ResolvedServerOptions {
  port: number;
  host: string | undefined;
  callLogLimit: number;
  stateFile: string | undefined;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  onWarning: (message: string) => void;
  simulator: KvsSimulatorOptions;
}

const SERVER_KEYS = ['port', 'host', 'callLogLimit', 'stateFile', 'maxBodyBytes', 'requestTimeoutMs', 'onWarning'] as const;
const SIMULATOR_KEYS = ['accountId', 'provisioningDelayMs', 'quotas', 'seed', 'snapshot'] as const;

/** Checks `options` and fills in the defaults; the simulator's own options are checked when it is created. */
export function resolveServerOptions(options: KvsServerOptions): ResolvedServerOptions {
  checkKeys(options, [...SERVER_KEYS, ...SIMULATOR_KEYS], 'startKvsServer(options)');
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KvsMockUsageError(`startKvsServer(): port must be a whole number from 0 (a free port) to 65535, got ${String(port)}.`);
  if (options.host !== undefined && (typeof options.host !== 'string' || options.host === '')) throw new KvsMockUsageError('startKvsServer(): host must be an address to listen on, e.g. 127.0.0.1.');
  if (options.stateFile !== undefined && (typeof options.stateFile !== 'string' || options.stateFile === '')) throw new KvsMockUsageError('startKvsServer(): stateFile must be a file path.');
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') throw new KvsMockUsageError('startKvsServer(): onWarning must be a function taking the message.');
  const simulator: KvsSimulatorOptions = {};
  for (const key of SIMULATOR_KEYS) if (options[key] !== undefined) (simulator as Record<string, unknown>)[key] = options[key];
  return {
    port,
    host: options.host,
    callLogLimit: positive(options.callLogLimit, 1000, 'callLogLimit'),
    stateFile: options.stateFile,
    maxBodyBytes: positive(options.maxBodyBytes, 16 * 1024 * 1024, 'maxBodyBytes'),
    requestTimeoutMs: positive(options.requestTimeoutMs, 30_000, 'requestTimeoutMs'),
    onWarning: options.onWarning ?? ((message) => console.warn(message)),
    simulator,
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new KvsMockUsageError(`startKvsServer(): ${name} must be a whole number >= 1, got ${String(value)}.`);
  return value;
}

/** Whether an address is the machine's own: served without a warning. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
