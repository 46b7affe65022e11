import type { StoreStatus } from '../core/store';
import { KvsMockUsageError } from '../errors';
import type { AsymmetricMatcherLike, MatcherContext, MatcherResult } from './context';
import { diffOrBoth, listKeys } from './format';
import { STORE_STATUSES } from './operations';
import { checkCount, checkOneOf, checkString, hint, missingStore, storeLabel, subjectOf } from './subject';

/** Pairs to compare a store's items with (values may be asymmetric matchers), or one asymmetric matcher. */
export type StoreItemsMatcher = Readonly<Record<string, string | AsymmetricMatcherLike>> | AsymmetricMatcherLike;

/** `expect(kvs).toHaveKey(arnOrName, key, value?)`: the store holds the key (with this value). */
export function toHaveKey(this: MatcherContext, received: unknown, arnOrName: string, key: string, value?: string | AsymmetricMatcherLike): MatcherResult {
  const kvs = subjectOf('toHaveKey', received);
  checkString('toHaveKey', 'the store (ARN or name)', arnOrName);
  checkString('toHaveKey', 'the key', key);
  const head = hint(this, 'toHaveKey', value === undefined ? 'store, key' : 'store, key, value');
  const store = kvs.getStore(arnOrName);
  if (!store) return missingStore(this, head, kvs, arnOrName);
  const { printExpected, printReceived } = this.utils;
  const has = Object.prototype.hasOwnProperty.call(store.Items, key);
  const actual = store.Items[key];
  if (!has) {
    return {
      pass: false,
      message: () => `${head}\n\n${storeLabel(store)}\nExpected key: ${printExpected(key)}\nReceived keys: ${listKeys(this, Object.keys(store.Items))}`,
    };
  }
  if (value === undefined) {
    return {
      pass: true,
      message: () => `${head}\n\n${storeLabel(store)}\nExpected key: not ${printExpected(key)}\nReceived value: ${printReceived(actual)}`,
    };
  }
  const pass = this.equals(actual, value, this.customTesters);
  return {
    pass,
    message: () =>
      `${head}\n\n${storeLabel(store)}\nKey: ${printReceived(key)}\n` +
      `Expected value: ${pass ? 'not ' : ''}${printExpected(value)}\nReceived value: ${printReceived(actual)}`,
  };
}

/** `expect(kvs).toHaveItems(arnOrName, items)`: the store holds exactly these pairs. */
export function toHaveItems(this: MatcherContext, received: unknown, arnOrName: string, items: StoreItemsMatcher): MatcherResult {
  const kvs = subjectOf('toHaveItems', received);
  checkString('toHaveItems', 'the store (ARN or name)', arnOrName);
  if (items === null || typeof items !== 'object' || Array.isArray(items)) {
    throw new KvsMockUsageError('toHaveItems(): items must be an object of key to value (values may be asymmetric matchers), or an asymmetric matcher such as expect.objectContaining({ … }).');
  }
  const head = hint(this, 'toHaveItems', 'store, items');
  const store = kvs.getStore(arnOrName);
  if (!store) return missingStore(this, head, kvs, arnOrName);
  const pass = this.equals(store.Items, items, this.customTesters);
  return {
    pass,
    message: () =>
      pass
        ? `${head}\n\n${storeLabel(store)}\nExpected items: not ${this.utils.printExpected(items)}\nReceived items: ${this.utils.printReceived(store.Items)}`
        : `${head}\n\n${storeLabel(store)}\n\n${diffOrBoth(this, items, store.Items)}`,
  };
}

/** `expect(kvs).toHaveItemCount(arnOrName, n)`: the store holds n keys. */
export function toHaveItemCount(this: MatcherContext, received: unknown, arnOrName: string, count: number): MatcherResult {
  const kvs = subjectOf('toHaveItemCount', received);
  checkString('toHaveItemCount', 'the store (ARN or name)', arnOrName);
  checkCount('toHaveItemCount', 'the count', count, 0);
  const head = hint(this, 'toHaveItemCount', 'store, count');
  const store = kvs.getStore(arnOrName);
  if (!store) return missingStore(this, head, kvs, arnOrName);
  const pass = store.ItemCount === count;
  return {
    pass,
    message: () =>
      `${head}\n\n${storeLabel(store)}\nExpected item count: ${pass ? 'not ' : ''}${this.utils.printExpected(count)}\n` +
      `Received item count: ${this.utils.printReceived(store.ItemCount)}\nReceived keys: ${listKeys(this, Object.keys(store.Items))}`,
  };
}

/** `expect(kvs).toHaveStoreStatus(arnOrName, status)`: the store is `READY`, `PROVISIONING` or `IMPORT_FAILURE`. */
export function toHaveStoreStatus(this: MatcherContext, received: unknown, arnOrName: string, status: StoreStatus): MatcherResult {
  const kvs = subjectOf('toHaveStoreStatus', received);
  checkString('toHaveStoreStatus', 'the store (ARN or name)', arnOrName);
  checkOneOf('toHaveStoreStatus', 'the status', status, STORE_STATUSES);
  const head = hint(this, 'toHaveStoreStatus', 'store, status');
  const store = kvs.getStore(arnOrName);
  if (!store) return missingStore(this, head, kvs, arnOrName);
  const pass = store.Status === status;
  const reason = store.FailureReason === undefined ? '' : `\nFailure reason: ${store.FailureReason}`;
  return {
    pass,
    message: () =>
      `${head}\n\n${storeLabel(store)}\nExpected status: ${pass ? 'not ' : ''}${this.utils.printExpected(status)}\n` +
      `Received status: ${this.utils.printReceived(store.Status)}${reason}`,
  };
}
