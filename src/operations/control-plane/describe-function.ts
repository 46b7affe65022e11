import type { FunctionStage } from '../../core/functions';
import type { Operation } from '../types';
import { validate } from '../shapes';
import { FUNCTION_NAME, STAGE, findFunction, findStage, functionSummary } from './function-common';

/** The input shape of the model. */
const INPUT = { Name: FUNCTION_NAME, Stage: STAGE };

/** DescribeFunction (F4): one stage's summary (DEVELOPMENT by default) and that stage's ETag. */
export const describeFunction: Operation<unknown> = {
  name: 'DescribeFunction',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<{ Name: string; Stage?: FunctionStage }>(raw, INPUT, 'InvalidArgument');
    const fn = findFunction(service, accountId, input.Name);
    const copy = findStage(fn, input.Stage);
    return { FunctionSummary: functionSummary(fn, input.Stage ?? 'DEVELOPMENT'), ETag: copy.etag };
  },
};
