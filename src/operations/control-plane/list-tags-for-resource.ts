import type { Operation } from '../types';
import { string, validate } from '../shapes';
import { findTaggable } from './common';

/** ListTagsForResource, for a key value store's ARN. */
export const listTagsForResource: Operation<unknown> = {
  name: 'ListTagsForResource',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<{ Resource: string }>(raw, { Resource: string({ required: true }) }, 'InvalidArgument');
    const store = findTaggable(service, accountId, input.Resource);
    return { Tags: { Items: [...store.tags].map(([Key, Value]) => ({ Key, Value })) } };
  },
};
