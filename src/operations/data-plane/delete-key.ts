import type { Operation } from '../types';
import { validate } from '../shapes';
import { IF_MATCH, KEY, KVS_ARN, checkIfMatch, checkPairQuota, committed, keyNotFound } from './common';

export interface DeleteKeyInput {
  KvsARN: string;
  Key: string;
  IfMatch: string;
}

/** The input shape of the model. */
const INPUT = { KvsARN: KVS_ARN, Key: KEY, IfMatch: IF_MATCH };

/**
 * DeleteKey: removes one pair; a missing key is ResourceNotFoundException (D4). The key-size
 * quota applies as in UpdateKeys' Deletes: it is the one quota a delete can break, which is why
 * the model lists ServiceQuotaExceededException for DeleteKey.
 */
export const deleteKey: Operation<unknown> = {
  name: 'DeleteKey',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<DeleteKeyInput>(raw, INPUT, 'ValidationException');
    const store = service.dataPlaneStore(input.KvsARN);
    checkIfMatch(store, input.IfMatch);
    checkPairQuota(service, input.Key);
    if (!store.remove(input.Key)) throw keyNotFound(store, input.Key);
    return committed(service, store);
  },
};
