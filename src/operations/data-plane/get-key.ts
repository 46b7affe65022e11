import type { Operation } from '../types';
import { validate } from '../shapes';
import { KEY, KVS_ARN, keyNotFound } from './common';

export interface GetKeyInput {
  KvsARN: string;
  Key: string;
}

/** The input shape of the model. */
const INPUT = { KvsARN: KVS_ARN, Key: KEY };

/** GetKey: one pair and the store's counts; a missing key is ResourceNotFoundException (D4). */
export const getKey: Operation<unknown> = {
  name: 'GetKey',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<GetKeyInput>(raw, INPUT, 'ValidationException');
    const store = service.dataPlaneStore(input.KvsARN);
    const value = store.keys.get(input.Key);
    if (value === undefined) throw keyNotFound(store, input.Key);
    return { Key: input.Key, Value: value, ItemCount: store.itemCount, TotalSizeInBytes: store.totalSize };
  },
};
