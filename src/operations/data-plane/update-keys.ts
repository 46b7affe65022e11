import { serviceError, quote } from '../../errors';
import { pairSize } from '../../core/size';
import { utf8Length } from '../../core/utf8';
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

/**
 * UpdateKeys: puts and deletes in one all-or-nothing write (D5). Every check runs before the
 * first change, so a failed batch leaves the store, its ETag and its size exactly as they were.
 */
export const updateKeys: Operation<unknown> = {
  name: 'UpdateKeys',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<UpdateKeysInput>(
      raw,
      {
        KvsARN: KVS_ARN,
        IfMatch: IF_MATCH,
        Puts: list(structure({ Key: KEY, Value: VALUE }), { unique: byKey }),
        Deletes: list(structure({ Key: KEY }), { unique: byKey }),
      },
      'ValidationException',
    );
    const puts = input.Puts ?? [];
    const deletes = input.Deletes ?? [];
    if (puts.length === 0 && deletes.length === 0) {
      throw serviceError('ValidationException', 'UpdateKeys needs at least one item in Puts or Deletes.');
    }
    const putKeys = new Set(puts.map(byKey));
    const both = deletes.find((d) => putKeys.has(d.Key));
    if (both) {
      throw serviceError('ValidationException', `Key ${quote(both.Key)} is in both Puts and Deletes; a key may appear once per request.`);
    }

    const store = service.dataPlaneStore(input.KvsARN);
    checkIfMatch(store, input.IfMatch);

    const { keysPerUpdate, updatePayloadBytes } = service.config.quotas;
    const count = puts.length + deletes.length;
    if (count > keysPerUpdate) {
      throw serviceError('ServiceQuotaExceededException', `Limit exceeded: the request updates ${count} keys; one UpdateKeys may update at most ${keysPerUpdate}.`);
    }
    let payload = 0;
    for (const p of puts) {
      checkPairQuota(service, p.Key, p.Value);
      payload += utf8Length(p.Key) + utf8Length(p.Value);
    }
    for (const d of deletes) {
      checkPairQuota(service, d.Key);
      payload += utf8Length(d.Key);
    }
    if (payload > updatePayloadBytes) {
      throw serviceError('ServiceQuotaExceededException', `Limit exceeded: the request carries ${payload} bytes of keys and values; one UpdateKeys may carry at most ${updatePayloadBytes}.`);
    }

    let size = store.totalSize;
    for (const d of deletes) {
      const value = store.keys.get(d.Key);
      if (value === undefined) throw keyNotFound(store, d.Key);
      size -= pairSize(d.Key, value);
    }
    for (const p of puts) {
      const previous = store.keys.get(p.Key);
      size += pairSize(p.Key, p.Value) - (previous === undefined ? 0 : pairSize(p.Key, previous));
    }
    checkStoreSize(service, size);

    for (const d of deletes) store.remove(d.Key);
    for (const p of puts) store.put(p.Key, p.Value);
    return committed(service, store);
  },
};
