import { readFileSync } from 'node:fs';
import { toEpochMs } from '../core/clock';
import { checkImportData } from '../core/import-file';
import { DEFAULT_QUOTAS } from '../core/quotas';
import type { KvsService } from '../core/service';
import { KeyValueStore } from '../core/store';
import { KvsMockUsageError } from '../errors';
import { checkEvent } from './events';
import { invokeFunction } from './invoke';
import { checkDistributionTenant } from './tenant';
import { FUNCTION_RUNTIMES, type DistributionTenant, type EdgeLocation, type FunctionRuntime, type FunctionStore, type InvocationLimits, type InvocationResult } from './types';

/** The largest `FunctionCode` the API takes (the model's bound). */
export const FUNCTION_CODE_MAX_BYTES = 40_960;
/** CloudFront's quota on a function's size (10 KB), the default of `maxCodeBytes`. */
export const FUNCTION_CODE_QUOTA_BYTES = 10_240;
/** The Id of a store given as inline pairs, for `cf.kvs(id)`. */
export const INLINE_STORE_ID = 'a1b2c3d4-5678-4abc-8def-0123456789ab';

/** Options of `runFunction()`. */
export interface RunFunctionOptions {
  /** The function's code: its text, or its bytes (UTF-8). Give `code` or `file`. */
  code?: string | Uint8Array;
  /** A path to the function's code file. */
  file?: string | URL;
  /** Default `cloudfront-js-2.0`. */
  runtime?: FunctionRuntime;
  /** The event: an object or its JSON text; build one with `viewerRequestEvent()` / `viewerResponseEvent()`. */
  event: unknown;
  /**
   * The associated key value store: inline pairs (an object of key to value, or the S3 import
   * format's `data` array), or with `simulator.runFunction()` a store's ARN or name.
   */
  kvs?: string | Readonly<Record<string, string>> | ReadonlyArray<{ key: string; value: string }>;
  /** The Id `cf.kvs(id)` accepts for inline pairs (default {@link INLINE_STORE_ID}). */
  kvsId?: string;
  /** The time `Date` answers (default: the simulator's clock, or `Date.now()` standalone). */
  now?: number | Date;
  limits?: InvocationLimits;
  edgeLocation?: EdgeLocation;
  /** The size quota on the code (default 10,240 bytes; at most 40,960). */
  maxCodeBytes?: number;
  /**
   * Runs the function for a distribution tenant of a multi-tenant distribution: the function sees
   * `cf.distributionTenant` and `event.context.endpoint` (instead of `distributionDomainName`).
   * With `simulator.runFunction()` the default is the simulator's `distributionTenant`.
   */
  distributionTenant?: DistributionTenant;
  /**
   * The query as the viewer sent it, without `?`, which `event.request.rawQueryString()` answers:
   * `''` models a bare `?`. Default: rebuilt from the event's querystring (undefined when it is empty).
   */
  rawQueryString?: string;
}

const KEYS = ['code', 'file', 'runtime', 'event', 'kvs', 'kvsId', 'now', 'limits', 'edgeLocation', 'maxCodeBytes', 'distributionTenant', 'rawQueryString'];
const STORE_ARN = /^arn:aws:cloudfront::\d{12}:key-value-store\/[0-9a-f-]+$/;

function usage(message: string): KvsMockUsageError {
  return new KvsMockUsageError(`runFunction(): ${message}`);
}

