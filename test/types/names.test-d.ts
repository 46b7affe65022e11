/**
 * Type tests of the names the simulator's own API takes (compiled by `npm run typecheck`, never
 * run): operation names and error codes are literal unions, so a misspelt one does not compile.
 */
import { expectTypeOf } from 'expect-type';
import { createKvsSimulator, type CallRecord, type KvsErrorCode, type OperationName } from '../../src';
import type { KvsOperation } from '../../src/matchers';

const kvs = createKvsSimulator();

expectTypeOf<OperationName>().toEqualTypeOf<
  | 'DescribeKeyValueStore'
  | 'GetKey'
  | 'ListKeys'
  | 'PutKey'
  | 'DeleteKey'
  | 'UpdateKeys'
  | 'CreateKeyValueStore'
  | 'ListKeyValueStores'
  | 'UpdateKeyValueStore'
  | 'DeleteKeyValueStore'
  | 'ListTagsForResource'
  | 'TagResource'
  | 'UntagResource'
  | 'CreateFunction'
  | 'DescribeFunction'
  | 'GetFunction'
  | 'UpdateFunction'
  | 'PublishFunction'
  | 'TestFunction'
  | 'ListFunctions'
  | 'DeleteFunction'
>();
expectTypeOf<KvsOperation>().toEqualTypeOf<OperationName>();
expectTypeOf<CallRecord['operation']>().toEqualTypeOf<OperationName>();
expectTypeOf<'ConflictException' | 'ThrottlingException' | 'PreconditionFailed'>().toMatchTypeOf<KvsErrorCode>();
expectTypeOf<'FunctionInUse' | 'TestFunctionFailed' | 'NoSuchFunctionExists' | 'TooManyFunctions'>().toMatchTypeOf<KvsErrorCode>();

kvs.calls('PutKey');
kvs.calls({ operation: 'DescribeKeyValueStore', plane: 'control' });
kvs.calls((call) => call.operation === 'GetKey');
kvs.injectFault({ operation: 'PutKey', error: 'ConflictException' });
kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException' });
kvs.injectFault({ operation: 'GetKey', error: { code: 'PreconditionFailed', message: 'moved' } });
kvs.injectFault({ operation: 'GetKey', error: { code: 'SlowDown', status: 503 } });
kvs.injectFault({ operation: 'GetKey', error: new Error('socket hang up') });
kvs.injectFault({ operation: 'DeleteFunction', error: 'FunctionInUse' });
kvs.calls('TestFunction');

// @ts-expect-error: operation names are AWS's, in AWS's case
kvs.calls('PutKeys');
// @ts-expect-error: operation names are AWS's, in AWS's case
kvs.calls({ operation: 'putKey' });
// @ts-expect-error: the log holds no such operation
kvs.calls((call) => call.operation === 'PutKeys');
// @ts-expect-error: operation names are AWS's, in AWS's case
kvs.injectFault({ operation: 'putKey', error: 'ConflictException' });
// @ts-expect-error: an error code the simulator does not know
kvs.injectFault({ operation: 'PutKey', error: 'NoSuchThing' });
// @ts-expect-error: an unknown code needs its status
kvs.injectFault({ operation: 'PutKey', error: { code: 'NoSuchThing' } });

// The call log is typed by operation: input and output are the SDK's own shapes.
import type { PutKeyCommandInput, PutKeyCommandOutput, DescribeKeyValueStoreCommandOutput as DataDescribeOutput } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { DescribeKeyValueStoreCommandOutput as ControlDescribeOutput, ListKeyValueStoresCommandInput } from '@aws-sdk/client-cloudfront';

expectTypeOf(kvs.calls('PutKey')).toEqualTypeOf<CallRecord<'PutKey'>[]>();
expectTypeOf<CallRecord<'PutKey'>['input']>().toEqualTypeOf<PutKeyCommandInput>();
expectTypeOf<CallRecord<'PutKey'>['output']>().toEqualTypeOf<PutKeyCommandOutput | undefined>();
expectTypeOf<CallRecord<'PutKey'>['plane']>().toEqualTypeOf<'data'>();
expectTypeOf<CallRecord<'ListKeyValueStores'>['clientName']>().toEqualTypeOf<'CloudFrontClient'>();
expectTypeOf(kvs.calls({ operation: 'ListKeyValueStores' })[0]!.input).toEqualTypeOf<ListKeyValueStoresCommandInput>();
// DescribeKeyValueStore is on both planes; the plane narrows it.
expectTypeOf(kvs.calls('DescribeKeyValueStore')[0]!.output).toEqualTypeOf<DataDescribeOutput | ControlDescribeOutput | undefined>();
expectTypeOf(kvs.calls({ operation: 'DescribeKeyValueStore', plane: 'control' })[0]!.output).toEqualTypeOf<ControlDescribeOutput | undefined>();
// A type predicate narrows; `operation` discriminates the union.
expectTypeOf(kvs.calls((c): c is CallRecord<'GetKey'> => c.operation === 'GetKey')).toEqualTypeOf<CallRecord<'GetKey'>[]>();
for (const call of kvs.calls()) {
  if (call.operation === 'UpdateKeys') expectTypeOf(call.input.Puts).toEqualTypeOf<{ Key: string | undefined; Value: string | undefined }[] | undefined>();
}
// @ts-expect-error: PutKey's input has no Puts
kvs.calls('PutKey')[0]!.input.Puts;
