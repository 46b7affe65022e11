import type { Operation } from '../types';
import { string, validate } from '../shapes';
import { findTaggable } from './common';

/** The input shape of the model. */
const INPUT = { Resource: string({ required: true }) };

/** ListTagsForResource, for the ARN of a key value store or a function. */
export const listTagsForResource: Operation<unknown> = {
  name: 'ListTagsForResource',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<{ Resource: string }>(raw, INPUT, 'InvalidArgument');
    const resource = findTaggable(service, accountId, input.Resource);
    return { Tags: { Items: [...resource.tags].map(([Key, Value]) => ({ Key, Value })) } };
  },
};
