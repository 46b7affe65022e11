import { describe, expect, it } from '@jest/globals';
import {
  DescribeFunctionCommand,
  FunctionSizeLimitExceeded,
  InvalidArgument,
  InvalidIfMatchVersion,
  NoSuchFunctionExists,
  PreconditionFailed,
  PublishFunctionCommand,
  UnsupportedOperation,
  UpdateFunctionCommand,
  type UpdateFunctionCommandInput,
} from '@aws-sdk/client-cloudfront';
import { metadata, setup } from '../helpers/clients';
import { CONTROL_ETAG, controlError } from './fixtures';
import { PASS_THROUGH, associationOf, bytes, createFn, storeFor } from './function-fixtures';

const NEW_CODE = 'function handler(event) { return event.response; }';
const update = (IfMatch: string | undefined, over: Partial<UpdateFunctionCommandInput> = {}) =>
  new UpdateFunctionCommand({ Name: 'fn', IfMatch: IfMatch!, FunctionCode: bytes(NEW_CODE), FunctionConfig: { Comment: 'v2', Runtime: 'cloudfront-js-2.0' }, ...over });

describe('UpdateFunction', () => {
  it("replaces DEVELOPMENT's config and code under a new ETag (F4); the output member is ETag", async () => {
    let now = Date.UTC(2026, 0, 2);
    const { kvs, control } = setup({ clock: () => now });
    const created = await createFn(control, 'fn');
    now += 1000;
    const out = await control.send(update(created.ETag));
    expect(out).toEqual({
      $metadata: metadata(200),
      FunctionSummary: {
        Name: 'fn',
        Status: 'UNPUBLISHED',
        FunctionConfig: { Comment: 'v2', Runtime: 'cloudfront-js-2.0' },
        FunctionMetadata: { FunctionARN: created.FunctionSummary!.FunctionMetadata!.FunctionARN, Stage: 'DEVELOPMENT', CreatedTime: new Date(Date.UTC(2026, 0, 2)), LastModifiedTime: new Date(now) },
      },
      ETag: expect.stringMatching(CONTROL_ETAG),
    });
    expect(out.ETag).not.toBe(created.ETag);
    expect(kvs.getFunction('fn')!.DEVELOPMENT).toMatchObject({ Code: NEW_CODE, ETag: out.ETag, Comment: 'v2' });
    expect((await control.send(new DescribeFunctionCommand({ Name: 'fn' }))).ETag).toBe(out.ETag);
  });

  it('leaves LIVE as published, and DEVELOPMENT is UNPUBLISHED again', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    const live = kvs.getFunction('fn')!.LIVE;
    await control.send(update(created.ETag));
    expect(kvs.getFunction('fn')!.LIVE).toEqual(live);
    expect(kvs.getFunction('fn')!.DEVELOPMENT.Status).toBe('UNPUBLISHED');
  });

  it('adds, moves and drops a store association (F5)', async () => {
    const { kvs, control } = setup();
    const a = storeFor(kvs, 'a');
    const b = storeFor(kvs, 'b');
    const created = await createFn(control, 'fn', { FunctionConfig: { KeyValueStoreAssociations: associationOf(a) } });
    const moved = await control.send(update(created.ETag, { FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0', KeyValueStoreAssociations: associationOf(b) } }));
    expect(kvs.getFunction('fn')!.DEVELOPMENT.KeyValueStoreARN).toBe(b);
    await control.send(update(moved.ETag));
    expect(kvs.getFunction('fn')!.DEVELOPMENT.KeyValueStoreARN).toBeUndefined();
  });

  it('the function itself does not count against its store\'s quota', async () => {
    const { kvs, control } = setup({ quotas: { functionsPerKeyValueStore: 1 } });
    const arn = storeFor(kvs);
    const created = await createFn(control, 'fn', { FunctionConfig: { KeyValueStoreAssociations: associationOf(arn) } });
    await control.send(update(created.ETag, { FunctionConfig: { Comment: 'again', Runtime: 'cloudfront-js-2.0', KeyValueStoreAssociations: associationOf(arn) } }));
    expect(kvs.getFunction('fn')!.DEVELOPMENT.Comment).toBe('again');
  });

  describe('every refusal leaves the stage, its code and its ETag as they were', () => {
    const check = async (run: (etag: string, kvs: ReturnType<typeof setup>['kvs']) => Promise<unknown>, quotas = {}) => {
      const { kvs, control } = setup({ quotas });
      const created = await createFn(control, 'fn');
      const before = kvs.getFunction('fn');
      await run(created.ETag!, kvs);
      expect(kvs.getFunction('fn')).toEqual(before);
      expect(kvs.getFunction('fn')!.DEVELOPMENT.Code).toBe(PASS_THROUGH);
      return control;
    };

    it('missing IfMatch → InvalidIfMatchVersion (400)', async () => {
      const { control } = setup();
      await createFn(control, 'fn');
      await check(() =>
        controlError(control.send(update(undefined)), InvalidIfMatchVersion, 'InvalidIfMatchVersion', 400, "The If-Match version is missing or not valid for the resource: pass IfMatch, the ETag of the function's DEVELOPMENT stage from DescribeFunction."),
      );
    });

    it('a stale IfMatch → PreconditionFailed (412)', async () => {
      const { kvs, control } = setup();
      const created = await createFn(control, 'fn');
      await control.send(update(created.ETag));
      const before = kvs.getFunction('fn');
      await controlError(control.send(update(created.ETag)), PreconditionFailed, 'PreconditionFailed', 412, `The request failed because it didn't meet the preconditions in one or more request-header fields: IfMatch "${created.ETag}" is not the current ETag of the DEVELOPMENT stage of function "fn".`);
      expect(kvs.getFunction('fn')).toEqual(before);
    });

    it('code over the size quota → FunctionSizeLimitExceeded (413)', async () => {
      const { kvs, control } = setup();
      const created = await createFn(control, 'fn');
      const before = kvs.getFunction('fn');
      await controlError(control.send(update(created.ETag, { FunctionCode: new Uint8Array(10241) })), FunctionSizeLimitExceeded, 'FunctionSizeLimitExceeded', 413, /10241 bytes/);
      expect(kvs.getFunction('fn')).toEqual(before);
    });

    it('bad input → InvalidArgument listing each broken constraint', async () => {
      const { kvs, control } = setup();
      const created = await createFn(control, 'fn');
      const before = kvs.getFunction('fn');
      await controlError(
        control.send(update(created.ETag, { FunctionCode: new Uint8Array(0), FunctionConfig: { Comment: '', Runtime: 'node' as never } })),
        InvalidArgument,
        'InvalidArgument',
        400,
        "2 validation errors detected: Value at 'FunctionConfig.Runtime' failed to satisfy constraint: Member must satisfy enum value set: [cloudfront-js-1.0, cloudfront-js-2.0]; Value at 'FunctionCode' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
      const arn = storeFor(kvs);
      await controlError(control.send(update(created.ETag, { FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-1.0', KeyValueStoreAssociations: associationOf(arn) } })), InvalidArgument, 'InvalidArgument', 400, /cloudfront-js-2.0 functions only/);
      expect(kvs.getFunction('fn')).toEqual(before);
    });
  });

  it('no such function → NoSuchFunctionExists (404)', async () => {
    const { control } = setup();
    await controlError(control.send(update('E123')), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /"fn"/);
  });

  it('UnsupportedOperation by fault injection leaves the function as it was', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    const before = kvs.getFunction('fn');
    kvs.injectFault({ operation: 'UpdateFunction', error: 'UnsupportedOperation' });
    await controlError(control.send(update(created.ETag)), UnsupportedOperation, 'UnsupportedOperation', 400, /injected/);
    expect(kvs.getFunction('fn')).toEqual(before);
  });
});
