import { serviceError, quote } from '../../errors';
import { CloudFrontFunction, type FunctionCopy, type FunctionRuntime, type FunctionStage } from '../../core/functions';
import type { KvsService } from '../../core/service';
import { integer, list, string, structure } from '../shapes';

/** Model constraints shared by the Functions operations (cloudfront 2020-05-31). */
export const FUNCTION_NAME = string({ required: true, min: 1, max: 64, pattern: /^[a-zA-Z0-9-_]{1,64}$/ });
export const STAGE = string({ enum: ['DEVELOPMENT', 'LIVE'] });
const KVS_ARN = /^arn:aws:cloudfront::[0-9]{12}:key-value-store\/[0-9a-fA-F-]{36}$/;
export const FUNCTION_CONFIG = structure(
  {
    Comment: string({ required: true }),
    Runtime: string({ required: true, enum: ['cloudfront-js-1.0', 'cloudfront-js-2.0'] }),
    KeyValueStoreAssociations: structure({
      Quantity: integer({ required: true }),
      Items: list(structure({ KeyValueStoreARN: string({ required: true, min: 0, max: 85, pattern: KVS_ARN }) })),
    }),
  },
  { required: true },
);

/** `FunctionConfig` as the operations read it once it passed the shape. */
export interface FunctionConfigInput {
  Comment: string;
  Runtime: FunctionRuntime;
  KeyValueStoreAssociations?: { Quantity: number; Items?: Array<{ KeyValueStoreARN: string }> };
}

/** The function of the caller's account named `name`, or NoSuchFunctionExists. */
export function findFunction(service: KvsService, accountId: string, name: string): CloudFrontFunction {
  const fn = service.accounts.get(accountId)?.functions.get(name);
  if (!fn) throw serviceError('NoSuchFunctionExists', `The function does not exist: no function is named ${quote(name)} in this account.`);
  return fn;
}

/** The copy of `stage` (DEVELOPMENT by default), or NoSuchFunctionExists (LIVE before the first publish, F4). */
export function findStage(fn: CloudFrontFunction, stage: FunctionStage | undefined): FunctionCopy {
  const copy = fn.stage(stage ?? 'DEVELOPMENT');
  if (!copy) throw serviceError('NoSuchFunctionExists', `The function does not exist in the LIVE stage: ${quote(fn.name)} has not been published. Publish it with PublishFunction first.`);
  return copy;
}

/** F4: a write (or a test) needs the ETag of the stage it acts on. */
export function checkFunctionIfMatch(fn: CloudFrontFunction, stage: FunctionStage, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '') {
    throw serviceError('InvalidIfMatchVersion', `The If-Match version is missing or not valid for the resource: pass IfMatch, the ETag of the function's ${stage} stage from DescribeFunction.`);
  }
  const copy = fn.stage(stage)!;
  if (ifMatch !== copy.etag) {
    throw serviceError(
      'PreconditionFailed',
      `The request failed because it didn't meet the preconditions in one or more request-header fields: IfMatch ${quote(ifMatch)} is not the current ETag of the ${stage} stage of function ${quote(fn.name)}.`,
    );
  }
}

/**
 * F5: the association a config asks for (the store's ARN, or undefined), or InvalidArgument
 * naming every problem: a Quantity that is not the number of Items, more than one store, a
 * 1.0 runtime, a store that is not a live one of this account, a store that already serves as
 * many functions as the quota allows (`self`, the function being updated, is not counted).
 */
export function associationOf(service: KvsService, accountId: string, config: FunctionConfigInput, self: CloudFrontFunction | undefined): string | undefined {
  const given = config.KeyValueStoreAssociations;
  if (!given) return undefined;
  const items = given.Items ?? [];
  const problems: string[] = [];
  if (given.Quantity !== items.length) problems.push(`KeyValueStoreAssociations.Quantity is ${given.Quantity} but Items holds ${items.length}`);
  if (items.length > 1) problems.push(`a function can be associated with one key value store only; ${items.length} are given`);
  if (items.length > 0 && config.Runtime !== 'cloudfront-js-2.0') problems.push(`key value stores can be associated with cloudfront-js-2.0 functions only; the Runtime is ${config.Runtime}`);
  const arn = items[0]?.KeyValueStoreARN;
  if (arn !== undefined) {
    const store = service.storesByArn.get(arn);
    if (!store || store.deleted || store.accountId !== accountId) {
      problems.push(`the key value store ${arn} does not exist in this account`);
    } else {
      const limit = service.config.quotas.functionsPerKeyValueStore;
      const others = service.functionsUsing(store).filter((fn) => fn !== self);
      if (others.length >= limit) {
        problems.push(`the key value store ${quote(store.name)} is already associated with ${others.length} functions, the most it may serve (${limit})`);
      }
    }
  }
  if (problems.length > 0) throw serviceError('InvalidArgument', `Invalid KeyValueStoreAssociations: ${problems.join('; ')}.`);
  return arn;
}

/** The code's bytes: the SDK sends a string as its UTF-8 bytes; our own copy either way. */
export function codeBytes(code: Uint8Array | string): Uint8Array {
  return typeof code === 'string' ? new TextEncoder().encode(code) : new Uint8Array(code);
}

/** F2: code over the size quota (10 KB by default) is refused with FunctionSizeLimitExceeded. */
export function checkCodeSize(service: KvsService, code: Uint8Array): void {
  const limit = service.config.quotas.functionSizeBytes;
  if (code.byteLength > limit) {
    throw serviceError('FunctionSizeLimitExceeded', `The function is too large: its code is ${code.byteLength} bytes, more than the ${limit} bytes a function may have.`);
  }
}

/** The `FunctionSummary` of one stage, as every Functions operation answers it. */
export function functionSummary(fn: CloudFrontFunction, stage: FunctionStage) {
  const copy = fn.stage(stage)!;
  return {
    Name: fn.name,
    Status: fn.status(stage),
    FunctionConfig: {
      Comment: copy.comment,
      Runtime: copy.runtime,
      ...(copy.associationsGiven ? { KeyValueStoreAssociations: associationsOutput(copy.keyValueStoreArn) } : {}),
    },
    FunctionMetadata: {
      FunctionARN: fn.arn,
      Stage: stage,
      CreatedTime: new Date(fn.created),
      LastModifiedTime: new Date(copy.lastModified),
    },
  };
}

function associationsOutput(arn: string | undefined) {
  return arn === undefined ? { Quantity: 0 } : { Quantity: 1, Items: [{ KeyValueStoreARN: arn }] };
}

/** A new copy of DEVELOPMENT from a checked config and code, under a new ETag. */
export function newCopy(service: KvsService, config: FunctionConfigInput, keyValueStoreArn: string | undefined, code: Uint8Array): FunctionCopy {
  return {
    comment: config.Comment,
    runtime: config.Runtime,
    keyValueStoreArn,
    associationsGiven: config.KeyValueStoreAssociations !== undefined,
    code,
    etag: service.newControlETag(),
    lastModified: service.now(),
  };
}
