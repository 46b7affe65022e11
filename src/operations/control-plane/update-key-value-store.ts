import type { Operation } from '../types';
import { validate } from '../shapes';
import { COMMENT, IF_MATCH, NAME, checkIfMatch, findStore, storeOutput } from './common';

export interface UpdateKeyValueStoreInput {
  Name: string;
  Comment: string;
  IfMatch?: string;
}

/** The input shape of the model. */
const INPUT = { Name: NAME, Comment: { ...COMMENT, required: true }, IfMatch: IF_MATCH };

/** UpdateKeyValueStore: a new comment, guarded by the control-plane ETag (D12). */
export const updateKeyValueStore: Operation<unknown> = {
  name: 'UpdateKeyValueStore',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<UpdateKeyValueStoreInput>(raw, INPUT, 'InvalidArgument');
    const store = findStore(service, accountId, input.Name);
    checkIfMatch(store, input.IfMatch);
    store.comment = input.Comment;
    store.controlETag = service.newControlETag();
    store.controlLastModified = service.now();
    return { KeyValueStore: storeOutput(service, store), ETag: store.controlETag };
  },
};