function codeOf(options: RunFunctionOptions): string {
  if ((options.code === undefined) === (options.file === undefined)) throw usage('give the function as code (its text or bytes) or as file (a path), one of them.');
  let bytes: Uint8Array;
  if (options.file !== undefined) {
    try {
      bytes = readFileSync(options.file);
    } catch (error) {
      throw usage(`cannot read the code file ${String(options.file)}: ${(error as Error).message}`);
    }
  } else if (typeof options.code === 'string') bytes = Buffer.from(options.code, 'utf8');
  else if (options.code instanceof Uint8Array) bytes = options.code;
  else throw usage('code must be a string or a Uint8Array (a Buffer).');
  const quota = options.maxCodeBytes ?? FUNCTION_CODE_QUOTA_BYTES;
  if (!Number.isInteger(quota) || quota < 1 || quota > FUNCTION_CODE_MAX_BYTES) throw usage(`maxCodeBytes must be a whole number from 1 to ${FUNCTION_CODE_MAX_BYTES}.`);
  if (bytes.length === 0) throw usage('the code is empty.');
  if (bytes.length > quota) {
    throw usage(`the code is ${bytes.length} bytes, over the function size quota of ${quota} bytes (CloudFront would answer FunctionSizeLimitExceeded); raise maxCodeBytes up to ${FUNCTION_CODE_MAX_BYTES} to model a raised quota.`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function eventOf(event: unknown): unknown {
  let value = event;
  if (typeof event === 'string') {
    try {
      value = JSON.parse(event);
    } catch (error) {
      throw usage(`the event is not valid JSON: ${(error as Error).message}.`);
    }
  }
  const reason = checkEvent(value);
  if (reason) throw usage(`the event is not a CloudFront Functions event: ${reason}. Build one with viewerRequestEvent() or viewerResponseEvent().`);
  try {
    return JSON.parse(JSON.stringify(value));
  } catch (error) {
    throw usage(`the event must be JSON data: ${(error as Error).message}.`);
  }
}

function inlineStore(pairs: Readonly<Record<string, string>> | ReadonlyArray<{ key: string; value: string }>, id: string, now: number): FunctionStore {
  const data = Array.isArray(pairs) ? pairs : Object.entries(pairs).map(([key, value]) => ({ key, value }));
  const checked = checkImportData(data, DEFAULT_QUOTAS);
  if (!checked.ok) throw usage(`the kvs pairs break a key value store limit: ${checked.reason}.`);
  const store = new KeyValueStore({ id, arn: `arn:aws:cloudfront::000000000000:key-value-store/${id}`, name: 'inline', accountId: '000000000000', comment: '', created: now, readyAt: now, etag: 'KV0', controlETag: 'E0', seq: 0 });
  store.load(checked.items);
  return store;
}

/**
 * Runs a function against an event, with no control plane: the direct call for unit tests.
 * `service` (a simulator's) resolves a store named by ARN or name and gives the clock.
 */
export function runFunctionWith(options: RunFunctionOptions, service?: KvsService): InvocationResult {
  if (typeof options !== 'object' || options === null) throw usage('takes an options object: { code, event, runtime?, kvs? }.');
  for (const key of Object.keys(options)) if (!KEYS.includes(key)) throw usage(`unknown option ${JSON.stringify(key)}. Known options: ${KEYS.join(', ')}.`);
  const runtime = options.runtime ?? 'cloudfront-js-2.0';
  if (!FUNCTION_RUNTIMES.includes(runtime)) throw usage(`runtime must be one of ${FUNCTION_RUNTIMES.join(', ')}, got ${JSON.stringify(runtime)}.`);
  const code = codeOf(options);
  const event = eventOf(options.event);
  const now = options.now === undefined ? (service ? service.now() : Date.now()) : toEpochMs(options.now, 'runFunction({ now })');
  let store: FunctionStore | undefined;
  if (options.kvs !== undefined) {
    if (runtime !== 'cloudfront-js-2.0') throw usage('a key value store can be associated with a cloudfront-js-2.0 function only.');
    if (typeof options.kvs === 'string') {
      if (!service) throw usage('a store by ARN or name needs a simulator: call simulator.runFunction(), or give the pairs inline.');
      const found = service.storesByArn.get(options.kvs) ?? service.accounts.get(service.config.accountId)?.stores.get(options.kvs);
      if (!found || found.deleted) throw usage(`no key value store ${JSON.stringify(options.kvs)} in this simulator${STORE_ARN.test(options.kvs) ? '' : ` (account ${service.config.accountId})`}; create it first or pass its ARN.`);
      store = found;
    } else if (typeof options.kvs === 'object' && options.kvs !== null) store = inlineStore(options.kvs, options.kvsId ?? INLINE_STORE_ID, now);
    else throw usage('kvs must be a store ARN or name, an object of key to value, or an array of { key, value }.');
  }
  const tenant = options.distributionTenant === undefined ? undefined : checkDistributionTenant(options.distributionTenant, 'runFunction()');
  const raw = options.rawQueryString;
  if (raw !== undefined && (typeof raw !== 'string' || raw.startsWith('?'))) throw usage("rawQueryString must be the query as the viewer sent it, without the '?' (a string; '' for a bare '?').");
  return invokeFunction({ code, runtime, event, store, now, limits: options.limits, edgeLocation: options.edgeLocation, distributionTenant: tenant, rawQueryString: raw });
}

/**
 * Runs a CloudFront Function's code against an event, as CloudFront would, with an optional
 * store given as inline pairs. A failure of the function is a result with `error` set; misuse
 * (bad options, code over the size quota, an event that is not a CloudFront event) throws a
 * `KvsMockUsageError`.
 *
 * @example
 * ```ts
 * import { runFunction, viewerRequestEvent } from 'cloudfront-kvs-mock';
 *
 * const result = runFunction({
 *   file: 'functions/redirect.js',
 *   event: viewerRequestEvent({ uri: '/old' }),
 *   kvs: { '/old': '/new' },
 * });
 * expect(result.output?.response).toMatchObject({ statusCode: 301 });
 * ```
 */
export function runFunction(options: RunFunctionOptions): InvocationResult {
  return runFunctionWith(options);
}
