/**
 * The state half of the simulator: the service it simulates, seeded, inspected, saved and
 * loaded without any call. `KvsSimulator` (simulator.ts) adds the clients, the install, faults
 * and the call log.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from './core/clock';
import { DEFAULT_QUOTAS } from './core/quotas';
import { KvsService } from './core/service';
import { KvsMockUsageError } from './errors';
import { checkDistributionTenant } from './functions/tenant';
import type { DistributionTenant } from './functions/types';
import { Executor } from './harness/executor';
import { findFunction, functionState, seedFunction, type FunctionState, type SeedFunctionOptions } from './harness/functions';
import { checkKeys, checkOptions, type KvsSimulatorOptions } from './harness/options';
import { writeAsOtherWriter, type KeyWrites, type WriteKeysOptions } from './harness/other-writer';
import { liveStore, putS3Object, seedStore, storeState, type SeedStoreOptions, type StoreState } from './harness/seeding';
import { serviceFromSnapshot, takeSnapshot, type KvsSnapshot } from './harness/snapshot';

/** What every simulator holds: its service and how it got it. Extended by {@link KvsSimulator}. */
export abstract class SimulatorState {
  readonly #clock: Clock;
  /** Runs the calls; holds the service, which a loaded snapshot replaces. */
  readonly #executor: Executor;
  /** The state `reset()` returns to when the simulator was created from a snapshot. */
  readonly #initial: KvsSnapshot | undefined;
  #seeded = 0;

  constructor(options: KvsSimulatorOptions) {
    checkOptions(options);
    this.#clock = options.clock ?? systemClock;
    const { service, seededStores } = newService(options, this.#clock);
    this.#executor = new Executor(service, this.#clock);
    this.#seeded = seededStores;
    if (options.distributionTenant !== undefined) service.distributionTenant = checkDistributionTenant(options.distributionTenant, 'createKvsSimulator()');
    // Our own copy: changing the caller's object later must not change what reset() returns to.
    if (options.snapshot !== undefined) this.#initial = this.snapshot();
  }

  /** @internal */
  protected get service(): KvsService {
    return this.#executor.service;
  }

  /** @internal */
  protected get executor(): Executor {
    return this.#executor;
  }

  /** @internal */
  protected get clock(): Clock {
    return this.#clock;
  }

  /**
   * @internal The live service, for a state file that journals each write's effects and replays
   * them (src/server/state); `loadSnapshot` replaces it, so read it anew each time.
   */
  get stateService(): KvsService {
    return this.service;
  }

  /** The seed in use: pass it back as `seed` to replay a run's ids and ETags. */
  get seed(): string {
    return this.service.config.seed;
  }

  /** The account that owns stores by default. */
  get accountId(): string {
    return this.service.config.accountId;
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
    return takeSnapshot(this.service, this.#seeded);
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
    const { accountId, quotas, provisioningDelayMs } = this.service.config;
    const loaded = serviceFromSnapshot(snapshot, { clock: this.clock, accountId, quotas, provisioningDelayMs });
    loaded.service.distributionTenant = this.service.distributionTenant;
    this.#executor.service = loaded.service;
    this.#seeded = loaded.seededStores;
  }

  /**
   * The distribution tenant that TestFunction and `simulator.runFunction()` run functions for
   * (as the `distributionTenant` option); `undefined` goes back to a standard distribution. A
   * setting, not state: `reset()` and snapshots leave it as it is.
   *
   * @example
   * ```ts
   * kvs.setDistributionTenant({ id: 'dt_1a2b3c4d5e6f7', parameters: { TenantPath: 'tenant1' } });
   * // TestFunction now runs with cf.distributionTenant.id === 'dt_1a2b3c4d5e6f7'
   * kvs.setDistributionTenant(undefined);
   * ```
   */
  setDistributionTenant(tenant: DistributionTenant | undefined): void {
    this.service.distributionTenant = tenant === undefined ? undefined : checkDistributionTenant(tenant, 'setDistributionTenant()');
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
    return seedStore(this.service, options, this.accountId, () => `seeded-store-${++this.#seeded}`).arn;
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
    putS3Object(this.service, location, body);
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
    const store = liveStore(this.service, arnOrName, accountId);
    return store && storeState(store, this.service.now());
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
    return writeAsOtherWriter(this.service, arnOrName, writes, options.accountId ?? this.accountId);
  }

  /**
   * Creates a CloudFront function from its code in one call and returns its ARN: DEVELOPMENT
   * holds it (`cloudfront-js-2.0` unless `runtime` says otherwise), associated with
   * `keyValueStore` (an ARN or a store name) when given, and LIVE too with `publish: true`. The
   * service's own checks apply (name, size quota, association rules); a refusal is a
   * `KvsMockUsageError` saying why. Not in the call log.
   *
   * @example
   * ```ts
   * const store = kvs.seedStore({ name: 'redirects', items: { '/old': '/new' } });
   * const arn = kvs.seedFunction({ name: 'redirect', code: fs.readFileSync('redirect.js', 'utf8'), keyValueStore: store, publish: true });
   * ```
   */
  seedFunction(options: SeedFunctionOptions): string {
    return seedFunction(this.service, options, this.accountId).arn;
  }

  /**
   * A CloudFront function as it is now, by ARN or by name (in the simulator's account, or
   * `accountId`): both stages' config, code, ETag, status and store association, and its tags;
   * undefined when there is no such function. A copy: changing it changes nothing.
   *
   * @example
   * ```ts
   * expect(kvs.getFunction('redirect')?.LIVE?.Code).toContain('cf.kvs()');
   * expect(kvs.getFunction('redirect')?.DEVELOPMENT.KeyValueStoreARN).toBe(storeArn);
   * ```
   */
  getFunction(arnOrName: string, accountId: string = this.accountId): FunctionState | undefined {
    const fn = typeof arnOrName === 'string' ? findFunction(this.service, arnOrName, accountId) : undefined;
    return fn && functionState(fn);
  }

  /** @internal Back to the state of a new simulator, or to its `snapshot` option. */
  protected resetState(): void {
    if (this.#initial === undefined) {
      this.service.reset();
      this.#seeded = 0;
    } else {
      this.loadSnapshot(this.#initial);
    }
  }
}

/** The service a new simulator starts with: from its `snapshot` option, or empty. */
function newService(options: KvsSimulatorOptions, clock: Clock): { service: KvsService; seededStores: number } {
  const { accountId, quotas, provisioningDelayMs } = options;
  if (options.snapshot !== undefined) {
    const loaded = serviceFromSnapshot(options.snapshot, { clock, accountId, quotas, provisioningDelayMs });
    if (options.seed !== undefined && String(options.seed) !== loaded.service.config.seed) {
      throw new KvsMockUsageError('createKvsSimulator(): the snapshot fixes the seed (its page tokens are signed with it); leave seed out when you pass a snapshot.');
    }
    return loaded;
  }
  const service = new KvsService({
    accountId: accountId ?? '123456789012',
    clock,
    seed: options.seed === undefined ? randomUUID() : String(options.seed),
    quotas: { ...DEFAULT_QUOTAS, ...quotas },
    provisioningDelayMs: provisioningDelayMs ?? 0,
  });
  return { service, seededStores: 0 };
}
