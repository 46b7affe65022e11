import { ServiceError, serviceError, quote } from '../errors';
import { toEpochMs, type Clock } from './clock';
import { parseImportFile } from './import-file';
import type { Quotas } from './quotas';
import { Random } from './random';
import type { CloudFrontFunction, FunctionRuntime, FunctionStage } from './functions';
import { KeyValueStore } from './store';
import { PageTokens } from './tokens';
import type { DistributionTenant } from '../functions/types';

export interface ServiceConfig {
  accountId: string;
  clock: Clock;
  seed: string;
  quotas: Quotas;
  provisioningDelayMs: number;
}

/** One AWS account's stores, live ones by name, and its CloudFront functions by name. */
export class Account {
  readonly stores = new Map<string, KeyValueStore>();
  readonly functions = new Map<string, CloudFrontFunction>();
  constructor(readonly id: string) {}
}

export interface NewStore {
  accountId: string;
  name: string;
  comment?: string | undefined;
  tags?: Iterable<[string, string]> | undefined;
  /** Pairs to load; a string is an import failure reason instead (D11). */
  items?: Iterable<[string, string]> | { failure: string } | undefined;
  /** Overrides the configured provisioning delay (seeded stores are READY at once). */
  provisioningDelayMs?: number | undefined;
}

/**
 * The whole simulated service: accounts, stores (live and deleted), S3 import objects, and the
 * generators. Knows nothing of the SDK; operations read and change it.
 */
export class KvsService {
  readonly accounts = new Map<string, Account>();
  /** Every store ever created, deleted ones included, by ARN. */
  readonly storesByArn = new Map<string, KeyValueStore>();
  /** S3 objects that imports read, by `bucket/key`. */
  readonly s3Objects = new Map<string, Uint8Array>();
  readonly random: Random;
  readonly tokens: PageTokens;
  /** The creation order the next store gets (snapshots save and restore it). */
  seq = 0;
  /** The distribution tenant TestFunction and `simulator.runFunction()` run functions for (a setting, not state). */
  distributionTenant: DistributionTenant | undefined;

  constructor(readonly config: ServiceConfig) {
    this.random = new Random(config.seed);
    this.tokens = new PageTokens(`cloudfront-kvs-mock:${config.seed}`);
    this.account(config.accountId);
  }

  /** The time of the call being answered, while it runs: see `pin`. */
  private pinned: number | undefined;

  /** The simulated time in epoch ms: the clock, or the time of the call being answered. */
  now(): number {
    return this.pinned ?? toEpochMs(this.config.clock(), 'The clock option');
  }

  /**
   * Until `unpin()`, `now()` answers `time`: a call happens at one instant, so the call log,
   * the store's status and a write's timestamps agree, and the clock is read once per call.
   */
  pin(time: number): void {
    this.pinned = time;
  }

  unpin(): void {
    this.pinned = undefined;
  }

  /** The account with this id, created on first use. */
  account(id: string): Account {
    let account = this.accounts.get(id);
    if (!account) {
      account = new Account(id);
      this.accounts.set(id, account);
    }
    return account;
  }

  newDataETag(): string {
    return 'KV' + this.random.alphanumeric(13);
  }

  newControlETag(): string {
    return 'E' + this.random.alphanumeric(13);
  }

  newRequestId(): string {
    return this.random.uuid();
  }

  /** Creates a store; callers have checked the name, the quota and the input. */
  createStore(spec: NewStore): KeyValueStore {
    const id = this.random.uuid();
    const now = this.now();
    const items = spec.items;
    const failureReason = items && 'failure' in items ? items.failure : undefined;
    const store = new KeyValueStore({
      id,
      arn: `arn:aws:cloudfront::${spec.accountId}:key-value-store/${id}`,
      name: spec.name,
      accountId: spec.accountId,
      comment: spec.comment ?? '',
      created: now,
      readyAt: now + (spec.provisioningDelayMs ?? this.config.provisioningDelayMs),
      etag: this.newDataETag(),
      controlETag: this.newControlETag(),
      seq: this.seq++,
      failureReason,
      tags: spec.tags,
    });
    if (items && !('failure' in items)) store.load(items);
    this.account(spec.accountId).stores.set(spec.name, store);
    this.storesByArn.set(store.arn, store);
    return store;
  }

  /** Reads an S3 import object into pairs, or the reason the import fails (D11). */
  importFrom(bucketAndKey: string): Iterable<[string, string]> | { failure: string } {
    const body = this.s3Objects.get(bucketAndKey);
    if (!body) return { failure: `The import source s3://${bucketAndKey} does not exist or could not be read` };
    const result = parseImportFile(body, this.config.quotas);
    return result.ok ? result.items : { failure: result.reason };
  }

  /** The functions of the store's account whose either stage is associated with it, by name. */
  functionsUsing(store: KeyValueStore): CloudFrontFunction[] {
    const using: CloudFrontFunction[] = [];
    for (const fn of this.accounts.get(store.accountId)?.functions.values() ?? []) if (fn.uses(store.arn)) using.push(fn);
    return using.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * What running `stage` of a function needs: its code as text, its runtime, and its associated
   * store as it is now (TestFunction and direct runs); undefined when the stage does not exist.
   */
  stageToRun(fn: CloudFrontFunction, stage: FunctionStage): { code: string; runtime: FunctionRuntime; store: KeyValueStore | undefined } | undefined {
    const copy = fn.stage(stage);
    if (!copy) return undefined;
    const store = copy.keyValueStoreArn === undefined ? undefined : this.storesByArn.get(copy.keyValueStoreArn);
    return { code: codeText.decode(copy.code), runtime: copy.runtime, store };
  }

  deleteStore(store: KeyValueStore): void {
    store.deleted = true;
    this.accounts.get(store.accountId)?.stores.delete(store.name);
  }

  /**
   * The store a data-plane ARN names, checked as the service would: an unknown account is
   * denied, an unknown store is not found, a store that is not READY is in conflict (D3, D15).
   */
  dataPlaneStore(arn: string, options: { allowImportFailure?: boolean } = {}): KeyValueStore {
    const store = this.storesByArn.get(arn);
    if (!store) {
      const accountId = arn.split(':')[4] ?? '';
      if (!this.accounts.has(accountId)) {
        throw serviceError('AccessDeniedException', `Access denied: this caller has no access to account ${quote(accountId)}, which owns ${arn}.`);
      }
      throw serviceError('ResourceNotFoundException', `Key-Value-Store ${arn} was not found.`);
    }
    const status = store.deleted ? 'DELETED' : store.status(this.now());
    if (status === 'READY' || (status === 'IMPORT_FAILURE' && options.allowImportFailure)) return store;
    throw notInExpectedState(store, status);
  }

  /** Forgets everything and rewinds the generators: the state of a new simulator. */
  reset(): void {
    this.accounts.clear();
    this.storesByArn.clear();
    this.s3Objects.clear();
    this.random.reseed();
    this.seq = 0;
    this.account(this.config.accountId);
  }
}

const codeText = new TextDecoder();

function notInExpectedState(store: KeyValueStore, status: string): ServiceError {
  return serviceError('ConflictException', `Key-Value-Store was not in expected state: ${store.arn} is ${status}, not READY.`);
}
