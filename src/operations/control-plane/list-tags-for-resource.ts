import type { Operation } from '../types';
import { string, validate } from '../shapes';
import { findTaggable } from './common';

/** The input shape of the model. */
const INPUT = { Resource: string({ required: true }) };

/** ListTagsForResource, for a key value store's ARN. */
export const listTagsForResource: Operation<unknown> = {
  name: 'ListTagsForResource',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<{ Resource: string }>(raw, INPUT, 'InvalidArgument');
    const store = findTaggable(service, accountId, input.Resource);
    return { Tags: { Items: [...store.tags].map(([Key, Value]) => ({ Key, Value })) } };
  },
};
