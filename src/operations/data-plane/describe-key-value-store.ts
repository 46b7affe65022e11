import type { Operation } from '../types';
import { validate } from '../shapes';
import { KVS_ARN } from './common';

export interface DescribeKeyValueStoreInput {
  KvsARN: string;
}

/** The input shape of the model. */
const INPUT = { KvsARN: KVS_ARN };

/** DescribeKeyValueStore (data plane): counts, size, times, status and the data-plane ETag. */
export const describeKeyValueStore: Operation<unknown> = {
  name: 'DescribeKeyValueStore',
  plane: 'data',
  run(raw, { service }) {
    const input = validate<DescribeKeyValueStoreInput>(raw, INPUT, 'ValidationException');
    // D3: a failed import still answers here, so callers can read why.
    const store = service.dataPlaneStore(input.KvsARN, { allowImportFailure: true });
    const status = store.status(service.now());
    return {
      ETag: store.etag,
      ItemCount: store.itemCount,
      TotalSizeInBytes: store.totalSize,
      KvsARN: store.arn,
      Created: new Date(store.created),
      LastModified: new Date(store.lastModified),
      Status: status,
      ...(store.failureReason === undefined ? {} : { FailureReason: store.failureReason }),
    };
  },
};
