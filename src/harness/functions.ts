/**
 * CloudFront functions for tests, without a call: seeding one from its code (through
 * CreateFunction and PublishFunction themselves, so every check is the service's own) and
 * reading a function back as plain data.
 */
import { FUNCTION_STAGES, type CloudFrontFunction, type FunctionCopy, type FunctionRuntime, type FunctionStage } from '../core/functions';
import type { KvsService } from '../core/service';
import { KvsMockUsageError, ServiceError } from '../errors';
import type { RunFunctionOptions } from '../functions';
import { createFunction } from '../operations/control-plane/create-function';
import { publishFunction } from '../operations/control-plane/publish-function';
import { checkAccountId, checkKeys } from './options';
import { liveStore } from './seeding';

/** Options of {@link KvsSimulator.seedFunction}. */
export interface SeedFunctionOptions {
  /** The function's code (JavaScript text or its UTF-8 bytes); not parsed, as on CreateFunction. */
  code: string | Uint8Array;
  /** Function name, unique per account (default `seeded-function-1`, `-2`, …: the first free one). */
  name?: string;
  /** Default `cloudfront-js-2.0`. */
  runtime?: FunctionRuntime;
  /** Default `''`. */
  comment?: string;
  /** A key value store to associate, by ARN or by name (in the function's account); needs `cloudfront-js-2.0`. */
  keyValueStore?: string;
  /** Also publish it, so that LIVE holds the same copy (default false: DEVELOPMENT only). */
  publish?: boolean;
  /** Owning account (default: the simulator's `accountId`). */
  accountId?: string;
}

/** One stage of a function as it is now, as plain data. */
export interface FunctionStageState {
  /** `UNPUBLISHED` (DEVELOPMENT, changed since the last publish) or `UNASSOCIATED`. */
  Status: 'UNPUBLISHED' | 'UNASSOCIATED';
  Comment: string;
  Runtime: FunctionRuntime;
  /** The code as UTF-8 text. */
  Code: string;
  /** This stage's control-plane ETag (`E…`). */
  ETag: string;
  /** The associated key value store, if any. */
  KeyValueStoreARN?: string;
  LastModified: Date;
}

/** A function as it is now: both stages and its tags, as plain data. */
export interface FunctionState {
  Name: string;
  ARN: string;
  AccountId: string;
  Created: Date;
  DEVELOPMENT: FunctionStageState;
  /** Absent until the function is published. */
  LIVE?: FunctionStageState;
  Tags: Record<string, string>;
}

/** Options of {@link KvsSimulator.runFunction} for a function of the simulator, by name or ARN and stage. */
export interface RunSimulatedFunctionOptions extends Omit<RunFunctionOptions, 'code' | 'file' | 'runtime' | 'kvs' | 'kvsId' | 'maxCodeBytes'> {
  /** The function, by name (in `accountId`) or ARN: its code, runtime and store association are the stage's. */
  function: string;
  /** Default `DEVELOPMENT`. */
  stage?: FunctionStage;
  /** The account to find a function named by name in (default: the simulator's). */
  accountId?: string;
}

const WHERE = 'seedFunction()';
const KEYS = ['code', 'name', 'runtime', 'comment', 'keyValueStore', 'publish', 'accountId'];
const utf8 = new TextDecoder();

/** Creates (and with `publish`, publishes) a function; returns it. Anything the service would refuse is a usage error saying why. */
export function seedFunction(service: KvsService, options: SeedFunctionOptions, defaultAccount: string): CloudFrontFunction {
  if (typeof options !== 'object' || options === null) throw new KvsMockUsageError(`${WHERE} takes an object, e.g. { name: 'redirect', code: 'function handler(event) { return event.request; }' }.`);
  checkKeys(options, KEYS, 'seedFunction(options)');
  const accountId = checkAccountId(options.accountId ?? defaultAccount, WHERE);
  const account = service.account(accountId);
  if (typeof options.code !== 'string' && !(options.code instanceof Uint8Array)) {
    throw new KvsMockUsageError(`${WHERE}: code must be the function's JavaScript, as text or UTF-8 bytes.`);
  }
  if (options.publish !== undefined && typeof options.publish !== 'boolean') throw new KvsMockUsageError(`${WHERE}: publish must be true or false.`);
  let name = options.name;
  for (let n = 1; name === undefined; n++) if (!account.functions.has(`seeded-function-${n}`)) name = `seeded-function-${n}`;
  let storeArn: string | undefined;
  if (options.keyValueStore !== undefined) {
    const store = typeof options.keyValueStore === 'string' ? liveStore(service, options.keyValueStore, accountId) : undefined;
    if (!store) throw new KvsMockUsageError(`${WHERE}: keyValueStore ${JSON.stringify(options.keyValueStore)} is not the ARN or the name of a live store of account ${accountId}; seed the store first (seedStore()).`);
    storeArn = store.arn;
  }
  const input = {
    Name: name,
    FunctionCode: options.code,
    FunctionConfig: {
      Comment: options.comment ?? '',
      Runtime: options.runtime ?? 'cloudfront-js-2.0',
      ...(storeArn === undefined ? {} : { KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: storeArn }] } }),
    },
  };
  // One instant for the whole seeding, as for a call.
  service.pin(service.now());
  try {
    const created = asUsageError(() => createFunction.run(input, { service, accountId }) as { ETag: string });
    if (options.publish) asUsageError(() => publishFunction.run({ Name: name, IfMatch: created.ETag }, { service, accountId }));
  } finally {
    service.unpin();
  }
  return account.functions.get(name!)!;
}

