import { preconditionFailed, serviceError, quote } from '../../errors';
import type { KvsService } from '../../core/service';
import type { KeyValueStore } from '../../core/store';
import { utf8Length } from '../../core/utf8';
import { string } from '../shapes';

/** Model constraints shared by the data-plane operations (cloudfront-keyvaluestore 2022-07-26). */
export const KVS_ARN = string({ required: true, min: 1, max: 2048 });
export const KEY = string({ required: true, min: 1, max: 1024 });
export const VALUE = string({ required: true });
export const IF_MATCH = string({ required: true });

/** Body of every successful key write: the new ETag and the store's counts after it. */
export interface WriteOutput {
  ETag: string;
  ItemCount: number;
  TotalSizeInBytes: number;
}

/** D1: a write must name the store's current data-plane ETag. */
export function checkIfMatch(store: KeyValueStore, ifMatch: string): void {
  if (ifMatch !== store.etag) throw preconditionFailed(ifMatch, store.etag);
}

/** D6: the per-key and per-value byte quotas. Returns the UTF-8 bytes of the key and the value. */
export function checkPairQuota(service: KvsService, key: string, value?: string): number {
  const { keySizeBytes, valueSizeBytes } = service.config.quotas;
  const keyBytes = utf8Length(key);
  if (keyBytes > keySizeBytes) {
    throw serviceError('ServiceQuotaExceededException', `Limit exceeded: the key is ${keyBytes} bytes in UTF-8; a key may be at most ${keySizeBytes} bytes.`);
  }
  if (value === undefined) return keyBytes;
  const valueBytes = utf8Length(value);
  if (valueBytes > valueSizeBytes) {
    throw serviceError('ServiceQuotaExceededException', `Limit exceeded: the value of key ${quote(key)} is ${valueBytes} bytes in UTF-8; a value may be at most ${valueSizeBytes} bytes.`);
  }
  return keyBytes + valueBytes;
}

/**
 * D6: the store-size quota, checked before anything is applied. `atMost` bounds the size after
 * the write (the store's size plus every new pair's); most writes are far below the quota, so
 * `exact`, which reads the values the write replaces or deletes, runs only when the bound breaks it.
 */
export function checkStoreSize(service: KvsService, atMost: number, exact: () => number): void {
  const limit = service.config.quotas.storeSizeBytes;
  if (atMost <= limit) return;
  const sizeAfter = exact();
  if (sizeAfter > limit) {
    throw serviceError('ServiceQuotaExceededException', `Limit exceeded: the key value store would hold ${sizeAfter} bytes; a store may hold at most ${limit} bytes.`);
  }
}

/** Marks the write and shapes its output. */
export function committed(service: KvsService, store: KeyValueStore): WriteOutput {
  store.touch(service.now(), service.newDataETag());
  return { ETag: store.etag, ItemCount: store.itemCount, TotalSizeInBytes: store.totalSize };
}

export function keyNotFound(store: KeyValueStore, key: string) {
  return serviceError('ResourceNotFoundException', `Key ${quote(key)} was not found in key value store ${store.arn}.`);
}
