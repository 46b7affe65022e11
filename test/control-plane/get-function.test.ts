import { describe, expect, it } from '@jest/globals';
import { GetFunctionCommand, InvalidArgument, NoSuchFunctionExists, PublishFunctionCommand, UnsupportedOperation, UpdateFunctionCommand } from '@aws-sdk/client-cloudfront';
import { metadata, setup } from '../helpers/clients';
import { controlError } from './fixtures';
import { PASS_THROUGH, bytes, createFn, text } from './function-fixtures';

describe('GetFunction', () => {
  it("answers DEVELOPMENT's code as bytes, its ETag and Content-Type (F4)", async () => {
    const { control } = setup();
    const created = await createFn(control, 'fn');
    const out = await control.send(new GetFunctionCommand({ Name: 'fn' }));
    expect(out).toEqual({ $metadata: metadata(200), FunctionCode: expect.any(Uint8Array), ETag: created.ETag, ContentType: 'application/octet-stream' });
    expect(text(out.FunctionCode)).toBe(PASS_THROUGH);
  });

  it('each stage answers its own code: LIVE stays as published while DEVELOPMENT moves on', async () => {
    const { control } = setup();
    const created = await createFn(control, 'fn');
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    await control.send(new UpdateFunctionCommand({ Name: 'fn', IfMatch: created.ETag, FunctionCode: bytes('function handler(e) { return e.response; }'), FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } }));
    expect(text((await control.send(new GetFunctionCommand({ Name: 'fn', Stage: 'LIVE' }))).FunctionCode)).toBe(PASS_THROUGH);
    expect(text((await control.send(new GetFunctionCommand({ Name: 'fn', Stage: 'DEVELOPMENT' }))).FunctionCode)).toBe('function handler(e) { return e.response; }');
  });

  it('changing the bytes it answered changes nothing', async () => {
    const { control } = setup();
    await createFn(control, 'fn');
    const first = await control.send(new GetFunctionCommand({ Name: 'fn' }));
    first.FunctionCode!.fill(0);
    expect(text((await control.send(new GetFunctionCommand({ Name: 'fn' }))).FunctionCode)).toBe(PASS_THROUGH);
  });

  it('LIVE before a publish, or no such function → NoSuchFunctionExists (404)', async () => {
    const { control } = setup();
    await createFn(control, 'fn');
    await controlError(control.send(new GetFunctionCommand({ Name: 'fn', Stage: 'LIVE' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /has not been published/);
    await controlError(control.send(new GetFunctionCommand({ Name: 'other' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /"other"/);
  });

  it('a bad Stage → InvalidArgument', async () => {
    const { control } = setup();
    await controlError(control.send(new GetFunctionCommand({ Name: 'fn', Stage: 'live' as never })), InvalidArgument, 'InvalidArgument', 400, /Value at 'Stage' failed to satisfy constraint/);
  });

  it('UnsupportedOperation is reachable by fault injection', async () => {
    const { kvs, control } = setup();
    kvs.injectFault({ operation: 'GetFunction', error: 'UnsupportedOperation' });
    await controlError(control.send(new GetFunctionCommand({ Name: 'fn' })), UnsupportedOperation, 'UnsupportedOperation', 400, /injected/);
  });
});
