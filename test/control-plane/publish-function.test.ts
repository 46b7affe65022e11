import { describe, expect, it } from '@jest/globals';
import { DescribeFunctionCommand, InvalidArgument, InvalidIfMatchVersion, NoSuchFunctionExists, PreconditionFailed, PublishFunctionCommand, UnsupportedOperation, UpdateFunctionCommand } from '@aws-sdk/client-cloudfront';
import '../../src/jest';
import { metadata, setup } from '../helpers/clients';
import { controlError } from './fixtures';
import { associationOf, bytes, createFn, storeFor } from './function-fixtures';

describe('PublishFunction', () => {
  it('copies DEVELOPMENT to LIVE and answers the LIVE summary, UNASSOCIATED (F4)', async () => {
    let now = Date.UTC(2026, 0, 2);
    const { kvs, control } = setup({ clock: () => now });
    const arn = storeFor(kvs);
    const created = await createFn(control, 'fn', { FunctionConfig: { Comment: 'c', KeyValueStoreAssociations: associationOf(arn) } });
    now += 5000;
    const out = await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    expect(out).toEqual({
      $metadata: metadata(200),
      FunctionSummary: {
        Name: 'fn',
        Status: 'UNASSOCIATED',
        FunctionConfig: { Comment: 'c', Runtime: 'cloudfront-js-2.0', KeyValueStoreAssociations: associationOf(arn) },
        FunctionMetadata: { FunctionARN: created.FunctionSummary!.FunctionMetadata!.FunctionARN, Stage: 'LIVE', CreatedTime: new Date(Date.UTC(2026, 0, 2)), LastModifiedTime: new Date(now) },
      },
    });
    const state = kvs.getFunction('fn')!;
    expect(state.LIVE).toMatchObject({ Code: state.DEVELOPMENT.Code, KeyValueStoreARN: arn, Status: 'UNASSOCIATED' });
    expect(state.LIVE!.ETag).not.toBe(created.ETag);
    expect(state.DEVELOPMENT.ETag).toBe(created.ETag);
  });

  it('publishing again replaces LIVE with the current DEVELOPMENT under a new LIVE ETag', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    const firstLive = kvs.getFunction('fn')!.LIVE!;
    const updated = await control.send(new UpdateFunctionCommand({ Name: 'fn', IfMatch: created.ETag, FunctionCode: bytes('function handler(e) { return e.response; }'), FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } }));
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: updated.ETag }));
    const live = await control.send(new DescribeFunctionCommand({ Name: 'fn', Stage: 'LIVE' }));
    expect(live.ETag).not.toBe(firstLive.ETag);
    expect(kvs.getFunction('fn')!.LIVE!.Code).toBe('function handler(e) { return e.response; }');
  });

  it('missing IfMatch → InvalidIfMatchVersion; a stale one or the LIVE ETag → PreconditionFailed; nothing is published', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    await controlError(control.send(new PublishFunctionCommand({ Name: 'fn' } as never)), InvalidIfMatchVersion, 'InvalidIfMatchVersion', 400, /DEVELOPMENT stage/);
    await controlError(control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: 'E0000000000000' })), PreconditionFailed, 'PreconditionFailed', 412, /"E0000000000000" is not the current ETag of the DEVELOPMENT stage/);
    expect(kvs.getFunction('fn')!.LIVE).toBeUndefined();
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    const liveETag = kvs.getFunction('fn')!.LIVE!.ETag;
    await controlError(control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: liveETag })), PreconditionFailed, 'PreconditionFailed', 412, /DEVELOPMENT stage/);
  });

  it('no such function → NoSuchFunctionExists; a bad name → InvalidArgument', async () => {
    const { control } = setup();
    await controlError(control.send(new PublishFunctionCommand({ Name: 'nope', IfMatch: 'E1' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /"nope"/);
    await controlError(control.send(new PublishFunctionCommand({ Name: 'no/pe', IfMatch: 'E1' })), InvalidArgument, 'InvalidArgument', 400, /Value at 'Name' failed to satisfy constraint/);
  });

  it('UnsupportedOperation by fault injection publishes nothing', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    kvs.injectFault({ operation: 'PublishFunction', error: 'UnsupportedOperation' });
    await controlError(control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag })), UnsupportedOperation, 'UnsupportedOperation', 400, /injected/);
    expect(kvs.getFunction('fn')!.LIVE).toBeUndefined();
  });

  it('toHaveRejectedStaleETag sees a stale publish', async () => {
    const { kvs, control } = setup();
    await createFn(control, 'fn');
    await controlError(control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: 'E0000000000000' })), PreconditionFailed, 'PreconditionFailed', 412, /not the current ETag/);
    expect(kvs).toHaveRejectedStaleETag('PublishFunction');
  });
});
