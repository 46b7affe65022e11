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

/** ListKeys: a page of pairs in UTF-8 byte order (D9), resumed by an opaque token. */
export const listKeys: Operation<unknown> = {
  name: 'ListKeys',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<ListKeysInput>(
      raw,
      { KvsARN: KVS_ARN, NextToken: string(), MaxResults: integer({ min: 1, max: 50 }) },
      'ValidationException',
    );
    const store = service.dataPlaneStore(input.KvsARN);
    let after: string | undefined;
    if (input.NextToken !== undefined) {
      after = service.tokens.read(store.arn, input.NextToken);
      if (after === undefined) {
        throw serviceError('ValidationException', `Invalid NextToken: it was not issued by ListKeys for key value store ${store.arn}.`);
      }
    }
    const { items, more } = store.keys.page(after, input.MaxResults ?? DEFAULT_PAGE);
    const Items = items.map(([Key, Value]) => ({ Key, Value }));
    if (!more) return { Items };
    return { NextToken: service.tokens.issue(store.arn, items[items.length - 1]![0]), Items };
  },
};