/** A function by ARN, or by name in `accountId`. */
export function findFunction(service: KvsService, arnOrName: string, accountId: string): CloudFrontFunction | undefined {
  const named = /^arn:aws:cloudfront::(\d{12}):function\/(.+)$/.exec(arnOrName);
  return named ? service.accounts.get(named[1]!)?.functions.get(named[2]!) : service.accounts.get(accountId)?.functions.get(arnOrName);
}

/**
 * The direct call's options for `stage` of a simulated function: its code, its runtime and its
 * store (by ARN, read as it is now); other options pass through, with the simulator's
 * distribution tenant unless they name one. Options without `function` pass as they are otherwise.
 */
export function runOptionsOf(service: KvsService, options: RunFunctionOptions | RunSimulatedFunctionOptions, defaultAccount: string): RunFunctionOptions {
  const tenant = service.distributionTenant;
  if (typeof options === 'object' && options !== null && tenant !== undefined && options.distributionTenant === undefined) options = { ...options, distributionTenant: tenant };
  if (typeof options !== 'object' || options === null || !('function' in options)) return options as RunFunctionOptions;
  const { function: name, stage = 'DEVELOPMENT', accountId = defaultAccount, ...rest } = options;
  if (!FUNCTION_STAGES.includes(stage)) throw new KvsMockUsageError(`runFunction(): stage must be DEVELOPMENT or LIVE, got ${JSON.stringify(stage)}.`);
  const fn = typeof name === 'string' ? findFunction(service, name, accountId) : undefined;
  if (!fn) throw new KvsMockUsageError(`runFunction(): no function ${JSON.stringify(name)} in this simulator (account ${accountId}); create it first (CreateFunction or seedFunction()).`);
  const run = service.stageToRun(fn, stage);
  if (!run) throw new KvsMockUsageError(`runFunction(): function ${JSON.stringify(fn.name)} has no LIVE stage yet; publish it first, or run its DEVELOPMENT stage.`);
  // The code passed the service's size quota when it was created or updated.
  return { ...rest, code: run.code, runtime: run.runtime, maxCodeBytes: 40_960, ...(run.store ? { kvs: run.store.arn } : {}) };
}

/** A function as plain data: a copy, so changing it changes nothing. */
export function functionState(fn: CloudFrontFunction): FunctionState {
  return {
    Name: fn.name,
    ARN: fn.arn,
    AccountId: fn.accountId,
    Created: new Date(fn.created),
    DEVELOPMENT: stageState(fn, 'DEVELOPMENT', fn.development),
    ...(fn.live ? { LIVE: stageState(fn, 'LIVE', fn.live) } : {}),
    Tags: Object.fromEntries(fn.tags),
  };
}

function stageState(fn: CloudFrontFunction, stage: FunctionStage, copy: FunctionCopy): FunctionStageState {
  return {
    Status: fn.status(stage),
    Comment: copy.comment,
    Runtime: copy.runtime,
    Code: utf8.decode(copy.code),
    ETag: copy.etag,
    ...(copy.keyValueStoreArn === undefined ? {} : { KeyValueStoreARN: copy.keyValueStoreArn }),
    LastModified: new Date(copy.lastModified),
  };
}

function asUsageError<T>(act: () => T): T {
  try {
    return act();
  } catch (error) {
    if (error instanceof ServiceError) throw new KvsMockUsageError(`${WHERE}: the service would refuse this function (${error.code}): ${error.message}`);
    throw error;
  }
}
