import type { Operation } from '../types';
import { validate } from '../shapes';
import { NAME, findStore, storeOutput } from './common';

/** The input shape of the model. */
const INPUT = { Name: NAME };

/** DescribeKeyValueStore (control plane): the store's metadata and its control-plane ETag. */
export const describeKeyValueStore: Operation<unknown> = {
  name: 'DescribeKeyValueStore',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<{ Name: string }>(raw, INPUT, 'InvalidArgument');
    const store = findStore(service, accountId, input.Name);
    return { KeyValueStore: storeOutput(service, store), ETag: store.controlETag };
  },
};
