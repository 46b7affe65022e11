/**
 * A small typed client of the server's admin API (`/_kvs-mock/`), for a test in another process
 * than the server: the same abilities as the simulator's own methods, over `fetch`.
 */
import { KvsMockUsageError } from '../errors';
import type { FaultSpec } from '../harness/faults';
import type { SeedFunctionOptions } from '../harness/functions';
import type { SeedStoreOptions, StoreState } from '../harness/seeding';
import type { KvsSnapshot } from '../harness/snapshot';

/** A call log entry as the admin API sends it: errors by name and message, the time as ISO text, bytes as UTF-8 text. */
export interface AdminCallRecord {
  clientName: string;
  plane: 'data' | 'control';
  operation: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  error?: { name: string; message: string; status?: number };
  time: string;
  requestId: string;
  accountId: string;
}

/** A fault as JSON: the simulator's {@link FaultSpec} without its functions, plus `match` and `transportError`. */
export interface AdminFaultSpec extends Omit<FaultSpec, 'when' | 'before' | 'error'> {
  error?: Exclude<FaultSpec['error'], Error>;
  /** Only calls whose input has these top-level values, e.g. `{ Key: 'hot' }`. */
  match?: Record<string, unknown>;
  /** Drops the connection instead of answering, as a network failure would; the text is for the log. */
  transportError?: string;
}

/** The server's clock. */
export interface AdminClockState {
  time: string;
  epochMs: number;
  frozen: boolean;
}

/**
 * Talks to a running server's admin API.
 *
 * @example
 * ```ts
 * const admin = new KvsAdminClient(process.env.CLOUDFRONT_KVS_MOCK_ENDPOINT!);
 * await admin.reset();
 * const arn = await admin.seedStore({ name: 'redirects', items: { '/old': '/new' } });
 * await admin.injectFault({ operation: 'PutKey', error: 'ConflictException' });
 * expect((await admin.calls({ operation: 'PutKey' })).length).toBe(1);
 * ```
 */
export class KvsAdminClient {
  readonly #base: string;

  /** `url`: the server's URL (`server.url`, `CLOUDFRONT_KVS_MOCK_ENDPOINT`). */
  constructor(url: string) {
    this.#base = `${url.replace(/\/+$/, '')}/_kvs-mock/`;
  }

  /** Whether the server answers, and its account and seed. */
  health(): Promise<{ status: 'ok'; accountId: string; seed: string }> {
    return this.#send('GET', 'health');
  }

  /** Forgets every store, function, call and fault (`simulator.reset()`). */
  async reset(): Promise<void> {
    await this.#send('POST', 'reset');
  }

  /** The whole state as a snapshot (`simulator.snapshot()`). */
  snapshot(): Promise<KvsSnapshot> {
    return this.#send('GET', 'snapshot');
  }

  /** Replaces the state with a snapshot (`simulator.loadSnapshot()`). */
  async loadSnapshot(snapshot: KvsSnapshot | string): Promise<void> {
    await this.#send('PUT', 'snapshot', typeof snapshot === 'string' ? JSON.parse(snapshot) : snapshot);
  }

  /** Creates a READY store and returns its ARN (`simulator.seedStore()`; `importFile` as text). */
  async seedStore(options: Omit<SeedStoreOptions, 'importFile'> & { importFile?: string } = {}): Promise<string> {
    return (await this.#send<{ arn: string }>('POST', 'stores', options)).arn;
  }

  /** A store as it is now, by ARN or name, or undefined (`simulator.getStore()`). */
  async getStore(arnOrName: string, accountId?: string): Promise<StoreState | undefined> {
    const query = accountId === undefined ? '' : `?accountId=${encodeURIComponent(accountId)}`;
    return this.#send<StoreState>('GET', `stores/${encodeURIComponent(arnOrName)}${query}`, undefined, true);
  }

  /** Creates a CloudFront function from its code and returns its ARN (`simulator.seedFunction()`). */
  async seedFunction(options: SeedFunctionOptions): Promise<string> {
    return (await this.#send<{ arn: string }>('POST', 'functions', options)).arn;
  }

  /** Stores an S3 object for CreateKeyValueStore's ImportSource (`simulator.putS3Object()`). */
  async putS3Object(location: string | { Bucket: string; Key: string }, body: string | object): Promise<void> {
    await this.#send('POST', 's3-objects', { location, body });
  }

  /** The call log, the latest calls the server keeps, optionally filtered. */
  async calls(filter: { operation?: string; plane?: 'data' | 'control'; clientName?: string } = {}): Promise<AdminCallRecord[]> {
    const query = new URLSearchParams(filter as Record<string, string>).toString();
    return (await this.#send<{ calls: AdminCallRecord[] }>('GET', `calls${query ? `?${query}` : ''}`)).calls;
  }

  /** Empties the call log. */
  async clearCalls(): Promise<void> {
    await this.#send('DELETE', 'calls');
  }

  /** Makes matching calls fail or wait (`simulator.injectFault()`); `times: Infinity` is sent as `"Infinity"`. */
  async injectFault(spec: AdminFaultSpec): Promise<{ remaining: number }> {
    const body = spec.times === Infinity ? { ...spec, times: 'Infinity' } : spec;
    return this.#send('POST', 'faults', body);
  }

  /** Drops every injected fault. */
  async clearFaults(): Promise<void> {
    await this.#send('DELETE', 'faults');
  }

  /** The server's clock. */
  clock(): Promise<AdminClockState> {
    return this.#send('GET', 'clock');
  }

  /** Moves the clock forward, sets it, or freezes it (it runs with real time unless frozen). */
  setClock(change: { advanceMs?: number; time?: string | number; frozen?: boolean }): Promise<AdminClockState> {
    return this.#send('POST', 'clock', change);
  }

  async #send<T>(method: string, path: string, body?: unknown, notFoundIsUndefined = false): Promise<T> {
    const response = await fetch(this.#base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (notFoundIsUndefined && response.status === 404) return undefined as T;
    if (!response.ok) {
      const message = text.startsWith('{') ? (JSON.parse(text) as { message?: string }).message : text;
      const line = `${method} /_kvs-mock/${path}: ${response.status} ${message ?? ''}`.trim();
      // A refusal of what was sent is a misuse; anything else is the server's trouble.
      if (response.status < 500) throw new KvsMockUsageError(line);
      throw new Error(`[cloudfront-kvs-mock] ${line}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
