/**
 * The call log's public type: each entry's `input` and `output` are the SDK's own types for its
 * operation, so `kvs.calls('PutKey')[0].input.Value` needs no cast. The client packages are
 * optional peers: where one is missing its operations' types read as `any`.
 */
import type * as Data from '@aws-sdk/client-cloudfront-keyvaluestore';
import type * as Control from '@aws-sdk/client-cloudfront';
import type { ControlPlaneOperationName, DataPlaneOperationName, OperationName } from '../operations';

interface DataPlaneShapes {
  DescribeKeyValueStore: [Data.DescribeKeyValueStoreCommandInput, Data.DescribeKeyValueStoreCommandOutput];
  GetKey: [Data.GetKeyCommandInput, Data.GetKeyCommandOutput];
  ListKeys: [Data.ListKeysCommandInput, Data.ListKeysCommandOutput];
  PutKey: [Data.PutKeyCommandInput, Data.PutKeyCommandOutput];
  DeleteKey: [Data.DeleteKeyCommandInput, Data.DeleteKeyCommandOutput];
  UpdateKeys: [Data.UpdateKeysCommandInput, Data.UpdateKeysCommandOutput];
}

interface ControlPlaneShapes {
  CreateKeyValueStore: [Control.CreateKeyValueStoreCommandInput, Control.CreateKeyValueStoreCommandOutput];
  DescribeKeyValueStore: [Control.DescribeKeyValueStoreCommandInput, Control.DescribeKeyValueStoreCommandOutput];
  ListKeyValueStores: [Control.ListKeyValueStoresCommandInput, Control.ListKeyValueStoresCommandOutput];
  UpdateKeyValueStore: [Control.UpdateKeyValueStoreCommandInput, Control.UpdateKeyValueStoreCommandOutput];
  DeleteKeyValueStore: [Control.DeleteKeyValueStoreCommandInput, Control.DeleteKeyValueStoreCommandOutput];
  ListTagsForResource: [Control.ListTagsForResourceCommandInput, Control.ListTagsForResourceCommandOutput];
  TagResource: [Control.TagResourceCommandInput, Control.TagResourceCommandOutput];
  UntagResource: [Control.UntagResourceCommandInput, Control.UntagResourceCommandOutput];
  CreateFunction: [Control.CreateFunctionCommandInput, Control.CreateFunctionCommandOutput];
  DescribeFunction: [Control.DescribeFunctionCommandInput, Control.DescribeFunctionCommandOutput];
  GetFunction: [Control.GetFunctionCommandInput, Control.GetFunctionCommandOutput];
  UpdateFunction: [Control.UpdateFunctionCommandInput, Control.UpdateFunctionCommandOutput];
  PublishFunction: [Control.PublishFunctionCommandInput, Control.PublishFunctionCommandOutput];
  TestFunction: [Control.TestFunctionCommandInput, Control.TestFunctionCommandOutput];
  ListFunctions: [Control.ListFunctionsCommandInput, Control.ListFunctionsCommandOutput];
  DeleteFunction: [Control.DeleteFunctionCommandInput, Control.DeleteFunctionCommandOutput];
}

interface LoggedCall<Plane extends 'data' | 'control', Op, Input, Output> {
  clientName: Plane extends 'data' ? 'CloudFrontKeyValueStoreClient' : 'CloudFrontClient';
  plane: Plane;
  /** AWS operation name, e.g. `PutKey`. */
  operation: Op;
  /** The input as the caller sent it (the simulator may have refused it). */
  input: Input;
  /** The output the caller received (with `$metadata`), when the call succeeded. */
  output?: Output;
  /** The exception the caller received, when the call failed. */
  error?: Error;
  /** When the call arrived, on the simulator's clock. */
  time: Date;
  requestId: string;
  accountId: string;
}

type DataPlaneCall<Op> = Op extends DataPlaneOperationName ? LoggedCall<'data', Op, DataPlaneShapes[Op][0], DataPlaneShapes[Op][1]> : never;
type ControlPlaneCall<Op> = Op extends ControlPlaneOperationName ? LoggedCall<'control', Op, ControlPlaneShapes[Op][0], ControlPlaneShapes[Op][1]> : never;

/**
 * One command that reached the simulator, as the caller saw it. `CallRecord<'PutKey'>` is a
 * PutKey call; plain `CallRecord` is a union over every operation, narrowed by `operation` and
 * `plane` (`DescribeKeyValueStore` is on both planes).
 *
 * @example
 * ```ts
 * const [put] = kvs.calls('PutKey');
 * put?.input.Value; // string | undefined, the SDK's PutKeyCommandInput
 * for (const call of kvs.calls()) if (call.operation === 'UpdateKeys') call.input.Puts;
 * ```
 */
export type CallRecord<Op extends OperationName = OperationName> = DataPlaneCall<Op> | ControlPlaneCall<Op>;
