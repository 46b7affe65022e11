import type { Operation } from './types';
import { deleteKey } from './data-plane/delete-key';
import { describeKeyValueStore as describeData } from './data-plane/describe-key-value-store';
import { getKey } from './data-plane/get-key';
import { listKeys } from './data-plane/list-keys';
import { putKey } from './data-plane/put-key';
import { updateKeys } from './data-plane/update-keys';
import { createKeyValueStore } from './control-plane/create-key-value-store';
import { deleteKeyValueStore } from './control-plane/delete-key-value-store';
import { describeKeyValueStore as describeControl } from './control-plane/describe-key-value-store';
import { listKeyValueStores } from './control-plane/list-key-value-stores';
import { listTagsForResource } from './control-plane/list-tags-for-resource';
import { tagResource } from './control-plane/tag-resource';
import { untagResource } from './control-plane/untag-resource';
import { updateKeyValueStore } from './control-plane/update-key-value-store';

export type { Operation, OperationContext } from './types';

/** The data plane's six operations, by AWS operation name. */
export const DATA_PLANE: Readonly<Record<string, Operation>> = Object.freeze({
  DescribeKeyValueStore: describeData,
  GetKey: getKey,
  ListKeys: listKeys,
  PutKey: putKey,
  DeleteKey: deleteKey,
  UpdateKeys: updateKeys,
});

/** The control-plane operations on key value stores and their tags, by AWS operation name. */
export const CONTROL_PLANE: Readonly<Record<string, Operation>> = Object.freeze({
  CreateKeyValueStore: createKeyValueStore,
  DescribeKeyValueStore: describeControl,
  ListKeyValueStores: listKeyValueStores,
  UpdateKeyValueStore: updateKeyValueStore,
  DeleteKeyValueStore: deleteKeyValueStore,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
});
