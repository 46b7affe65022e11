import { KvsMockUsageError, quote } from '../errors';
import type { Operation } from './types';
import { deleteKey } from './data-plane/delete-key';
import { describeKeyValueStore as describeData } from './data-plane/describe-key-value-store';
import { getKey } from './data-plane/get-key';
import { listKeys } from './data-plane/list-keys';
import { putKey } from './data-plane/put-key';
import { updateKeys } from './data-plane/update-keys';
import { createFunction } from './control-plane/create-function';
import { createKeyValueStore } from './control-plane/create-key-value-store';
import { deleteFunction } from './control-plane/delete-function';
import { deleteKeyValueStore } from './control-plane/delete-key-value-store';
import { describeFunction } from './control-plane/describe-function';
import { describeKeyValueStore as describeControl } from './control-plane/describe-key-value-store';
import { getFunction } from './control-plane/get-function';
import { listFunctions } from './control-plane/list-functions';
import { listKeyValueStores } from './control-plane/list-key-value-stores';
import { listTagsForResource } from './control-plane/list-tags-for-resource';
import { publishFunction } from './control-plane/publish-function';
import { tagResource } from './control-plane/tag-resource';
import { testFunction } from './control-plane/test-function';
import { untagResource } from './control-plane/untag-resource';
import { updateFunction } from './control-plane/update-function';
import { updateKeyValueStore } from './control-plane/update-key-value-store';

export type { Operation, OperationContext } from './types';

const data = {
  DescribeKeyValueStore: describeData,
  GetKey: getKey,
  ListKeys: listKeys,
  PutKey: putKey,
  DeleteKey: deleteKey,
  UpdateKeys: updateKeys,
} satisfies Record<string, Operation>;

const control = {
  CreateKeyValueStore: createKeyValueStore,
  DescribeKeyValueStore: describeControl,
  ListKeyValueStores: listKeyValueStores,
  UpdateKeyValueStore: updateKeyValueStore,
  DeleteKeyValueStore: deleteKeyValueStore,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
  CreateFunction: createFunction,
  DescribeFunction: describeFunction,
  GetFunction: getFunction,
  UpdateFunction: updateFunction,
  PublishFunction: publishFunction,
  TestFunction: testFunction,
  ListFunctions: listFunctions,
  DeleteFunction: deleteFunction,
} satisfies Record<string, Operation>;

/** The data plane's six operations, by AWS operation name. */
export const DATA_PLANE: Readonly<Record<string, Operation>> = Object.freeze(data);

/** The control-plane operations on key value stores, CloudFront functions and their tags, by AWS operation name. */
export const CONTROL_PLANE: Readonly<Record<string, Operation>> = Object.freeze(control);

/** An operation of the data plane (`CloudFrontKeyValueStoreClient`), by AWS's name. */
export type DataPlaneOperationName = keyof typeof data;

/** An operation of the control plane (`CloudFrontClient`) that the simulator answers, by AWS's name. */
export type ControlPlaneOperationName = keyof typeof control;

/** An operation the simulator answers and logs, by AWS's name (e.g. `'PutKey'`), either plane. */
export type OperationName = DataPlaneOperationName | ControlPlaneOperationName;

/** Every operation name, data plane first; `DescribeKeyValueStore`, on both planes, once. */
export const OPERATION_NAMES: readonly OperationName[] = Object.freeze([...new Set([...Object.keys(data), ...Object.keys(control)])] as OperationName[]);

/**
 * Throws a {@link KvsMockUsageError} unless `value` names an operation the simulator answers
 * (on `plane`, when given): a misspelt name would otherwise match no call and fail silently.
 */
export function checkOperationName(where: string, value: unknown, plane?: 'data' | 'control'): asserts value is OperationName {
  const registry = plane === undefined ? undefined : plane === 'data' ? DATA_PLANE : CONTROL_PLANE;
  if (typeof value === 'string' && (registry ? Object.hasOwn(registry, value) : (OPERATION_NAMES as readonly string[]).includes(value))) return;
  const known = registry ? Object.keys(registry) : OPERATION_NAMES;
  const got = typeof value === 'string' ? quote(value) : String(value);
  throw new KvsMockUsageError(`${where}: operation must be one the simulator answers${plane ? ` on the ${plane} plane` : ''} (${known.join(', ')}), got ${got}.`);
}
