/**
 * Snapshots: the whole simulated service as plain JSON, and back. A snapshot holds everything
 * that decides what the service answers next: accounts, stores (deleted ones too, which still
 * answer their ARN), keys in the S3 import file format, S3 objects, and where the id generator
 * stands, so that a loaded simulator issues the same ids, ETags and page tokens.
 */
import type { Clock } from '../core/clock';
import { checkImportData } from '../core/import-file';
import { DEFAULT_QUOTAS, LATER_QUOTAS, type Quotas } from '../core/quotas';
import { KvsService } from '../core/service';
import { KeyValueStore, type StoreStatus } from '../core/store';
import { KvsMockUsageError } from '../errors';
import { bytesIn, bytesOut } from './snapshot-bytes';
import { addFunctions, takeFunctions, type FieldCheck, type SnapshotFunction } from './snapshot-functions';

export const SNAPSHOT_FORMAT = 'cloudfront-kvs-mock/snapshot';

/** A whole simulator as plain JSON: what {@link KvsSimulator.snapshot} gives and `loadSnapshot` takes. */
export interface KvsSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: 1;
  /** The simulator's default account. */
  accountId: string;
  /** The seed, which also signs page tokens: tokens issued before the snapshot stay valid. */
  seed: string;
  /** The simulator's quotas and provisioning delay: a simulator created from the snapshot takes them unless its options say otherwise. */
  config: { quotas: Quotas; provisioningDelayMs: number };
  /** Where the generators stand: the ids and ETags issued after loading are those that would have followed. */
  generator: { random: [number, number, number, number]; seededStores: number };
  /** Accounts the service knows (a data-plane call to any other account is denied). */
  accounts: string[];
  /** Every store ever created, in creation order. */
  stores: SnapshotStore[];
  /** Objects that CreateKeyValueStore's ImportSource can read. */
  s3Objects: SnapshotS3Object[];
  /** CloudFront functions, both stages (absent in a snapshot from a release before functions: none). */
  functions?: SnapshotFunction[];
}

/** One store in a snapshot. Times are epoch milliseconds on the simulator's clock. */
export interface SnapshotStore {
  id: string;
  arn: string;
  name: string;
  accountId: string;
  comment: string;
  /** The status when the snapshot was taken; on loading, `readyAt` and `failureReason` decide it. */
  status: StoreStatus;
  /** When the store is (or was) out of `PROVISIONING`. */
  readyAt: number;
  /** Why its import failed (status `IMPORT_FAILURE`). */
  failureReason?: string;
  /** The data-plane ETag (`KV…`). */
  etag: string;
  /** The control-plane ETag (`E…`). */
  controlEtag: string;
  created: number;
  /** The last key write (data plane). */
  lastModified: number;
  /** The last UpdateKeyValueStore (control plane). */
  controlLastModified: number;
  /** Deleted through the control plane: gone from lists, its ARN answers `ConflictException`. */
  deleted: boolean;
  tags: Array<{ key: string; value: string }>;
  /** The pairs, in the S3 import file format: `JSON.stringify(store.keys)` is an import file. */
  keys: { data: Array<{ key: string; value: string }> };
}

/** An S3 object: UTF-8 text as `text`, any other bytes as `base64`. */
export interface SnapshotS3Object {
  /** `s3://bucket/key`. */
  location: string;
  text?: string;
  base64?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const STORE_NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const STATUSES: readonly string[] = ['PROVISIONING', 'READY', 'IMPORT_FAILURE'];

/** The service as a snapshot. */
export function takeSnapshot(service: KvsService, seededStores: number): KvsSnapshot {
  const now = service.now();
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    accountId: service.config.accountId,
    seed: service.config.seed,
    config: { quotas: { ...service.config.quotas }, provisioningDelayMs: service.config.provisioningDelayMs },
    generator: { random: service.random.state, seededStores },
    accounts: [...service.accounts.keys()].sort(),
    stores: [...service.storesByArn.values()].map((store) => storeOut(store, now)),
    s3Objects: [...service.s3Objects].map(([path, bytes]) => ({ location: `s3://${path}`, ...bytesOut(bytes) })),
    functions: takeFunctions(service),
  };
}

/** One store as a snapshot holds it; `withKeys: false` leaves its pairs out (a state file's journal). */
export function storeOut(store: KeyValueStore, now: number): SnapshotStore;
export function storeOut(store: KeyValueStore, now: number, withKeys: false): Omit<SnapshotStore, 'keys'>;
export function storeOut(store: KeyValueStore, now: number, withKeys = true): SnapshotStore | Omit<SnapshotStore, 'keys'> {
  return {
    id: store.id,
    arn: store.arn,
    name: store.name,
    accountId: store.accountId,
    comment: store.comment,
    status: store.status(now),
    readyAt: store.readyAt,
    ...(store.failureReason === undefined ? {} : { failureReason: store.failureReason }),
    etag: store.etag,
    controlEtag: store.controlETag,
    created: store.created,
    lastModified: store.lastModified,
    controlLastModified: store.controlLastModified,
    deleted: store.deleted,
    tags: [...store.tags].map(([key, value]) => ({ key, value })),
    ...(withKeys ? { keys: { data: [...store.keys.entries()].map(([key, value]) => ({ key, value })) } } : {}),
  };
}

