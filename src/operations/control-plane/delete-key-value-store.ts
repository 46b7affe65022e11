import type { Operation } from '../types';
import { validate } from '../shapes';
import { IF_MATCH, NAME, checkIfMatch, findStore } from './common';

/** The input shape of the model. */
const INPUT = { Name: NAME, IfMatch: IF_MATCH };

/**
 * DeleteKeyValueStore: removes the store from the account (its name is free again); its ARN
 * then answers the data plane with D3's ConflictException.
 */
export const deleteKeyValueStore: Operation<unknown> = {
  name: 'DeleteKeyValueStore',
  plane: 'control',
  successStatus: 204,
  run(raw, { service, accountId }) {
    const input = validate<{ Name: string; IfMatch?: string }>(raw, INPUT, 'InvalidArgument');
    const store = findStore(service, accountId, input.Name);
    checkIfMatch(store, input.IfMatch);
    service.deleteStore(store);
    return {};
  },
};
