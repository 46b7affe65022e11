import { serviceError, quote } from '../../errors';
import { pairSize, pairSizeOf } from '../../core/size';
import type { Operation } from '../types';
import { list, structure, validate } from '../shapes';
import { IF_MATCH, KEY, KVS_ARN, VALUE, checkIfMatch, checkPairQuota, checkStoreSize, committed, keyNotFound } from './common';

export interface UpdateKeysInput {
  KvsARN: string;
  IfMatch: string;
  Puts?: Array<{ Key: string; Value: string }>;
  Deletes?: Array<{ Key: string }>;
}

const byKey = (item: { Key: string }) => item.Key;

/** The input shape of the model. */
const INPUT = {
  KvsARN: KVS_ARN,
  IfMatch: IF_MATCH,
  Puts: list(structure({ Key: KEY, Value: VALUE }), { unique: byKey }),
  Deletes: list(structure({ Key: KEY }), { unique: byKey }),
};

/**
 * UpdateKeys: puts and deletes in one all-or-nothing write (D5). Every check runs before the
 * first change, so a failed batch leaves the store, its ETag and its size exactly as they were.
 */
export const updateKeys: Operation<unknown> = {
  name: 'UpdateKeys',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<UpdateKeysInput>(raw, INPUT, 'ValidationException');
    const puts = input.Puts ?? [];
    const deletes = input.Deletes ?? [];
    if (puts.length === 0 && deletes.length === 0) {
      throw serviceError('ValidationException', 'UpdateKeys needs at least one item in Puts or Deletes.');
    }
    if (deletes.length > 0) {
      const putKeys = new Set(puts.map(byKey));
      const both = deletes.find((d) => putKeys.has(d.Key));
      if (both) {
        throw serviceError('ValidationException', `Key ${quote(both.Key)} is in both Puts and Deletes; a key may appear once per request.`);
      }
    }

    const store = service.dataPlaneStore(input.KvsARN);
    checkIfMatch(store, input.IfMatch);

    const { keysPerUpdate, updatePayloadBytes } = service.config.quotas;
    const count = puts.length + deletes.length;
    if (count > keysPerUpdate) {
      throw serviceError('ServiceQuotaExceededException', `Limit exceeded: the request updates ${count} keys; one UpdateKeys may update at most ${keysPerUpdate}.`);
    }
    // Each pair's UTF-8 bytes are counted once: for its quotas, the payload and the store's size.
    const putBytes = puts.map((p) => checkPairQuota(service, p.Key, p.Value));
    const payload = sum(putBytes) + sum(deletes.map((d) => checkPairQuota(service, d.Key)));
    if (payload > updatePayloadBytes) {
      throw serviceError('ServiceQuotaExceededException', `Limit exceeded: the request carries ${payload} bytes of keys and values; one UpdateKeys may carry at most ${updatePayloadBytes}.`);
    }

    // A missing delete is reported before the store size: by the exact count when it runs,
    // else by the write, which then changes nothing.
    const atMost = store.totalSize + pairSizeOf(sum(putBytes), putBytes.length);
    checkStoreSize(service, atMost, () => {
      let size = atMost;
      for (const d of deletes) {
        const value = store.keys.get(d.Key);
        if (value === undefined) throw keyNotFound(store, d.Key);
        size -= pairSize(d.Key, value);
      }
      for (const p of puts) {
        const previous = store.keys.get(p.Key);
        if (previous !== undefined) size -= pairSize(p.Key, previous);
      }
      return size;
    });

    const missing = store.update(puts, putBytes, deletes);
    if (missing !== undefined) throw keyNotFound(store, missing);
    return committed(service, store);
  },
};

function sum(numbers: number[]): number {
  let total = 0;
  for (const n of numbers) total += n;
  return total;
}
