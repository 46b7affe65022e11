import type { Operation } from '../types';
import { validate } from '../shapes';
import { IF_MATCH } from './common';
import { FUNCTION_NAME, checkFunctionIfMatch, findFunction, functionSummary } from './function-common';

/** The input shape of the model; a missing IfMatch is InvalidIfMatchVersion (F4). */
const INPUT = { Name: FUNCTION_NAME, IfMatch: IF_MATCH };

/**
 * PublishFunction (F4): copies DEVELOPMENT to LIVE, guarded by DEVELOPMENT's ETag. LIVE gets an
 * ETag of its own; the answer is LIVE's summary, `UNASSOCIATED` (no distributions are simulated).
 */
export const publishFunction: Operation<unknown> = {
  name: 'PublishFunction',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<{ Name: string; IfMatch?: string }>(raw, INPUT, 'InvalidArgument');
    const fn = findFunction(service, accountId, input.Name);
    checkFunctionIfMatch(fn, 'DEVELOPMENT', input.IfMatch);
    fn.publish(service.now(), service.newControlETag());
    return { FunctionSummary: functionSummary(fn, 'LIVE') };
  },
};
