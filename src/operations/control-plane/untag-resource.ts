import type { Operation } from '../types';
import { list, string, structure, validate } from '../shapes';
import { TAG_KEY, findTaggable } from './common';

/** The input shape of the model. */
const INPUT = { Resource: string({ required: true }), TagKeys: structure({ Items: list(TAG_KEY) }, { required: true }) };

/** UntagResource, for the ARN of a key value store or a function: removes tags by key (absent keys are ignored). */
export const untagResource: Operation<unknown> = {
  name: 'UntagResource',
  plane: 'control',
  successStatus: 204,
  run(raw, { service, accountId }) {
    const input = validate<{ Resource: string; TagKeys: { Items?: string[] } }>(raw, INPUT, 'InvalidArgument');
    const resource = findTaggable(service, accountId, input.Resource);
    for (const key of input.TagKeys.Items ?? []) resource.tags.delete(key);
    return {};
  },
};