/**
 * Adds one store in its snapshot form to `service`, checked as a snapshot's stores are; a
 * malformed one is a usage error naming `where` (e.g. a state file's journal line).
 */
export function loadStore(service: KvsService, raw: unknown, where: string): void {
  addStore(service, raw, new Check(where));
  service.seq = service.storesByArn.size;
}

/** What the loading simulator brings: its clock, and the options that take precedence over the snapshot's. */
export interface LoadOptions {
  clock: Clock;
  accountId?: string | undefined;
  quotas?: Partial<Quotas> | undefined;
  provisioningDelayMs?: number | undefined;
}

/**
 * A new service holding the snapshot's state, with the snapshot's seed, the loading simulator's
 * clock, and the snapshot's quotas and delay unless `options` give their own. Anything
 * malformed is a usage error that says where.
 */
export function serviceFromSnapshot(input: unknown, options: LoadOptions): { service: KvsService; seededStores: number } {
  const snapshot = parse(input);
  const s = new Check('snapshot');
  s.is(isRecord(snapshot), 'must be an object, as snapshot() returns it (or its JSON text)');
  const top = snapshot as Record<string, unknown>;
  s.at('format').is(top['format'] === SNAPSHOT_FORMAT, `must be ${JSON.stringify(SNAPSHOT_FORMAT)}: this is not a simulator snapshot`);
  s.at('version').is(top['version'] === 1, `must be 1, the only version this release reads; got ${JSON.stringify(top['version'])}`);
  const accountId = top['accountId'];
  s.at('accountId').is(typeof accountId === 'string' && ACCOUNT_ID.test(accountId), 'must be 12 digits');
  if (options.accountId !== undefined && accountId !== options.accountId) {
    throw new KvsMockUsageError(
      `The snapshot's default account is ${String(accountId)}, this simulator's is ${options.accountId}. Create a simulator from it with createKvsSimulator({ snapshot }) and no accountId.`,
    );
  }
  const seed = top['seed'];
  s.at('seed').is(typeof seed === 'string', 'must be a string');
  const config = top['config'] as Record<string, unknown>;
  s.at('config').is(isRecord(config), 'must be an object');
  const quotas = config['quotas'] as Record<string, unknown>;
  s.at('config.quotas').is(isRecord(quotas), 'must be an object');
  for (const name of Object.keys(DEFAULT_QUOTAS) as Array<keyof Quotas>) {
    // A snapshot from before a quota existed was taken under its default.
    if (quotas[name] === undefined && LATER_QUOTAS.includes(name)) continue;
    s.at(`config.quotas.${name}`).is(Number.isInteger(quotas[name]) && (quotas[name] as number) >= 1, 'must be a whole number >= 1');
  }
  const delay = config['provisioningDelayMs'];
  s.at('config.provisioningDelayMs').is(typeof delay === 'number' && Number.isFinite(delay) && delay >= 0, 'must be a number of milliseconds >= 0');
  const generator = top['generator'] as Record<string, unknown>;
  s.at('generator').is(isRecord(generator), 'must be an object');
  const random = generator['random'];
  s.at('generator.random').is(Array.isArray(random) && random.length === 4 && random.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32), 'must be four unsigned 32-bit integers');
  const seededStores = generator['seededStores'];
  s.at('generator.seededStores').is(Number.isInteger(seededStores) && (seededStores as number) >= 0, 'must be a whole number >= 0');
  const accounts = top['accounts'];
  s.at('accounts').is(Array.isArray(accounts) && accounts.every((a) => typeof a === 'string' && ACCOUNT_ID.test(a)), 'must be an array of 12-digit account ids');
  s.at('accounts').is((accounts as string[]).includes(accountId as string), `must include the default account ${String(accountId)}`);

  const service = new KvsService({
    accountId: accountId as string,
    clock: options.clock,
    seed: seed as string,
    quotas: { ...DEFAULT_QUOTAS, ...(quotas as Partial<Quotas>), ...options.quotas },
    provisioningDelayMs: options.provisioningDelayMs ?? (delay as number),
  });
  for (const id of accounts as string[]) service.account(id);
  const stores = top['stores'];
  s.at('stores').is(Array.isArray(stores), 'must be an array');
  (stores as unknown[]).forEach((store, i) => addStore(service, store, s.at(`stores[${i}]`)));
  service.seq = (stores as unknown[]).length;
  const objects = top['s3Objects'];
  s.at('s3Objects').is(Array.isArray(objects), 'must be an array');
  (objects as unknown[]).forEach((object, i) => addS3Object(service, object, s.at(`s3Objects[${i}]`)));
  addFunctions(service, top['functions'], s.at('functions'));
  service.random.state = random as [number, number, number, number];
  return { service, seededStores: seededStores as number };
}

