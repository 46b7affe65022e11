import { serviceError } from '../../errors';
import type { Operation } from '../types';
import { integer, string, validate } from '../shapes';
import { KVS_ARN } from './common';

export interface ListKeysInput {
  KvsARN: string;
  NextToken?: string;
  MaxResults?: number;
}

const DEFAULT_PAGE = 10;
const INPUT = { KvsARN: KVS_ARN, NextToken: string(), MaxResults: integer({ min: 1, max: 50 }) };

/** ListKeys: a page of pairs in UTF-8 byte order (D9), resumed by an opaque token. */
export const listKeys: Operation<unknown> = {
  name: 'ListKeys',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<ListKeysInput>(raw, INPUT, 'ValidationException');
    const store = service.dataPlaneStore(input.KvsARN);
    let after: string | undefined;
    if (input.NextToken !== undefined) {
      after = service.tokens.read(store.arn, input.NextToken);
      if (after === undefined) {
        throw serviceError('ValidationException', `Invalid NextToken: it was not issued by ListKeys for key value store ${store.arn}.`);
      }
    }
    const { items: Items, more } = store.keys.page(after, input.MaxResults ?? DEFAULT_PAGE, (Key, Value) => ({ Key, Value }));
    if (!more) return { Items };
    return { NextToken: service.tokens.issue(store.arn, Items[Items.length - 1]!.Key), Items };
  },
};
