import { describe, expect, it } from '@jest/globals';
import { DeleteFunctionCommand, DescribeFunctionCommand, FunctionInUse, InvalidIfMatchVersion, NoSuchFunctionExists, PreconditionFailed, PublishFunctionCommand, UnsupportedOperation } from '@aws-sdk/client-cloudfront';
import { metadata, setup } from '../helpers/clients';
import { controlError } from './fixtures';
import { associationOf, createFn, storeFor } from './function-fixtures';

describe('DeleteFunction', () => {
  it('answers 204 and removes both stages (F4); the name is free again', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    const out = await control.send(new DeleteFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    expect(out).toEqual({ $metadata: metadata(204) });
    expect(kvs.getFunction('fn')).toBeUndefined();
    await controlError(control.send(new DescribeFunctionCommand({ Name: 'fn', Stage: 'LIVE' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /"fn"/);
    await createFn(control, 'fn');
    expect(kvs.getFunction('fn')!.LIVE).toBeUndefined();
  });

  it('missing IfMatch → InvalidIfMatchVersion; stale → PreconditionFailed; the function stays', async () => {
    const { kvs, control } = setup();
    const arn = storeFor(kvs);
    await createFn(control, 'fn', { FunctionConfig: { KeyValueStoreAssociations: associationOf(arn) } });
    const before = kvs.getFunction('fn');
    await controlError(control.send(new DeleteFunctionCommand({ Name: 'fn' } as never)), InvalidIfMatchVersion, 'InvalidIfMatchVersion', 400, /DEVELOPMENT stage/);
    await controlError(control.send(new DeleteFunctionCommand({ Name: 'fn', IfMatch: 'E0000000000000' })), PreconditionFailed, 'PreconditionFailed', 412, /"E0000000000000"/);
    expect(kvs.getFunction('fn')).toEqual(before);
  });

  it('no such function → NoSuchFunctionExists (404)', async () => {
    const { control } = setup();
    await controlError(control.send(new DeleteFunctionCommand({ Name: 'nope', IfMatch: 'E1' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /"nope"/);
  });

  it('FunctionInUse (409) is never raised by itself (F7) but by fault injection, and deletes nothing', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    kvs.injectFault({ operation: 'DeleteFunction', error: { code: 'FunctionInUse', message: 'The function is associated with distribution E1234.' } });
    await controlError(control.send(new DeleteFunctionCommand({ Name: 'fn', IfMatch: created.ETag })), FunctionInUse, 'FunctionInUse', 409, 'The function is associated with distribution E1234.');
    expect(kvs.getFunction('fn')).toBeDefined();
    kvs.injectFault({ operation: 'DeleteFunction', error: 'UnsupportedOperation' });
    await controlError(control.send(new DeleteFunctionCommand({ Name: 'fn', IfMatch: created.ETag })), UnsupportedOperation, 'UnsupportedOperation', 400, /injected/);
    expect(kvs.getFunction('fn')).toBeDefined();
  });
});
