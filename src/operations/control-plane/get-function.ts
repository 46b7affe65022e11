import type { FunctionStage } from '../../core/functions';
import type { Operation } from '../types';
import { validate } from '../shapes';
import { FUNCTION_NAME, STAGE, findFunction, findStage } from './function-common';

/** The input shape of the model. */
const INPUT = { Name: FUNCTION_NAME, Stage: STAGE };

/** GetFunction (F4): one stage's code as bytes (DEVELOPMENT by default), with that stage's ETag. */
export const getFunction: Operation<unknown> = {
  name: 'GetFunction',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<{ Name: string; Stage?: FunctionStage }>(raw, INPUT, 'InvalidArgument');
    const copy = findStage(findFunction(service, accountId, input.Name), input.Stage);
    // A copy: the caller may write into the bytes it gets.
    return { FunctionCode: new Uint8Array(copy.code), ETag: copy.etag, ContentType: 'application/octet-stream' };
  },
};
