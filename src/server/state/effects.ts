/**
 * What a journal record holds: the effect of one successful write, read off the service right
 * after it, not the request. A key write records the new values of the keys it named (or their
 * absence), the store's new ETag and LastModified; any other write records the whole store
 * (without its keys, except when it was created) or the whole function it touched, or that the
 * function is gone. Every record also carries where the id generator stands, and the accounts
 * when a call made the service meet a new one. Replaying the records in order over the snapshot
 * brings back exactly the state at the last one: no operation runs again, so nothing depends on
 * the clock or on the generator during a replay.
 *
 * Reading the state rather than the request also makes each record right when calls interleave:
 * a record holds the entity as it is when it is taken, at or after its own write, and any later
 * write to it takes its own, later record.
 */
import { parseFunctionArn } from '../../core/functions';
import type { KvsService } from '../../core/service';
import type { KeyValueStore } from '../../core/store';
import { checkAt, loadStore, storeOut, type SnapshotStore } from '../../harness/snapshot';
import { functionIn, functionOut, type SnapshotFunction } from '../../harness/snapshot-functions';

/** The new state of the keys one data-plane write named. */
export interface KeysEffect {
  kind: 'keys';
  arn: string;
  etag: string;
  lastModified: number;
  /** Keys that hold a value now, with it. */
  put: Array<[string, string]>;
  /** Keys that hold none now. */
  del: string[];
}

/** A store as it is now: with its keys when it was just created, else without. */
export interface StoreEffect {
  kind: 'store';
  store: SnapshotStore | Omit<SnapshotStore, 'keys'>;
}

/** A function as it is now, or its absence. */
export interface FunctionEffect {
  kind: 'function';
  accountId: string;
  name: string;
  function?: SnapshotFunction;
}

export type Effect = KeysEffect | StoreEffect | FunctionEffect;

/** One journal line's content. */
export interface JournalRecord {
  /** The record's sequence number, one more than the record before it, across compactions. */
  n: number;
  /** Where the id generator stands after the write. */
  r: [number, number, number, number];
  /** Every account the service knows, when there are more than at the record before. */
  a?: string[];
  e: Effect;
}

/** What the state file needs of a successful call: the server's `Call` and the call log's records both fit. */
export interface WrittenCall {
  plane: 'data' | 'control';
  operation: string;
  input: unknown;
  accountId: string;
}

type Input = Record<string, unknown>;

const DATA_WRITES = new Set(['PutKey', 'DeleteKey', 'UpdateKeys']);
const STORE_WRITES = new Set(['CreateKeyValueStore', 'UpdateKeyValueStore', 'DeleteKeyValueStore']);
const FUNCTION_WRITES = new Set(['CreateFunction', 'UpdateFunction', 'PublishFunction', 'DeleteFunction']);
const TAG_WRITES = new Set(['TagResource', 'UntagResource']);

/** Whether a successful call of this operation changes the state. */
export function isWrite(call: WrittenCall): boolean {
  return call.plane === 'data' ? DATA_WRITES.has(call.operation) : STORE_WRITES.has(call.operation) || FUNCTION_WRITES.has(call.operation) || TAG_WRITES.has(call.operation);
}

/** The effect of a successful write, as the service holds it now; undefined for a call that changes nothing. */
export function effectOf(service: KvsService, call: WrittenCall): Effect | undefined {
  if (!isWrite(call)) return undefined;
  const input = (call.input ?? {}) as Input;
  if (call.plane === 'data') return keysEffect(service, input);
  if (STORE_WRITES.has(call.operation)) {
    const store = storeNamed(service, call.accountId, input['Name'] as string, call.operation === 'DeleteKeyValueStore' ? (input['IfMatch'] as string) : undefined);
    const created = call.operation === 'CreateKeyValueStore';
    return store && { kind: 'store', store: created ? storeOut(store, service.now()) : storeOut(store, service.now(), false) };
  }
  if (FUNCTION_WRITES.has(call.operation)) return functionEffect(service, call.accountId, input['Name'] as string);
  const resource = String(input['Resource']);
  const fn = parseFunctionArn(resource);
  if (fn) return functionEffect(service, fn.accountId, fn.name);
  const store = service.storesByArn.get(resource);
  return store && { kind: 'store', store: storeOut(store, service.now(), false) };
}

