/**
 * Seeding: stores and S3 import objects put straight into the service (no call, not logged),
 * and a store's state read back as plain data. Every check follows the service's own limits.
 */
import { checkImportData, parseImportFile } from '../core/import-file';
import type { Quotas } from '../core/quotas';
import type { KvsService } from '../core/service';
import type { KeyValueStore, StoreStatus } from '../core/store';
import { KvsMockUsageError } from '../errors';
import { checkAccountId, checkKeys } from './options';

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

const STORE_NAME = /^[a-zA-Z0-9-_]{1,64}$/;

/**
 * Creates a `READY` store from `options` in the service and returns it; `nextName` gives the
 * default names (`seeded-store-1`, …), skipping names in use.
 */
export function seedStore(service: KvsService, options: SeedStoreOptions, defaultAccount: string, nextName: () => string): KeyValueStore {
  checkKeys(options, ['name', 'comment', 'items', 'importFile', 'accountId'], 'seedStore(options)');
  const accountId = checkAccountId(options.accountId ?? defaultAccount, 'seedStore()');
  const account = service.account(accountId);
  let name = options.name;
  if (name === undefined) {
    do name = nextName();
    while (account.stores.has(name));
  }
  if (typeof name !== 'string' || !STORE_NAME.test(name)) {
    throw new KvsMockUsageError(`seedStore(): name must match ${STORE_NAME.source}, got ${JSON.stringify(name)}.`);
  }
  if (account.stores.has(name)) throw new KvsMockUsageError(`seedStore(): a store named ${JSON.stringify(name)} already exists in account ${accountId}; choose another name or call reset() first.`);
  if (options.comment !== undefined && (typeof options.comment !== 'string' || [...options.comment].length > 128)) {
    throw new KvsMockUsageError('seedStore(): comment must be a string of at most 128 characters.');
  }
  const items = seedData(options, service.config.quotas);
  return service.createStore({ accountId, name, comment: options.comment, items, provisioningDelayMs: 0 });
}

/** Puts an S3 object that an import can read, at an S3 object ARN, `s3://bucket/key` or `{ Bucket, Key }`. */
export function putS3Object(service: KvsService, location: string | { Bucket: string; Key: string }, body: string | Uint8Array | object): void {
  const path = s3Path(location);
  let bytes: Uint8Array;
  if (typeof body === 'string') bytes = new TextEncoder().encode(body);
  else if (body instanceof Uint8Array) bytes = new Uint8Array(body);
  else if (body && typeof body === 'object') bytes = new TextEncoder().encode(JSON.stringify(body));
  else throw new KvsMockUsageError('putS3Object(): body must be a string, a Uint8Array or an object to write as JSON.');
  service.s3Objects.set(path, bytes);
}

/** A live store by ARN, or by name in `accountId`. */
export function liveStore(service: KvsService, arnOrName: string, accountId: string): KeyValueStore | undefined {
  const store = service.storesByArn.get(arnOrName) ?? service.accounts.get(accountId)?.stores.get(arnOrName);
  return store && !store.deleted ? store : undefined;
}

/** A store as plain data: a copy, so changing it changes nothing. */
export function storeState(store: KeyValueStore, now: number): StoreState {
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
