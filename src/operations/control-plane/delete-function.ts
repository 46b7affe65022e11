import type { Operation } from '../types';
import { validate } from '../shapes';
import { IF_MATCH } from './common';
import { FUNCTION_NAME, checkFunctionIfMatch, findFunction } from './function-common';

/** The input shape of the model; a missing IfMatch is InvalidIfMatchVersion (F4). */
const INPUT = { Name: FUNCTION_NAME, IfMatch: IF_MATCH };

/**
 * DeleteFunction (F4, F7): removes both stages, guarded by DEVELOPMENT's ETag; its store
 * associations and tags go with it. FunctionInUse (a distribution uses it) is never raised by
 * itself, as no distributions are simulated: inject it to test that path.
 */
export const deleteFunction: Operation<unknown> = {
  name: 'DeleteFunction',
  plane: 'control',
  successStatus: 204,
  run(raw, { service, accountId }) {
    const input = validate<{ Name: string; IfMatch?: string }>(raw, INPUT, 'InvalidArgument');
    const fn = findFunction(service, accountId, input.Name);
    checkFunctionIfMatch(fn, 'DEVELOPMENT', input.IfMatch);
    service.account(accountId).functions.delete(fn.name);
    return {};
  },
};
