import { serviceError, quote } from '../../errors';
import { CloudFrontFunction } from '../../core/functions';
import type { Operation } from '../types';
import { blob, list, structure, validate } from '../shapes';
import { TAG_KEY, TAG_VALUE } from './common';
import { FUNCTION_CONFIG, FUNCTION_NAME, associationOf, checkCodeSize, codeBytes, functionSummary, newCopy, type FunctionConfigInput } from './function-common';

export interface CreateFunctionInput {
  Name: string;
  FunctionConfig: FunctionConfigInput;
  FunctionCode: Uint8Array | string;
  Tags?: { Items?: Array<{ Key: string; Value?: string }> };
}

/** Tags per resource (CloudFront's documented limit). */
const MAX_TAGS = 50;

/** The input shape of the model. */
const INPUT = {
  Name: FUNCTION_NAME,
  FunctionConfig: FUNCTION_CONFIG,
  FunctionCode: blob({ required: true, min: 1, max: 40960 }),
  Tags: structure({ Items: list(structure({ Key: TAG_KEY, Value: TAG_VALUE }), { unique: (t: { Key: string }) => t.Key }) }),
};

/**
 * CreateFunction (F1–F3, F5): a new function whose DEVELOPMENT stage holds the config and code
 * as given (the code is not parsed: a syntax error shows when the function runs), `UNPUBLISHED`.
 * Names are unique per account; 100 functions and 10 KB of code by default.
 */
export const createFunction: Operation<unknown> = {
  name: 'CreateFunction',
  plane: 'control',
  successStatus: 201,
  run(raw, { service, accountId }) {
    const input = validate<CreateFunctionInput>(raw, INPUT, 'InvalidArgument');
    // CreateFunction models no InvalidTagging: too many tags are an invalid argument.
    const tagCount = input.Tags?.Items?.length ?? 0;
    if (tagCount > MAX_TAGS) throw serviceError('InvalidArgument', `A resource may have at most ${MAX_TAGS} tags; this request gives it ${tagCount}.`);
    const association = associationOf(service, accountId, input.FunctionConfig, undefined);
    const account = service.account(accountId);
    if (account.functions.has(input.Name)) {
      throw serviceError('FunctionAlreadyExists', `A function with the same name already exists in this account: ${quote(input.Name)}.`);
    }
    const limit = service.config.quotas.functionsPerAccount;
    if (account.functions.size >= limit) {
      throw serviceError('TooManyFunctions', `You have reached the maximum number of CloudFront functions for this account (${limit}). Delete one first.`);
    }
    const code = codeBytes(input.FunctionCode);
    checkCodeSize(service, code);
    const fn = new CloudFrontFunction({
      name: input.Name,
      accountId,
      created: service.now(),
      development: newCopy(service, input.FunctionConfig, association, code),
      tags: input.Tags?.Items?.map((t) => [t.Key, t.Value ?? ''] as [string, string]),
    });
    account.functions.set(fn.name, fn);
    return {
      FunctionSummary: functionSummary(fn, 'DEVELOPMENT'),
      ETag: fn.development.etag,
      Location: `https://cloudfront.amazonaws.com/2020-05-31/function/${fn.arn}`,
    };
  },
};
