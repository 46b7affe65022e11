/** The operations the simulator answers and logs, by AWS operation name, both planes. */
export const KVS_OPERATIONS = [
  // Data plane (CloudFrontKeyValueStoreClient).
  'DescribeKeyValueStore',
  'GetKey',
  'ListKeys',
  'PutKey',
  'DeleteKey',
  'UpdateKeys',
  // Control plane (CloudFrontClient); DescribeKeyValueStore is on both.
  'CreateKeyValueStore',
  'ListKeyValueStores',
  'UpdateKeyValueStore',
  'DeleteKeyValueStore',
  'ListTagsForResource',
  'TagResource',
  'UntagResource',
] as const;

/** An operation name as it appears in the call log, e.g. `'PutKey'`. */
export type KvsOperation = (typeof KVS_OPERATIONS)[number];

/** The writes that carry an ETag (`IfMatch`) and so can be rejected for a stale one. */
export const CONDITIONAL_WRITES = ['PutKey', 'DeleteKey', 'UpdateKeys', 'UpdateKeyValueStore', 'DeleteKeyValueStore'] as const;

/** An operation that can be rejected for a stale ETag. */
export type KvsConditionalWrite = (typeof CONDITIONAL_WRITES)[number];

/** The store statuses a matcher can expect. */
export const STORE_STATUSES = ['PROVISIONING', 'READY', 'IMPORT_FAILURE'] as const;
