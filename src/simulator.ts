// Optional peers: scripts/optional-peer-types.mjs keeps the published declarations loading
// in a project that has one of the two packages only.
import type { CloudFrontClient, CloudFrontClientConfig } from '@aws-sdk/client-cloudfront';
import type { CloudFrontKeyValueStoreClient, CloudFrontKeyValueStoreClientConfig } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock, type ManualClock } from './core/clock';
import { checkImportData, parseImportFile } from './core/import-file';
import { DEFAULT_QUOTAS, type Quotas } from './core/quotas';
import { KvsService } from './core/service';
import type { KeyValueStore, StoreStatus } from './core/store';
import { KvsMockUsageError } from './errors';
import { checkCallFilter, type CallFilter } from './harness/call-filter';
import { fakeSendOf } from './harness/client-mock';
import { lend, markExplicit, takeLent, unmarkExplicit, type Installable } from './harness/context';
import { FaultQueue, faultedCall, sleep, type ActiveFault, type FaultHandle, type FaultSpec } from './harness/faults';
import { writeAsOtherWriter, type KeyWrites, type WriteKeysOptions } from './harness/other-writer';
import { requireClientClass } from './harness/packages';
import { serviceFromSnapshot, takeSnapshot, type KvsSnapshot, type LoadOptions } from './harness/snapshot';
import { CONTROL_PLANE, DATA_PLANE, checkOperationName, type Operation, type OperationName } from './operations';
import { install, isInstalled, restore, runInBoundary } from './sdk/install';
import { MIDDLEWARE_NAME, createMiddleware, type Binding, type Call, type CallRecord, type CommandTarget, type UnhandledPolicy } from './sdk/middleware';
import { enableFastPath } from './sdk/fast-path';
import { holdNetworkGuard, releaseNetworkGuard } from './sdk/network-guard';

/** Options of {@link createKvsSimulator}. Every one is optional. */
export interface KvsSimulatorOptions {
  /** The account that owns stores created through attached CloudFront clients and seeding (default `123456789012`). */
  accountId?: string;
  /** Where simulated time comes from, in epoch ms or as a Date (default: `Date.now()`; read once per call, so jest/vitest fake timers apply and a call happens at one instant). */
  clock?: Clock;
  /** Seeds the ids, ETags, request ids and page tokens so a run can be replayed (default: random; read it back from `simulator.seed`). */
  seed?: number | string;
  /** Overrides of AWS's default quotas. */
  quotas?: Partial<Quotas>;
  /** How long a created store stays `PROVISIONING` on the simulator's clock (default 0: `READY` on the next call). */
  provisioningDelayMs?: number;
  /** What to do with other commands of these clients, e.g. CreateDistribution (default `'throw'`). */
  onUnhandled?: UnhandledPolicy;
  /**
   * Starts from this snapshot (from {@link KvsSimulator.snapshot}, or its JSON text) instead of an
   * empty service; `reset()` returns to it. The snapshot fixes the seed and the default account;
   * its quotas and provisioning delay apply unless `quotas` or `provisioningDelayMs` are given.
   */
  snapshot?: KvsSnapshot | string;
  /**
   * Lets requests that no simulator answers reach AWS (default false: while this simulator is
   * installed or has attached clients, such a request of either client, and the SDK's credential
   * lookups at instance metadata or container endpoints, fail at once with a `KvsMockUsageError`).
   */
  allowNetwork?: boolean;
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
  /** The pairs as an S3 import file, `{"data":[{"key":"k","value":"v"}]}`: its text or bytes (instead of `items`). */
  importFile?: string | Uint8Array;
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

export type { CallFilter } from './harness/call-filter';

const OPTION_KEYS = ['accountId', 'clock', 'seed', 'quotas', 'provisioningDelayMs', 'onUnhandled', 'snapshot', 'allowNetwork'] as const;
const ACCOUNT_ID = /^\d{12}$/;
/** A 12-digit string: a number would pass the pattern and then name a different account. */
const isAccountId = (id: unknown): id is string => typeof id === 'string' && ACCOUNT_ID.test(id);
const STORE_NAME = /^[a-zA-Z0-9-_]{1,64}$/;

/**
 * An in-memory CloudFront KeyValueStore service (both planes) that real SDK clients talk to.
 * Create one with {@link createKvsSimulator}.
 */
export class KvsSimulator implements CommandTarget, Installable {
  #service: KvsService;
  readonly #clock: Clock;
  readonly #onUnhandled: UnhandledPolicy;
  readonly #attached = new Map<AttachableClient, Binding>();
  /** The attached clients `fakeSend()` attached: released by `reset()` and `restore()`. */
  readonly #lent = new Set<AttachableClient>();
  readonly #calls: CallRecord[] = [];
  readonly #faults = new FaultQueue();
  /** The state `reset()` returns to when the simulator was created from a snapshot. */
  readonly #initial: KvsSnapshot | undefined;
  #seeded = 0;
  #installBinding: Binding | undefined;
  /** Whether requests no simulator answers may leave the process (`allowNetwork`). */
  readonly allowNetwork: boolean;

