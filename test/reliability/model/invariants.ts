/**
 * What must hold of the double's state whatever it was sent: counts and sizes agree with the
 * pairs (D7), every pair is within the model's and the quotas' limits, ETags and ids have
 * their shapes, names are unique per account. Read through `getStore()` only.
 */
import { CONTROL_ETAG, DATA_ETAG, STORE_ID } from './outcome';
import type { ModelQuotas } from './reference-kvs';
import { bytes, codePoints, pairBytes, wellFormed } from './text';

export interface StoreLike {
  Name: string;
  Id: string;
  ARN: string;
  AccountId: string;
  Comment: string;
  Status: string;
  ETag: string;
  ControlETag: string;
  ItemCount: number;
  TotalSizeInBytes: number;
  Items: Record<string, string>;
  Tags: Record<string, string>;
}

/** Problems with one live store's state, as sentences (empty when all is well). */
export function storeProblems(store: StoreLike, quotas: ModelQuotas): string[] {
  const problems: string[] = [];
  const say = (p: string) => problems.push(`${store.Name} (${store.ARN}): ${p}`);
  const entries = Object.entries(store.Items);
  if (store.ItemCount !== entries.length) say(`ItemCount ${store.ItemCount} but ${entries.length} pairs`);
  let total = 0;
  for (const [k, v] of entries) {
    if (typeof v !== 'string') {
      say(`the value of ${JSON.stringify(k)} is a ${typeof v}`);
      continue;
    }
    if (!wellFormed(k) || !wellFormed(v)) say(`pair ${JSON.stringify(k)} holds a lone surrogate`);
    else {
      if (codePoints(k) < 1 || codePoints(k) > 1024) say(`key ${JSON.stringify(k.slice(0, 40))} has ${codePoints(k)} code points`);
      if (bytes(k) > quotas.keySizeBytes) say(`key ${JSON.stringify(k.slice(0, 40))} is ${bytes(k)} bytes`);
      if (bytes(v) > quotas.valueSizeBytes) say(`value of ${JSON.stringify(k.slice(0, 40))} is ${bytes(v)} bytes`);
      total += pairBytes(k, v);
    }
  }
  if (store.TotalSizeInBytes !== total) say(`TotalSizeInBytes ${store.TotalSizeInBytes} but the pairs make ${total} (D7)`);
  if (total > quotas.storeSizeBytes) say(`holds ${total} bytes, over the ${quotas.storeSizeBytes} quota`);
  if (!DATA_ETAG.test(store.ETag)) say(`data ETag ${store.ETag}`);
  if (!CONTROL_ETAG.test(store.ControlETag)) say(`control ETag ${store.ControlETag}`);
  if (!STORE_ID.test(store.Id)) say(`Id ${store.Id}`);
  if (store.ARN !== `arn:aws:cloudfront::${store.AccountId}:key-value-store/${store.Id}`) say(`ARN does not match account and Id`);
  if (!/^[a-zA-Z0-9-_]{1,64}$/.test(store.Name)) say(`bad name`);
  if (typeof store.Comment !== 'string' || !wellFormed(store.Comment) || codePoints(store.Comment) > 128) say(`bad comment ${JSON.stringify(store.Comment)}`);
  if (!['READY', 'PROVISIONING', 'IMPORT_FAILURE'].includes(store.Status)) say(`status ${store.Status}`);
  const tags = Object.entries(store.Tags);
  if (tags.length > 50) say(`${tags.length} tags`);
  for (const [k, v] of tags) {
    if (typeof k !== 'string' || typeof v !== 'string' || !wellFormed(k) || !wellFormed(v) || codePoints(k) < 1 || codePoints(k) > 128 || codePoints(v) > 256) say(`bad tag ${JSON.stringify([k, v])}`);
  }
  return problems;
}