function keysEffect(service: KvsService, input: Input): KeysEffect | undefined {
  const store = service.storesByArn.get(input['KvsARN'] as string);
  if (!store) return undefined;
  const named = 'Key' in input ? [input['Key'] as string] : [...list(input['Puts']), ...list(input['Deletes'])].map((item) => (item as Input)['Key'] as string);
  const put: Array<[string, string]> = [];
  const del: string[] = [];
  for (const key of named) {
    const value = store.keys.get(key);
    if (value === undefined) del.push(key);
    else put.push([key, value]);
  }
  return { kind: 'keys', arn: store.arn, etag: store.etag, lastModified: store.lastModified, put, del };
}

function functionEffect(service: KvsService, accountId: string, name: string): FunctionEffect {
  const fn = service.accounts.get(accountId)?.functions.get(name);
  return { kind: 'function', accountId, name, ...(fn ? { function: functionOut(fn) } : {}) };
}

/**
 * The store a control-plane write named: the live one of that name, or (once deleted) the one
 * whose control ETag the delete matched, or the latest of that name.
 */
function storeNamed(service: KvsService, accountId: string, name: string, ifMatch: string | undefined): KeyValueStore | undefined {
  const live = service.accounts.get(accountId)?.stores.get(name);
  if (live && ifMatch === undefined) return live;
  let latest: KeyValueStore | undefined;
  for (const store of service.storesByArn.values()) {
    if (store.accountId !== accountId || store.name !== name) continue;
    if (ifMatch !== undefined && store.deleted && store.controlETag === ifMatch) return store;
    latest = store;
  }
  return latest;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Applies one record to `service`; a record that does not fit it throws a usage error naming `where`. */
export function applyRecord(service: KvsService, record: JournalRecord, where: string): void {
  const s = checkAt(where);
  for (const accountId of record.a ?? []) service.account(accountId);
  const effect = record.e;
  s.at('e').is(typeof effect === 'object' && effect !== null, 'must be an effect');
  if (effect.kind === 'keys') applyKeys(service, effect, where);
  else if (effect.kind === 'store') applyStore(service, effect.store, `${where}.e.store`);
  else if (effect.kind === 'function') applyFunction(service, effect, `${where}.e`);
  else s.at('e.kind').is(false, 'must be keys, store or function');
  const r = record.r;
  s.at('r').is(Array.isArray(r) && r.length === 4 && r.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32), 'must be four unsigned 32-bit integers');
  service.random.state = r;
}

function applyKeys(service: KvsService, effect: KeysEffect, where: string): void {
  const store = service.storesByArn.get(effect.arn);
  checkAt(`${where}.e.arn`).is(store !== undefined, `names ${effect.arn}, a store the state does not hold`);
  for (const [key, value] of effect.put) store!.put(key, value);
  for (const key of effect.del) store!.remove(key);
  store!.touch(effect.lastModified, effect.etag);
}

function applyStore(service: KvsService, raw: StoreEffect['store'], where: string): void {
  const store = service.storesByArn.get(raw.arn);
  if (!store) {
    checkAt(where).is('keys' in raw, `creates store ${raw.arn} without its keys`);
    return loadStore(service, raw, where);
  }
  // What a store's control-plane writes and tags change; the rest is fixed at its creation.
  store.comment = raw.comment;
  store.etag = raw.etag;
  store.lastModified = raw.lastModified;
  store.controlETag = raw.controlEtag;
  store.controlLastModified = raw.controlLastModified;
  store.tags.clear();
  for (const { key, value } of raw.tags) store.tags.set(key, value);
  if (raw.deleted && !store.deleted) service.deleteStore(store);
}

function applyFunction(service: KvsService, effect: FunctionEffect, where: string): void {
  const account = service.account(effect.accountId);
  const existing = account.functions.get(effect.name);
  if (effect.function === undefined) {
    account.functions.delete(effect.name);
    return;
  }
  const loaded = functionIn(service, effect.function, checkAt(`${where}.function`));
  if (!existing || existing.created !== loaded.created) {
    // A new function, or one deleted and created again under its name: it goes last, as it did.
    account.functions.delete(effect.name);
    account.functions.set(loaded.name, loaded);
    return;
  }
  // In place, so the account's functions keep their order.
  existing.development = loaded.development;
  existing.live = loaded.live;
  existing.publishedFrom = loaded.publishedFrom;
  existing.tags.clear();
  for (const [key, value] of loaded.tags) existing.tags.set(key, value);
}
