import type { Operation } from '../types';
import { blob, validate } from '../shapes';
import { IF_MATCH } from './common';
import {
  FUNCTION_CONFIG,
  FUNCTION_NAME,
  associationOf,
  checkCodeSize,
  checkFunctionIfMatch,
  codeBytes,
  findFunction,
  functionSummary,
  newCopy,
  type FunctionConfigInput,
} from './function-common';

export interface UpdateFunctionInput {
  Name: string;
  IfMatch?: string;
  FunctionConfig: FunctionConfigInput;
  FunctionCode: Uint8Array | string;
}

/** The input shape of the model; a missing IfMatch is InvalidIfMatchVersion (F4), not a shape error. */
const INPUT = { Name: FUNCTION_NAME, IfMatch: IF_MATCH, FunctionConfig: FUNCTION_CONFIG, FunctionCode: blob({ required: true, min: 1, max: 40960 }) };

/**
 * UpdateFunction (F4, F5): replaces the DEVELOPMENT stage's config and code, guarded by its
 * ETag, under a new ETag; LIVE stays as published. A refusal leaves the stage as it was.
 */
export const updateFunction: Operation<unknown> = {
  name: 'UpdateFunction',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<UpdateFunctionInput>(raw, INPUT, 'InvalidArgument');
    const fn = findFunction(service, accountId, input.Name);
    checkFunctionIfMatch(fn, 'DEVELOPMENT', input.IfMatch);
    const association = associationOf(service, accountId, input.FunctionConfig, fn);
    const code = codeBytes(input.FunctionCode);
    checkCodeSize(service, code);
    fn.development = newCopy(service, input.FunctionConfig, association, code);
    // The model names this header `ETtag`; the SDK's output member is `ETag` all the same.
    return { FunctionSummary: functionSummary(fn, 'DEVELOPMENT'), ETag: fn.development.etag };
  },
};

