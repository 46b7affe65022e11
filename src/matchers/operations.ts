import { OPERATION_NAMES, type OperationName } from '../operations';

/** The operations the simulator answers and logs, by AWS operation name, both planes (from the registry). */
export const KVS_OPERATIONS: readonly KvsOperation[] = OPERATION_NAMES;

/** An operation name as it appears in the call log, e.g. `'PutKey'`. */
export type KvsOperation = OperationName;

/** The writes that carry an ETag (`IfMatch`) and so can be rejected for a stale one. */
export const CONDITIONAL_WRITES = ['PutKey', 'DeleteKey', 'UpdateKeys', 'UpdateKeyValueStore', 'DeleteKeyValueStore', 'UpdateFunction', 'PublishFunction', 'DeleteFunction'] as const satisfies readonly OperationName[];

/** An operation that can be rejected for a stale ETag. */
export type KvsConditionalWrite = (typeof CONDITIONAL_WRITES)[number];

/** The store statuses a matcher can expect. */
export const STORE_STATUSES = ['PROVISIONING', 'READY', 'IMPORT_FAILURE'] as const;
