import { serviceError } from '../../errors';
import type { Operation } from '../types';
import { list, string, structure, validate } from '../shapes';
import { TAG_KEY, TAG_VALUE, findTaggable } from './common';

/** Tags per resource (CloudFront's documented limit). */
const MAX_TAGS = 50;

/** The input shape of the model. */
const INPUT = {
  Resource: string({ required: true }),
  Tags: structure({ Items: list(structure({ Key: TAG_KEY, Value: TAG_VALUE }), { unique: (t: { Key: string }) => t.Key }) }, { required: true }),
};

/** TagResource, for the ARN of a key value store or a function: adds or replaces tags. */
export const tagResource: Operation<unknown> = {
  name: 'TagResource',
  plane: 'control',
  successStatus: 204,
  run(raw, { service, accountId }) {
    const input = validate<{ Resource: string; Tags: { Items?: Array<{ Key: string; Value?: string }> } }>(raw, INPUT, 'InvalidArgument');
    const resource = findTaggable(service, accountId, input.Resource);
    const items = input.Tags.Items ?? [];
    const keys = new Set([...resource.tags.keys(), ...items.map((t) => t.Key)]);
    if (keys.size > MAX_TAGS) {
      throw serviceError('InvalidTagging', `A resource may have at most ${MAX_TAGS} tags; this request would give it ${keys.size}.`);
    }
    for (const t of items) resource.tags.set(t.Key, t.Value ?? '');
    return {};
  },
};
