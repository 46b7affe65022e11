import type { Operation } from '../types';
import { validate } from '../shapes';
import { IF_MATCH, KEY, KVS_ARN, checkIfMatch, committed, keyNotFound } from './common';

export interface DeleteKeyInput {
  KvsARN: string;
  Key: string;
  IfMatch: string;
}

/** DeleteKey: removes one pair; a missing key is ResourceNotFoundException (D4). */
export const deleteKey: Operation<unknown> = {
  name: 'DeleteKey',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<DeleteKeyInput>(raw, { KvsARN: KVS_ARN, Key: KEY, IfMatch: IF_MATCH }, 'ValidationException');
    const store = service.dataPlaneStore(input.KvsARN);
    checkIfMatch(store, input.IfMatch);
    if (!store.remove(input.Key)) throw keyNotFound(store, input.Key);
    return committed(service, store);
  },
};