  constructor(options: KvsSimulatorOptions = {}) {
    checkOptions(options);
    this.allowNetwork = options.allowNetwork === true;
    this.#onUnhandled = options.onUnhandled ?? 'throw';
    this.#clock = options.clock ?? systemClock;
    if (options.snapshot !== undefined) {
      const { accountId, quotas, provisioningDelayMs } = options;
      const loaded = serviceFromSnapshot(options.snapshot, { clock: this.#clock, accountId, quotas, provisioningDelayMs });
      if (options.seed !== undefined && String(options.seed) !== loaded.service.config.seed) {
        throw new KvsMockUsageError('createKvsSimulator(): the snapshot fixes the seed (its page tokens are signed with it); leave seed out when you pass a snapshot.');
      }
      this.#service = loaded.service;
      this.#seeded = loaded.seededStores;
      // Our own copy: changing the caller's object later must not change what reset() returns to.
      this.#initial = this.snapshot();
    } else {
      const seed = options.seed === undefined ? randomUUID() : String(options.seed);
      this.#service = new KvsService({
        accountId: options.accountId ?? '123456789012',
        clock: this.#clock,
        seed,
        quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
        provisioningDelayMs: options.provisioningDelayMs ?? 0,
      });
    }
  }

  /** The seed in use: pass it back as `seed` to replay a run's ids and ETags. */
  get seed(): string {
    return this.#service.config.seed;
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
    if (!isAccountId(accountId)) throw new KvsMockUsageError(`attach(): accountId must be 12 digits, got ${JSON.stringify(accountId)}.`);
    this.#service.account(accountId);
    // Out of any simulator's fakeSend() loan first: from here on the attachment is this one.
    takeLent(client)?.();
    const binding: Binding = { target: this, accountId, onUnhandled: this.#onUnhandled };
    client.middlewareStack.add(createMiddleware(() => binding, client), {
      step: 'initialize',
      priority: 'high',
      name: MIDDLEWARE_NAME,
      override: true,
    });
    dropCachedHandlers(client);
    enableFastPath(client); // performance: skip rebuilding the SDK chain when ours answers first (src/sdk/fast-path.ts)
    this.#attached.set(client, binding);
    if (!this.allowNetwork) holdNetworkGuard(this);
    markExplicit(client);
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
    if (this.#lent.delete(client)) takeLent(client);
    if (this.#attached.size === 0) releaseNetworkGuard(this);
    client.middlewareStack.remove(MIDDLEWARE_NAME);
    dropCachedHandlers(client);
    unmarkExplicit(client);
    return true;
  }

  /**
   * A new `CloudFrontKeyValueStoreClient` (data plane) answered by this simulator: the client to
   * inject into code under test. Needs no region and no credentials.
   *
   * @example
   * ```ts
   * const client = kvs.keyValueStoreClient();
   * await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'greeting' }));
   * ```
   */
  keyValueStoreClient(config: CloudFrontKeyValueStoreClientConfig = {}): CloudFrontKeyValueStoreClient {
    const Client = requireClientClass('data', 'keyValueStoreClient()');
    return this.attach(new Client(config) as unknown as CloudFrontKeyValueStoreClient);
  }

  /**
   * A new `CloudFrontClient` (control plane) answered by this simulator, acting for `accountId`
   * (default: the simulator's). Other CloudFront commands follow `onUnhandled`.
   *
   * @example
   * ```ts
   * const cloudFront = kvs.cloudFrontClient({}, { accountId: '210987654321' });
   * await cloudFront.send(new CreateKeyValueStoreCommand({ Name: 'redirects' }));
   * ```
   */
  cloudFrontClient(config: CloudFrontClientConfig = {}, options: AttachOptions = {}): CloudFrontClient {
    const Client = requireClientClass('control', 'cloudFrontClient()');
    return this.attach(new Client(config) as unknown as CloudFrontClient, options);
  }

  /**
   * Routes every `CloudFrontKeyValueStoreClient` and `CloudFrontClient` of the process to this
   * simulator, including those the application builds itself, before or after this call. Calling
   * it again is harmless, and is how fresh SDK copies get patched after `jest.resetModules()`.
   * While another simulator is installed it throws: restore that one first. Returns the simulator.
   *
   * @example
   * ```ts
   * const kvs = createKvsSimulator();
   * beforeEach(() => kvs.install());
   * afterEach(() => { kvs.restore(); kvs.reset(); });
   * ```
   */
  install(): this {
    install(this);
    return this;
  }

  /**
   * Undoes {@link install}: the SDK's `send` is exactly the function it was, and clients the
   * install reached lose the middleware (clients attached with `attach()` keep theirs). Releases
   * the clients {@link fakeSend} attached, installed or not. Returns false, undoing no install,
   * when this simulator is not the installed one.
   *
   * @example
   * ```ts
   * afterEach(() => kvs.restore());
   * ```
   */
  restore(): boolean {
    this.#releaseLent();
    return restore(this);
  }

  /**
   * Whether {@link install} routes clients to this simulator now.
   *
   * @example
   * ```ts
   * expect(kvs.installed).toBe(true);
   * ```
   */
  get installed(): boolean {
    return isInstalled(this);
  }

  /**
   * Wraps `fn` so that, while it runs (its whole async context), clients reached by the global
   * interception are answered by this simulator: each concurrent test gets its own. The SDK is
   * patched for as long as a boundary runs, whether or not a simulator is installed.
   *
   * @example
   * ```ts
   * test.concurrent('renames', createKvsSimulator().boundary(async () => {
   *   await app.rename('/old', '/new'); // the app's own clients reach this test's simulator
   * }));
   * ```
   */
  boundary<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    if (typeof fn !== 'function') throw new KvsMockUsageError('boundary(fn) takes the function to run, e.g. a test body.');
    const simulator = this;
    return function (this: unknown, ...args: A): R {
      return runInBoundary(simulator, () => fn.apply(this, args));
    };
  }

  /**
   * A `send` replacement for aws-sdk-client-mock: `mockClient(X).send.callsFake(kvs.fakeSend())`
   * answers every command from this simulator, through the very client the application called,
   * while the mock records the calls for `toHaveReceivedCommand*`. Per-command `.on(...)`
   * behaviours still take precedence. `reset()` and `restore()` release the clients it attached,
   * and so does the global install once the stub is restored; the next call through the stub
   * attaches the client again.
   *
   * @example
   * ```ts
   * const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
   * kvsMock.send.callsFake(kvs.fakeSend());
   * ```
   */
  fakeSend(): (command: any, ...rest: any[]) => Promise<any> {
    return fakeSendOf<AttachableClient>((client) => {
      if (this.#attached.has(client)) return;
      this.attach(client);
      this.#lent.add(client);
      lend(client, () => this.detach(client));
    });
  }

  /** Detaches the clients `fakeSend()` attached: the stub, not this simulator, decided they are ours. */
  #releaseLent(): void {
    for (const client of [...this.#lent]) this.detach(client);
  }

  /**
   * Makes matching calls fail and/or wait, deterministically: the next `times` calls (default 1)
   * of `operation`, or only those whose input passes `when`. A failed call changes nothing and
   * is logged like any call; service errors reach the caller as the client package's own
   * classes. Faults apply in the order they were injected; `reset()` and `clearFaults()` drop them.
   *
   * @example
   * ```ts
   * kvs.injectFault({ operation: 'PutKey', error: 'ConflictException' });
   * kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException', times: 2, when: (input) => input.Key === 'hot' });
   * kvs.injectFault({ operation: 'ListKeys', delayMs: 50 });
   * kvs.injectFault({ operation: 'UpdateKeys', before: () => kvs.writeKeys(arn, { puts: { k: 'theirs' } }) }); // a race, without timing
   * const fault = kvs.injectFault({ operation: 'DescribeKeyValueStore', plane: 'control', error: new Error('socket hang up') });
   * expect(fault.remaining).toBe(0); // after the call
   * ```
   */
  injectFault(spec: FaultSpec): FaultHandle {
    return this.#faults.add(spec, typeof (this.#clock as Partial<ManualClock>).advance === 'function');
  }

  /**
   * Drops every injected fault that has not run out.
   *
   * @example
   * ```ts
   * afterEach(() => kvs.clearFaults());
   * ```
   */
  clearFaults(): void {
    this.#faults.clear();
  }

  /**
   * The whole simulator as plain JSON: accounts, stores (metadata, both ETags, times, tags, keys
   * in the S3 import file format), S3 objects, and where the id generator stands. Write it to a
   * file or keep it; {@link loadSnapshot} or `createKvsSimulator({ snapshot })` bring it back.
   * The call log and injected faults are not part of it.
   *
   * @example
   * ```ts
   * const saved = kvs.snapshot();
   * await app.migrate();
   * kvs.loadSnapshot(saved); // as before the migration, ETags included
   * ```
   */
  snapshot(): KvsSnapshot {
    return takeSnapshot(this.#service, this.#seeded);
  }

  /**
   * Replaces the simulator's state with a snapshot (the object or its JSON text): the same
   * stores, keys, ETags and page tokens, and the same ids and ETags from then on. The call log,
   * faults and attached clients stay. A malformed snapshot throws a `KvsMockUsageError` naming the field.
   *
   * @example
   * ```ts
   * kvs.loadSnapshot(fs.readFileSync('fixtures/kvs.json', 'utf8'));
   * ```
   */
  loadSnapshot(snapshot: KvsSnapshot | string): void {
    const loaded = serviceFromSnapshot(snapshot, this.#serviceConfig());
    this.#service = loaded.service;
    this.#seeded = loaded.seededStores;
  }

  /** @internal The binding of clients reached by {@link install} and {@link boundary}. */
  get installBinding(): Binding {
    return (this.#installBinding ??= { target: this, accountId: this.accountId, onUnhandled: this.#onUnhandled });
  }

  /**
   * Forgets every store, S3 object, account, call and fault and rewinds the id generator: the
   * simulator is as new, or as its `snapshot` option when it was created from one (attached
   * clients and the install stay; clients {@link fakeSend} attached are released, and attached
   * again by their next call through the stub). Call it between tests.
   *
   * @example
   * ```ts
   * afterEach(() => kvs.reset());
   * ```
   */
  reset(): void {
    if (this.#initial === undefined) {
      this.#service.reset();
      this.#seeded = 0;
    } else {
      this.loadSnapshot(this.#initial);
    }
    this.#calls.length = 0;
    this.#faults.clear();
    this.#releaseLent();
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
   * const arn3 = kvs.seedStore({ importFile: fs.readFileSync('import.json') });
   * ```
   */
  seedStore(options: SeedStoreOptions = {}): string {
    checkKeys(options, ['name', 'comment', 'items', 'importFile', 'accountId'], 'seedStore(options)');
    const accountId = options.accountId ?? this.accountId;
    if (!isAccountId(accountId)) throw new KvsMockUsageError(`seedStore(): accountId must be 12 digits, got ${JSON.stringify(accountId)}.`);
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
    const items = seedData(options, this.#service.config.quotas);
    const store = this.#service.createStore({ accountId, name, comment: options.comment, items, provisioningDelayMs: 0 });
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
   * Changes a store's pairs as another writer on the data plane would: one UpdateKeys with the
   * store's current ETag (no IfMatch needed), with its effects (a new ETag, ItemCount,
   * TotalSizeInBytes, LastModified on the simulator's clock), and not in the call log. Clients
   * holding the old ETag then fail with `Pre-Condition failed`. A store by ARN or by name (in
   * `accountId`). An unknown or not-READY store, a non-string value or a write the service would
   * refuse throws a `KvsMockUsageError` saying why, and applies nothing. Returns the new ETag.
   *
   * @example
   * ```ts
   * const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
   * kvs.writeKeys(arn, { puts: { '/a': '/b' }, deletes: ['/old'] });
   * await client.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: ETag })); // ValidationException: Pre-Condition failed
   * ```
   */
  writeKeys(arnOrName: string, writes: KeyWrites, options: WriteKeysOptions = {}): string {
    checkKeys(options, ['accountId'], 'writeKeys(arnOrName, writes, options)');
    return writeAsOtherWriter(this.#service, arnOrName, writes, options.accountId ?? this.accountId);
  }

  /**
   * Every command that reached this simulator, in order, across both clients: client, operation,
   * input, the output or exception the caller got, and the time on the simulator's clock.
   * Pass an operation name (`'PutKey'`), `{ operation?, plane?, clientName? }` or a predicate
   * to filter; a name, plane or client the simulator never logs throws a `KvsMockUsageError`
   * listing the valid ones. A copy of the log.
   *
   * @example
   * ```ts
   * const puts = kvs.calls('PutKey');
   * const describes = kvs.calls({ operation: 'DescribeKeyValueStore', plane: 'control' });
   * expect(puts[0]?.input).toMatchObject({ Key: 'greeting' });
   * expect(kvs.calls((c) => c.error?.name === 'ValidationException')).toHaveLength(0);
   * ```
   */
  calls(filter?: OperationName | CallFilter | ((call: CallRecord) => boolean)): CallRecord[] {
    if (filter === undefined) return [...this.#calls];
    if (typeof filter === 'function') return this.#calls.filter(filter);
    if (typeof filter === 'string' || typeof filter !== 'object' || filter === null) {
      checkOperationName('calls(operation)', filter);
      return this.#calls.filter((c) => c.operation === filter);
    }
    checkCallFilter(filter);
    const { operation, plane, clientName } = filter;
    return this.#calls.filter(
      (c) => (operation === undefined || c.operation === operation) && (plane === undefined || c.plane === plane) && (clientName === undefined || c.clientName === clientName),
    );
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

  /** @internal Whether a fault may apply to this operation's calls. */
  hasFault(plane: 'data' | 'control', operation: string): boolean {
    return this.#faults.size !== 0 && this.#faults.has(plane, operation);
  }

  /** @internal */
  newRequestId(): string {
    return this.#service.newRequestId();
  }

  /** @internal Runs one command against the simulated service. */
  execute(call: Call): Result | Promise<Result> {
    if (this.#faults.size !== 0) {
      const fault = this.#faults.take(call);
      if (fault) return this.#executeFaulted(call, fault);
    }
    return this.#run(call);
  }

  #run(call: Call): Result {
    const operation: Operation = (call.plane === 'data' ? DATA_PLANE : CONTROL_PLANE)[call.operation]!;
    const service = this.#service;
    const now = service.now();
    this.#record(call, now);
    // Operations run synchronously: the pin holds for this call alone.
    service.pin(now);
    try {
      const output = operation.run(call.input, { service, accountId: call.accountId });
      return { status: operation.successStatus ?? 200, output };
    } finally {
      service.unpin();
    }
  }

  #record(call: Call, now: number): void {
    call.record = {
      clientName: call.clientName,
      plane: call.plane,
      // Only operations handles() accepted get here.
      operation: call.operation as OperationName,
      input: call.input,
      time: new Date(now),
      requestId: call.requestId,
      accountId: call.accountId,
    };
    this.#calls.push(call.record);
  }

  /** A call a fault matched: the latency, then `before`, then its error (before the operation, so nothing changes) or the operation. */
  async #executeFaulted(call: Call, fault: ActiveFault): Promise<Result> {
    if (fault.advanceClockMs > 0) (this.#clock as ManualClock).advance(fault.advanceClockMs);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    let thrown: { error: unknown } | undefined;
    if (fault.before) {
      try {
        await fault.before(call.input, faultedCall(call, fault));
      } catch (error) {
        thrown = { error };
      }
    }
    if (!thrown && !fault.error) return this.#run(call);
    this.#record(call, this.#service.now());
    throw thrown ? thrown.error : fault.error!();
  }

  /** What a loaded snapshot keeps of this simulator: its clock, account and configuration. */
  #serviceConfig(): LoadOptions {
    const { accountId, quotas, provisioningDelayMs } = this.#service.config;
    return { clock: this.#clock, accountId, quotas, provisioningDelayMs };
  }
}

type Result = { status: number; output: Record<string, unknown> };

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

/** The pairs of `seedStore()`, from `items` or an `importFile`, checked against the quotas. */
function seedData(options: SeedStoreOptions, quotas: Quotas): Array<[string, string]> {
  if (options.importFile !== undefined) {
    if (options.items !== undefined) throw new KvsMockUsageError('seedStore(): give items or importFile, not both.');
    const file = options.importFile;
    if (typeof file !== 'string' && !(file instanceof Uint8Array)) throw new KvsMockUsageError('seedStore(): importFile must be the text or the bytes of an S3 import file.');
    const parsed = parseImportFile(typeof file === 'string' ? new TextEncoder().encode(file) : file, quotas);
    if (!parsed.ok) throw new KvsMockUsageError(`seedStore(): the import file cannot be loaded. ${parsed.reason}.`);
    return parsed.items;
  }
  const checked = checkImportData(toImportData(options.items), quotas);
  if (!checked.ok) throw new KvsMockUsageError(`seedStore(): the items break a service limit. ${checked.reason}.`);
  return checked.items;
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
  if (options.accountId !== undefined && !isAccountId(options.accountId)) {
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
  if (options.allowNetwork !== undefined && typeof options.allowNetwork !== 'boolean') {
    throw new KvsMockUsageError(`createKvsSimulator(): allowNetwork must be true or false, got ${JSON.stringify(options.allowNetwork)}.`);
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
