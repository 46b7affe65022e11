import { randomUUID } from 'node:crypto';
import { type Clock } from './core/clock';
import { checkImportData } from './core/import-file';
import { DEFAULT_QUOTAS, type Quotas } from './core/quotas';
import { KvsService } from './core/service';
import type { KeyValueStore, StoreStatus } from './core/store';
import { KvsMockUsageError } from './errors';
import { CONTROL_PLANE, DATA_PLANE, type Operation } from './operations';
import { MIDDLEWARE_NAME, createMiddleware, type Binding, type Call, type CallRecord, type CommandTarget, type UnhandledPolicy } from './sdk/middleware';

/** Options of {@link createKvsSimulator}. Every one is optional. */
export interface KvsSimulatorOptions {
  /** The account that owns stores created through attached CloudFront clients and seeding (default `123456789012`). */
  accountId?: string;
  /** Where simulated time comes from, in epoch ms or as a Date (default `Date.now`, so jest/vitest fake timers apply). */
  clock?: Clock;
  /** Seeds the ids, ETags, request ids and page tokens so a run can be replayed (default: random; read it back from `simulator.seed`). */
  seed?: number | string;
  /** Overrides of AWS's default quotas. */
  quotas?: Partial<Quotas>;
  /** How long a created store stays `PROVISIONING` on the simulator's clock (default 0: `READY` on the next call). */
  provisioningDelayMs?: number;
  /** What to do with other commands of these clients, e.g. CreateDistribution (default `'throw'`). */
  onUnhandled?: UnhandledPolicy;
}

/** Options of {@link KvsSimulator.attach}. */
export interface AttachOptions {
  /** The account a CloudFront (control-plane) client acts for (default: the simulator's `accountId`). */
  accountId?: string;
}

/** Pairs for a seeded store: an object of key to value, or the S3 import format's `data` array. */
export type SeedItems = Readonly<Record<string, string>> | ReadonlyArray<{ key: string; value: string }>;

/** Options of {@link KvsSimulator.seedStore}. */
export interface SeedStoreOptions {
  /** Store name, unique per account (default `seeded-store-1`, `-2`, …). */
  name?: string;
  comment?: string;
  items?: SeedItems;
  /** Owning account (default: the simulator's `accountId`). */
  accountId?: string;
}

/** A store as it is now: both planes' metadata and every pair, as plain data. */
export interface StoreState {
  Name: string;
  Id: string;
  ARN: string;
  AccountId: string;
  Comment: string;
  Status: StoreStatus;
  FailureReason?: string;
  /** The data-plane ETag (`KV…`). */
  ETag: string;
  /** The control-plane ETag (`E…`). */
  ControlETag: string;
  ItemCount: number;
  TotalSizeInBytes: number;
  Created: Date;
  LastModified: Date;
  Items: Record<string, string>;
  Tags: Record<string, string>;
}

/** A client of either KVS client package, as far as attaching needs to know it. */
export interface AttachableClient {
  middlewareStack: {
    add(middleware: any, options: any): void;
    remove(toRemove: any): boolean;
  };
  config: unknown;
}

const OPTION_KEYS = ['accountId', 'clock', 'seed', 'quotas', 'provisioningDelayMs', 'onUnhandled'] as const;
const ACCOUNT_ID = /^\d{12}$/;
const STORE_NAME = /^[a-zA-Z0-9-_]{1,64}$/;

/**
 * An in-memory CloudFront KeyValueStore service (both planes) that real SDK clients talk to.
 * Create one with {@link createKvsSimulator}.
 */
export class KvsSimulator implements CommandTarget {
  /** The seed in use: pass it back as `seed` to replay a run's ids and ETags. */
  readonly seed: string;
  readonly #service: KvsService;
  readonly #onUnhandled: UnhandledPolicy;
  readonly #attached = new Map<AttachableClient, Binding>();
  readonly #calls: CallRecord[] = [];
  #seeded = 0;

