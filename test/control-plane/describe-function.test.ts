import { describe, expect, it } from '@jest/globals';
import { DescribeFunctionCommand, InvalidArgument, NoSuchFunctionExists, PublishFunctionCommand, UnsupportedOperation } from '@aws-sdk/client-cloudfront';
import { metadata, rejection, setup } from '../helpers/clients';
import { controlError } from './fixtures';
import { createFn, functionArnOf } from './function-fixtures';

describe('DescribeFunction', () => {
  it('answers the DEVELOPMENT summary and ETag by default (F4)', async () => {
    const { control } = setup({ clock: () => Date.UTC(2026, 0, 2) });
    const created = await createFn(control, 'fn', { FunctionConfig: { Comment: 'c' } });
    const out = await control.send(new DescribeFunctionCommand({ Name: 'fn' }));
    expect(out).toEqual({ $metadata: metadata(200), FunctionSummary: created.FunctionSummary, ETag: created.ETag });
  });

  it('Stage LIVE before the first publish → NoSuchFunctionExists (404); after it, LIVE with its own ETag, UNASSOCIATED', async () => {
    const { control } = setup();
    const created = await createFn(control, 'fn');
    await controlError(control.send(new DescribeFunctionCommand({ Name: 'fn', Stage: 'LIVE' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, 'The function does not exist in the LIVE stage: "fn" has not been published. Publish it with PublishFunction first.');
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    const live = await control.send(new DescribeFunctionCommand({ Name: 'fn', Stage: 'LIVE' }));
    expect(live.FunctionSummary).toMatchObject({ Status: 'UNASSOCIATED', FunctionMetadata: { Stage: 'LIVE', FunctionARN: functionArnOf('fn') } });
    expect(live.ETag).not.toBe(created.ETag);
    const dev = await control.send(new DescribeFunctionCommand({ Name: 'fn', Stage: 'DEVELOPMENT' }));
    expect(dev.ETag).toBe(created.ETag);
    expect(dev.FunctionSummary!.Status).toBe('UNASSOCIATED');
  });

  it('an unknown function → NoSuchFunctionExists (404)', async () => {
    const { control } = setup();
    await controlError(control.send(new DescribeFunctionCommand({ Name: 'nope' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, 'The function does not exist: no function is named "nope" in this account.');
  });

  it('another account\'s function is not found', async () => {
    const { kvs, control } = setup();
    await createFn(kvs.cloudFrontClient({}, { accountId: '210987654321' }), 'theirs');
    await controlError(control.send(new DescribeFunctionCommand({ Name: 'theirs' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /"theirs"/);
  });

  it('a bad Name and Stage → InvalidArgument listing both', async () => {
    const { control } = setup();
    await controlError(
      control.send(new DescribeFunctionCommand({ Name: 'a b', Stage: 'PROD' as never })),
      InvalidArgument,
      'InvalidArgument',
      400,
      "2 validation errors detected: Value at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]{1,64}$; Value at 'Stage' failed to satisfy constraint: Member must satisfy enum value set: [DEVELOPMENT, LIVE]",
    );
  });

  it("a missing Name label → the SDK's own error, nothing logged", async () => {
    const { kvs, control } = setup();
    const error = await rejection(control.send(new DescribeFunctionCommand({} as never)));
    expect(error.message).toBe('No value provided for input HTTP label: Name.');
    expect(kvs.calls()).toHaveLength(0);
  });

  it('UnsupportedOperation is reachable by fault injection', async () => {
    const { kvs, control } = setup();
    await createFn(control, 'fn');
    kvs.injectFault({ operation: 'DescribeFunction', error: 'UnsupportedOperation' });
    await controlError(control.send(new DescribeFunctionCommand({ Name: 'fn' })), UnsupportedOperation, 'UnsupportedOperation', 400, /injected/);
  });
});
