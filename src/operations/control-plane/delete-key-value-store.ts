import { serviceError, quote } from '../../errors';
import type { Operation } from '../types';
import { validate } from '../shapes';
import { IF_MATCH, NAME, checkIfMatch, findStore } from './common';

/** The input shape of the model. */
const INPUT = { Name: NAME, IfMatch: IF_MATCH };

/**
 * DeleteKeyValueStore: removes the store from the account (its name is free again); its ARN
 * then answers the data plane with D3's ConflictException. A store that either stage of a
 * function is associated with is refused (F6), unchanged.
 */
export const deleteKeyValueStore: Operation<unknown> = {
  name: 'DeleteKeyValueStore',
  plane: 'control',
  successStatus: 204,
  run(raw, { service, accountId }) {
    const input = validate<{ Name: string; IfMatch?: string }>(raw, INPUT, 'InvalidArgument');
    const store = findStore(service, accountId, input.Name);
    checkIfMatch(store, input.IfMatch);
    const users = service.functionsUsing(store);
    if (users.length > 0) {
      const names = users.map((fn) => quote(fn.name)).join(', ');
      throw serviceError(
        'CannotDeleteEntityWhileInUse',
        `Cannot delete key value store ${quote(store.name)}: it is associated with ${users.length === 1 ? 'function' : 'functions'} ${names}. Remove the association from every stage of each (UpdateFunction, then PublishFunction, or DeleteFunction) first.`,
      );
    }
    service.deleteStore(store);
    return {};
  },
};