  constructor(options: KvsSimulatorOptions = {}) {
    checkOptions(options);
    this.seed = options.seed === undefined ? randomUUID() : String(options.seed);
    this.#onUnhandled = options.onUnhandled ?? 'throw';
    this.#service = new KvsService({
      accountId: options.accountId ?? '123456789012',
      clock: options.clock ?? Date.now,
      seed: this.seed,
      quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
      provisioningDelayMs: options.provisioningDelayMs ?? 0,
    });
  }

  /** The account that owns stores by default. */
  get accountId(): string {
    return this.#service.config.accountId;
  }

  /**
   * Routes every command of one client instance to this simulator: the way to hand a client
   * to code under test. Works on `CloudFrontKeyValueStoreClient` and `CloudFrontClient`,
   * needs no region and no credentials, and returns the client.
   *
   * @example
   * ```ts
   * const kvs = createKvsSimulator();
   * const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
   * const arn = kvs.seedStore({ items: { greeting: 'hello' } });
   * const { Value } = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'greeting' }));
   * ```
   */
  attach<C extends AttachableClient>(client: C, options: AttachOptions = {}): C {
    if (!client || typeof client !== 'object' || typeof client.middlewareStack?.add !== 'function') {
      throw new KvsMockUsageError('attach(client) takes an SDK v3 client instance, e.g. new CloudFrontKeyValueStoreClient({}) or new CloudFrontClient({}).');
    }
    checkKeys(options, ['accountId'], 'attach(client, options)');
    const accountId = options.accountId ?? this.accountId;
    if (!ACCOUNT_ID.test(accountId)) throw new KvsMockUsageError(`attach(): accountId must be 12 digits, got ${JSON.stringify(accountId)}.`);
    this.#service.account(accountId);
    const binding: Binding = { target: this, accountId, onUnhandled: this.#onUnhandled };
    client.middlewareStack.add(createMiddleware(() => binding, client.config), {
      step: 'initialize',
      priority: 'high',
      name: MIDDLEWARE_NAME,
      override: true,
    });
    dropCachedHandlers(client);
    this.#attached.set(client, binding);
    return client;
  }

  /**
   * Takes the simulator off a client attached with {@link attach}; the client then behaves as a
   * bare SDK client. Returns false when the client was not attached.
   *
   * @example
   * ```ts
   * kvs.detach(client);
   * ```
   */
  detach(client: AttachableClient): boolean {
    if (!this.#attached.delete(client)) return false;
    client.middlewareStack.remove(MIDDLEWARE_NAME);
    dropCachedHandlers(client);
    return true;
  }

  /**
   * Forgets every store, S3 object and account and rewinds the id generator: the simulator is
   * as new (attached clients stay attached). Call it between tests.
   *
   * @example
   * ```ts
   * afterEach(() => kvs.reset());
   * ```
   */
  reset(): void {
    this.#service.reset();
    this.#calls.length = 0;
    this.#seeded = 0;
    for (const binding of this.#attached.values()) this.#service.account(binding.accountId);
  }

  /**
   * Creates a `READY` store holding `items` and returns its ARN, for tests that need a store
   * without going through CreateKeyValueStore. Items follow the service's limits.
   *
   * @example
   * ```ts
   * const arn = kvs.seedStore({ name: 'redirects', items: { '/old': '/new' } });
   * const arn2 = kvs.seedStore({ items: [{ key: 'a', value: '1' }] }); // S3 import format
   * ```
   */
  seedStore(options: SeedStoreOptions = {}): string {
    checkKeys(options, ['name', 'comment', 'items', 'accountId'], 'seedStore(options)');
    const accountId = options.accountId ?? this.accountId;
    if (!ACCOUNT_ID.test(accountId)) throw new KvsMockUsageError(`seedStore(): accountId must be 12 digits, got ${JSON.stringify(accountId)}.`);
    const account = this.#service.account(accountId);
    let name = options.name;
    if (name === undefined) {
      do name = `seeded-store-${++this.#seeded}`;
      while (account.stores.has(name));
    }
    if (typeof name !== 'string' || !STORE_NAME.test(name)) {
      throw new KvsMockUsageError(`seedStore(): name must match ${STORE_NAME.source}, got ${JSON.stringify(name)}.`);
    }
    if (account.stores.has(name)) throw new KvsMockUsageError(`seedStore(): a store named ${JSON.stringify(name)} already exists in account ${accountId}; choose another name or call reset() first.`);
    if (options.comment !== undefined && (typeof options.comment !== 'string' || [...options.comment].length > 128)) {
      throw new KvsMockUsageError('seedStore(): comment must be a string of at most 128 characters.');
    }
    const data = toImportData(options.items);
    const checked = checkImportData(data, this.#service.config.quotas);
    if (!checked.ok) throw new KvsMockUsageError(`seedStore(): the items break a service limit. ${checked.reason}.`);
    const store = this.#service.createStore({ accountId, name, comment: options.comment, items: checked.items, provisioningDelayMs: 0 });
    return store.arn;
  }

  /**
   * Stores an S3 object that CreateKeyValueStore's `ImportSource` can read. The location is an
   * S3 object ARN, `s3://bucket/key`, or `{ Bucket, Key }`; the body is the file's text or bytes,
   * or an object that is written as JSON.
   *
   * @example
   * ```ts
   * kvs.putS3Object('arn:aws:s3:::my-bucket/import.json', { data: [{ key: 'k', value: 'v' }] });
   * ```
   */
  putS3Object(location: string | { Bucket: string; Key: string }, body: string | Uint8Array | object): void {
    const path = s3Path(location);
    let bytes: Uint8Array;
    if (typeof body === 'string') bytes = new TextEncoder().encode(body);
    else if (body instanceof Uint8Array) bytes = new Uint8Array(body);
    else if (body && typeof body === 'object') bytes = new TextEncoder().encode(JSON.stringify(body));
    else throw new KvsMockUsageError('putS3Object(): body must be a string, a Uint8Array or an object to write as JSON.');
    this.#service.s3Objects.set(path, bytes);
  }

  /**
   * The current state of a store, by ARN or by name (in the simulator's account, or `accountId`),
   * or undefined when there is no such live store. A copy: changing it changes nothing.
   *
   * @example
   * ```ts
   * expect(kvs.getStore(arn)?.Items).toEqual({ greeting: 'hello' });
   * ```
   */
  getStore(arnOrName: string, accountId: string = this.accountId): StoreState | undefined {
    const store = this.#service.storesByArn.get(arnOrName) ?? this.#service.accounts.get(accountId)?.stores.get(arnOrName);
    if (!store || store.deleted) return undefined;
    return storeState(store, this.#service.now());
  }

  /**
   * Every command that reached this simulator, in order, across both clients: client, operation,
   * input, the output or exception the caller got, and the time on the simulator's clock.
   * Pass an operation name (`'PutKey'`) or a predicate to filter. A copy of the log.
   *
   * @example
   * ```ts
   * const puts = kvs.calls('PutKey');
   * expect(puts[0]?.input).toMatchObject({ Key: 'greeting' });
   * expect(kvs.calls((c) => c.error?.name === 'ValidationException')).toHaveLength(0);
   * ```
   */
  calls(filter?: string | ((call: CallRecord) => boolean)): CallRecord[] {
    if (filter === undefined) return [...this.#calls];
    if (typeof filter === 'function') return this.#calls.filter(filter);
    return this.#calls.filter((c) => c.operation === filter);
  }

  /**
   * Empties the call log and keeps the stores.
   *
   * @example
   * ```ts
   * kvs.clearCalls();
   * ```
   */
  clearCalls(): void {
    this.#calls.length = 0;
  }

  /** @internal The middleware's question: is this an operation we simulate? */
  handles(plane: 'data' | 'control', operation: string): boolean {
    return (plane === 'data' ? DATA_PLANE : CONTROL_PLANE)[operation] !== undefined;
  }

  /** @internal */
  newRequestId(): string {
    return this.#service.newRequestId();
  }

  /** @internal Runs one command against the simulated service. */
  execute(call: Call): { status: number; output: Record<string, unknown> } {
    const operation: Operation = (call.plane === 'data' ? DATA_PLANE : CONTROL_PLANE)[call.operation]!;
    call.record = {
      clientName: call.clientName,
      plane: call.plane,
      operation: call.operation,
      input: call.input,
      time: new Date(this.#service.now()),
      requestId: call.requestId,
      accountId: call.accountId,
    };
    this.#calls.push(call.record);
    const output = operation.run(call.input, { service: this.#service, accountId: call.accountId });
    return { status: operation.successStatus ?? 200, output };
  }
}

/**
 * Creates a simulator of CloudFront KeyValueStore, both planes, in memory.
 *
 * @example
 * ```ts
 * import { createKvsSimulator } from 'cloudfront-kvs-mock';
 * import { CloudFrontKeyValueStoreClient, PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
 *
 * const kvs = createKvsSimulator({ seed: 42 });
 * const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
 * const arn = kvs.seedStore({ items: { a: '1' } });
 * ```
 */
export function createKvsSimulator(options: KvsSimulatorOptions = {}): KvsSimulator {
  return new KvsSimulator(options);
}

function storeState(store: KeyValueStore, now: number): StoreState {
  return {
    Name: store.name,
    Id: store.id,
    ARN: store.arn,
    AccountId: store.accountId,
    Comment: store.comment,
    Status: store.status(now),
    ...(store.failureReason === undefined ? {} : { FailureReason: store.failureReason }),
    ETag: store.etag,
    ControlETag: store.controlETag,
    ItemCount: store.itemCount,
    TotalSizeInBytes: store.totalSize,
    Created: new Date(store.created),
    LastModified: new Date(store.lastModified),
    Items: Object.fromEntries(store.keys.entries()),
    Tags: Object.fromEntries(store.tags),
  };
}

/** A client with `cacheMiddleware: true` keeps its built chain; it must be rebuilt to see a change. */
function dropCachedHandlers(client: object): void {
  delete (client as { handlers?: unknown }).handlers;
}

function toImportData(items: SeedItems | undefined): unknown[] {
  if (items === undefined) return [];
  if (Array.isArray(items)) return items;
  if (typeof items === 'object' && items !== null) return Object.entries(items).map(([key, value]) => ({ key, value }));
  throw new KvsMockUsageError('seedStore(): items must be an object of key to value or an array of { key, value }.');
}

function s3Path(location: string | { Bucket: string; Key: string }): string {
  if (typeof location === 'object' && location !== null && typeof location.Bucket === 'string' && typeof location.Key === 'string' && location.Bucket && location.Key) {
    return `${location.Bucket}/${location.Key}`;
  }
  if (typeof location === 'string') {
    const match = /^(?:arn:aws:s3:::|s3:\/\/)([^/]+\/.+)$/.exec(location);
    if (match) return match[1]!;
  }
  throw new KvsMockUsageError(`putS3Object(): the location must be an S3 object ARN (arn:aws:s3:::bucket/key), s3://bucket/key or { Bucket, Key }; got ${JSON.stringify(location)}.`);
}

function checkKeys(object: object, known: readonly string[], where: string): void {
  if (typeof object !== 'object' || object === null) throw new KvsMockUsageError(`${where} must be an object.`);
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new KvsMockUsageError(`${where}: unknown option ${JSON.stringify(key)}. Known options: ${known.join(', ')}.`);
  }
}

function checkOptions(options: KvsSimulatorOptions): void {
  checkKeys(options, OPTION_KEYS, 'createKvsSimulator(options)');
  if (options.accountId !== undefined && !ACCOUNT_ID.test(options.accountId)) {
    throw new KvsMockUsageError(`createKvsSimulator(): accountId must be 12 digits, got ${JSON.stringify(options.accountId)}.`);
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new KvsMockUsageError('createKvsSimulator(): clock must be a function returning epoch milliseconds or a Date, e.g. manualClock().');
  }
  if (options.seed !== undefined && typeof options.seed !== 'string' && typeof options.seed !== 'number') {
    throw new KvsMockUsageError('createKvsSimulator(): seed must be a string or a number.');
  }
  const delay = options.provisioningDelayMs;
  if (delay !== undefined && (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)) {
    throw new KvsMockUsageError(`createKvsSimulator(): provisioningDelayMs must be a number of milliseconds >= 0, got ${String(delay)}.`);
  }
  const policy = options.onUnhandled;
  if (policy !== undefined && policy !== 'throw' && policy !== 'passthrough' && typeof policy !== 'function') {
    throw new KvsMockUsageError(`createKvsSimulator(): onUnhandled must be 'throw', 'passthrough' or a function, got ${JSON.stringify(policy)}.`);
  }
  if (options.quotas !== undefined) {
    checkKeys(options.quotas, Object.keys(DEFAULT_QUOTAS), 'createKvsSimulator({ quotas })');
    for (const [key, value] of Object.entries(options.quotas)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw new KvsMockUsageError(`createKvsSimulator({ quotas }): ${key} must be a whole number >= 1, got ${String(value)}.`);
      }
    }
  }
}
