import { pairSize, pairSizeOf } from '../../core/size';
import type { Operation } from '../types';
import { validate } from '../shapes';
import { IF_MATCH, KEY, KVS_ARN, VALUE, checkIfMatch, checkPairQuota, checkStoreSize, committed } from './common';

export interface PutKeyInput {
  KvsARN: string;
  Key: string;
  Value: string;
  IfMatch: string;
}

/** The input shape of the model. */
const INPUT = { KvsARN: KVS_ARN, Key: KEY, Value: VALUE, IfMatch: IF_MATCH };

/** PutKey: creates or replaces one pair, guarded by the data-plane ETag (D1, D2, D6). */
export const putKey: Operation<unknown> = {
  name: 'PutKey',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<PutKeyInput>(raw, INPUT, 'ValidationException');
    const store = service.dataPlaneStore(input.KvsARN);
    checkIfMatch(store, input.IfMatch);
    const bytes = checkPairQuota(service, input.Key, input.Value);
    const atMost = store.totalSize + pairSizeOf(bytes);
    checkStoreSize(service, atMost, () => {
      const previous = store.keys.get(input.Key);
      return atMost - (previous === undefined ? 0 : pairSize(input.Key, previous));
    });
    store.put(input.Key, input.Value, bytes);
    return committed(service, store);
  },
};
