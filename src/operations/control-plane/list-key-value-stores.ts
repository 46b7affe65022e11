import { serviceError } from '../../errors';
import type { Operation } from '../types';
import { integer, string, validate } from '../shapes';
import { storeOutput } from './common';

export interface ListKeyValueStoresInput {
  Marker?: string;
  MaxItems?: number;
  Status?: string;
}

const DEFAULT_MAX_ITEMS = 100;

/** The input shape of the model. */
const INPUT = { Marker: string(), MaxItems: integer({ min: 1, max: 100 }), Status: string() };

/** ListKeyValueStores: the account's stores in creation order, paged by `Marker` / `NextMarker`. */
export const listKeyValueStores: Operation<unknown> = {
  name: 'ListKeyValueStores',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<ListKeyValueStoresInput>(raw, INPUT, 'InvalidArgument');
    const scope = `key-value-stores:${accountId}`;
    let after = -1;
    if (input.Marker !== undefined && input.Marker !== '') {
      const position = service.tokens.read(scope, input.Marker);
      if (position === undefined) {
        throw serviceError('InvalidArgument', 'Invalid Marker: pass the NextMarker of a previous ListKeyValueStores answer.');
      }
      after = Number(position);
    }
    const maxItems = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const now = service.now();
    const items = [];
    let more = false;
    // Live stores of one account are few (200 by default): a scan in creation order is enough.
    for (const store of service.account(accountId).stores.values()) {
      if (store.seq <= after) continue;
      if (input.Status !== undefined && store.status(now) !== input.Status) continue;
      if (items.length === maxItems) {
        more = true;
        break;
      }
      items.push(store);
    }
    const last = items[items.length - 1];
    const list: Record<string, unknown> = {
      NextMarker: more && last ? service.tokens.issue(scope, String(last.seq)) : '',
      MaxItems: maxItems,
      Quantity: items.length,
    };
    // As CloudFront's other XML lists: no Items element at all when Quantity is 0.
    if (items.length > 0) list['Items'] = items.map((store) => storeOutput(service, store));
    return { KeyValueStoreList: list };
  },
};
