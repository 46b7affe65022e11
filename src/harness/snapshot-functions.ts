/**
 * The CloudFront functions of a snapshot: both stages of each (config, code, ETag, times), its
 * tags, and which DEVELOPMENT copy was published. A snapshot from before functions has none.
 */
import { CloudFrontFunction, type FunctionCopy, type FunctionRuntime } from '../core/functions';
import type { KvsService } from '../core/service';
import { bytesOut, bytesIn, type SnapshotBytes } from './snapshot-bytes';

/** One stage of a function in a snapshot. Times are epoch milliseconds on the simulator's clock. */
export interface SnapshotFunctionStage {
  comment: string;
  runtime: FunctionRuntime;
  /** The associated key value store, a live store of the function's account. */
  keyValueStoreArn?: string;
  /** Whether the config gave `KeyValueStoreAssociations` (answers echo it). */
  associationsGiven: boolean;
  /** The code: UTF-8 text as `text`, any other bytes as `base64`. */
  code: SnapshotBytes;
  etag: string;
  lastModified: number;
}

/** One CloudFront function in a snapshot. */
export interface SnapshotFunction {
  name: string;
  accountId: string;
  created: number;
  development: SnapshotFunctionStage;
  /** Absent until the function was published. */
  live?: SnapshotFunctionStage;
  /** The DEVELOPMENT ETag published last (DEVELOPMENT is `UNPUBLISHED` while its ETag differs). */
  publishedFrom?: string;
  tags: Array<{ key: string; value: string }>;
}

/** Where a malformed field is, for the usage error: the snapshot loader's checker. */
export interface FieldCheck {
  at(field: string): FieldCheck;
  is(ok: boolean, what: string): void;
}

const FUNCTION_NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const RUNTIMES: readonly string[] = ['cloudfront-js-1.0', 'cloudfront-js-2.0'];

/** Every function of every account, by account then name. */
export function takeFunctions(service: KvsService): SnapshotFunction[] {
  const functions: SnapshotFunction[] = [];
  for (const account of service.accounts.values()) {
    for (const fn of account.functions.values()) {
      functions.push(functionOut(fn));
    }
  }
  return functions;
}

/** One function as a snapshot holds it. */
export function functionOut(fn: CloudFrontFunction): SnapshotFunction {
  return {
    name: fn.name,
    accountId: fn.accountId,
    created: fn.created,
    development: stageOut(fn.development),
    ...(fn.live ? { live: stageOut(fn.live) } : {}),
    ...(fn.publishedFrom === undefined ? {} : { publishedFrom: fn.publishedFrom }),
    tags: [...fn.tags].map(([key, value]) => ({ key, value })),
  };
}

/** Adds the snapshot's `functions` (after its stores: associations name them). */
export function addFunctions(service: KvsService, raw: unknown, s: FieldCheck): void {
  if (raw === undefined) return;
  s.is(Array.isArray(raw), 'must be an array when present');
  (raw as unknown[]).forEach((fn, i) => addFunction(service, fn, s.at(`[${i}]`)));
}

function addFunction(service: KvsService, raw: unknown, s: FieldCheck): void {
  const loaded = functionIn(service, raw, s);
  const account = service.account(loaded.accountId);
  s.at('name').is(!account.functions.has(loaded.name), `repeats the name of another function of account ${loaded.accountId}`);
  account.functions.set(loaded.name, loaded);
}

/** A function from its snapshot form, checked (its account known, its stores live) but not added to the service. */
export function functionIn(service: KvsService, raw: unknown, s: FieldCheck): CloudFrontFunction {
  s.is(isRecord(raw), 'must be an object');
  const fn = raw as Record<string, unknown>;
  const accountId = fn['accountId'];
  s.at('accountId').is(typeof accountId === 'string' && service.accounts.has(accountId), "must be one of the snapshot's accounts");
  const name = fn['name'];
  s.at('name').is(typeof name === 'string' && FUNCTION_NAME.test(name), `must match ${FUNCTION_NAME.source}`);
  s.at('created').is(isTime(fn['created']), 'must be a time in epoch milliseconds');
  const tags = fn['tags'];
  s.at('tags').is(Array.isArray(tags) && tags.every((t) => isRecord(t) && typeof t['key'] === 'string' && typeof t['value'] === 'string'), 'must be an array of { key, value } strings');
  const publishedFrom = fn['publishedFrom'];
  s.at('publishedFrom').is(publishedFrom === undefined || typeof publishedFrom === 'string', 'must be a string when present');
  const loaded = new CloudFrontFunction({
    name: name as string,
    accountId: accountId as string,
    created: fn['created'] as number,
    development: stageIn(service, accountId as string, fn['development'], s.at('development')),
    tags: (tags as Array<{ key: string; value: string }>).map((t) => [t.key, t.value] as [string, string]),
  });
  if (fn['live'] !== undefined) loaded.live = stageIn(service, accountId as string, fn['live'], s.at('live'));
  loaded.publishedFrom = publishedFrom as string | undefined;
  return loaded;
}

function stageOut(copy: FunctionCopy): SnapshotFunctionStage {
  return {
    comment: copy.comment,
    runtime: copy.runtime,
    ...(copy.keyValueStoreArn === undefined ? {} : { keyValueStoreArn: copy.keyValueStoreArn }),
    associationsGiven: copy.associationsGiven,
    code: bytesOut(copy.code),
    etag: copy.etag,
    lastModified: copy.lastModified,
  };
}

function stageIn(service: KvsService, accountId: string, raw: unknown, s: FieldCheck): FunctionCopy {
  s.is(isRecord(raw), 'must be an object');
  const stage = raw as Record<string, unknown>;
  s.at('comment').is(typeof stage['comment'] === 'string', 'must be a string');
  s.at('runtime').is(RUNTIMES.includes(stage['runtime'] as string), `must be one of ${RUNTIMES.join(', ')}`);
  const arn = stage['keyValueStoreArn'];
  if (arn !== undefined) {
    const store = typeof arn === 'string' ? service.storesByArn.get(arn) : undefined;
    s.at('keyValueStoreArn').is(store !== undefined && !store.deleted && store.accountId === accountId, "must be the ARN of a live key value store of the function's account");
  }
  s.at('associationsGiven').is(typeof stage['associationsGiven'] === 'boolean', 'must be true or false');
  s.at('etag').is(typeof stage['etag'] === 'string', 'must be a string');
  s.at('lastModified').is(isTime(stage['lastModified']), 'must be a time in epoch milliseconds');
  const code = stage['code'];
  s.at('code').is(isRecord(code), 'must be { text } or { base64 }');
  return {
    comment: stage['comment'] as string,
    runtime: stage['runtime'] as FunctionRuntime,
    keyValueStoreArn: arn as string | undefined,
    associationsGiven: stage['associationsGiven'] as boolean,
    code: bytesIn(code as Record<string, unknown>, s.at('code'), 'must be { text } or { base64 }'),
    etag: stage['etag'] as string,
    lastModified: stage['lastModified'] as number,
  };
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