function addStore(service: KvsService, raw: unknown, s: Check): void {
  s.is(isRecord(raw), 'must be an object');
  const store = raw as Record<string, unknown>;
  const text = (name: string) => {
    s.at(name).is(typeof store[name] === 'string', 'must be a string');
    return store[name] as string;
  };
  const time = (name: string) => {
    s.at(name).is(typeof store[name] === 'number' && Number.isFinite(store[name]), 'must be a time in epoch milliseconds');
    return store[name] as number;
  };
  const id = text('id');
  const accountId = text('accountId');
  s.at('accountId').is(service.accounts.has(accountId), 'must be one of the snapshot\'s accounts');
  const arn = text('arn');
  s.at('arn').is(arn === `arn:aws:cloudfront::${accountId}:key-value-store/${id}`, `must be arn:aws:cloudfront::${accountId}:key-value-store/${id}, from its accountId and id`);
  s.at('arn').is(!service.storesByArn.has(arn), 'repeats the ARN of an earlier store');
  const name = text('name');
  s.at('name').is(STORE_NAME.test(name), `must match ${STORE_NAME.source}`);
  s.at('deleted').is(typeof store['deleted'] === 'boolean', 'must be true or false');
  const account = service.account(accountId);
  if (!store['deleted']) s.at('name').is(!account.stores.has(name), `repeats the name of another live store of account ${accountId}`);
  s.at('status').is(STATUSES.includes(store['status'] as string), `must be one of ${STATUSES.join(', ')}`);
  const failureReason = store['failureReason'];
  s.at('failureReason').is(failureReason === undefined || typeof failureReason === 'string', 'must be a string when present');
  const tags = store['tags'];
  s.at('tags').is(Array.isArray(tags) && tags.every((t) => isRecord(t) && typeof t['key'] === 'string' && typeof t['value'] === 'string'), 'must be an array of { key, value } strings');
  const keys = store['keys'];
  s.at('keys').is(isRecord(keys) && Array.isArray(keys['data']), 'must be an import file: { data: [{ key, value }] }');
  const data = (keys as { data: unknown[] }).data;
  const checked = checkImportData(data, service.config.quotas);
  if (!checked.ok) s.at('keys').fail(`does not fit this simulator: ${checked.reason} (load it into a simulator with the same quotas)`);
  s.at('keys').is(failureReason === undefined || data.length === 0, 'must be empty for a store whose import failed');

  const loaded = new KeyValueStore({
    id,
    arn,
    name,
    accountId,
    comment: text('comment'),
    created: time('created'),
    readyAt: time('readyAt'),
    etag: text('etag'),
    controlETag: text('controlEtag'),
    seq: service.storesByArn.size,
    failureReason: failureReason as string | undefined,
    tags: (tags as Array<{ key: string; value: string }>).map((t) => [t.key, t.value] as [string, string]),
  });
  if (checked.ok) loaded.load(checked.items);
  loaded.lastModified = time('lastModified');
  loaded.controlLastModified = time('controlLastModified');
  loaded.deleted = store['deleted'] as boolean;
  service.storesByArn.set(arn, loaded);
  if (!loaded.deleted) account.stores.set(name, loaded);
}

function addS3Object(service: KvsService, raw: unknown, s: Check): void {
  s.is(isRecord(raw), 'must be an object');
  const object = raw as Record<string, unknown>;
  const location = object['location'];
  const match = typeof location === 'string' ? /^s3:\/\/([^/]+\/.+)$/.exec(location) : null;
  s.at('location').is(match !== null, 'must be s3://bucket/key');
  const bytes = bytesIn(object, s, 'must have either text or base64');
  service.s3Objects.set(match![1]!, bytes);
}

function parse(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (error) {
    throw new KvsMockUsageError(`The snapshot cannot be loaded: its text is not JSON (${(error as Error).message}).`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A checker for a part of a snapshot found elsewhere (a state file's journal line), named `where` in its messages. */
export function checkAt(where: string): FieldCheck {
  return new Check(where);
}

/** Names the place in the snapshot a check is about, for messages like `snapshot.stores[2].etag must be a string`. */
class Check {
  constructor(private readonly path: string) {}

  at(field: string): Check {
    return new Check(field.startsWith('[') ? `${this.path}${field}` : `${this.path}.${field}`);
  }

  is(ok: boolean, what: string): void {
    if (!ok) this.fail(what);
  }

  fail(what: string): never {
    throw new KvsMockUsageError(`The snapshot cannot be loaded: ${this.path} ${what}.`);
  }
}
