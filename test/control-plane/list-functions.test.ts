import { describe, expect, it } from '@jest/globals';
import { InvalidArgument, ListFunctionsCommand, PublishFunctionCommand, UnsupportedOperation } from '@aws-sdk/client-cloudfront';
import { metadata, setup } from '../helpers/clients';
import { controlError } from './fixtures';
import { createFn } from './function-fixtures';

async function threeFunctions() {
  const s = setup();
  await createFn(s.control, 'b');
  const a = await createFn(s.control, 'a');
  await createFn(s.control, 'a-b');
  await s.control.send(new PublishFunctionCommand({ Name: 'a', IfMatch: a.ETag }));
  return s;
}

const names = (out: { FunctionList?: { Items?: Array<{ Name?: string; FunctionMetadata?: { Stage?: string } }> } }) => out.FunctionList!.Items!.map((f) => `${f.Name}:${f.FunctionMetadata!.Stage}`);

describe('ListFunctions (F8)', () => {
  it('one summary per function and existing stage, by name, DEVELOPMENT first', async () => {
    const { control } = await threeFunctions();
    const out = await control.send(new ListFunctionsCommand({}));
    expect(out).toEqual({ $metadata: metadata(200), FunctionList: { NextMarker: '', MaxItems: 100, Quantity: 4, Items: expect.any(Array) } });
    expect(names(out)).toEqual(['a:DEVELOPMENT', 'a:LIVE', 'a-b:DEVELOPMENT', 'b:DEVELOPMENT']);
  });

  it('Stage filters to that stage', async () => {
    const { control } = await threeFunctions();
    expect(names(await control.send(new ListFunctionsCommand({ Stage: 'LIVE' })))).toEqual(['a:LIVE']);
    expect(names(await control.send(new ListFunctionsCommand({ Stage: 'DEVELOPMENT' })))).toEqual(['a:DEVELOPMENT', 'a-b:DEVELOPMENT', 'b:DEVELOPMENT']);
  });

  it('pages by MaxItems and NextMarker, every entry once', async () => {
    const { control } = await threeFunctions();
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const out = await control.send(new ListFunctionsCommand({ MaxItems: 1, Marker }));
      expect(out.FunctionList!.Quantity).toBe(1);
      seen.push(...names(out));
      Marker = out.FunctionList!.NextMarker || undefined;
    } while (Marker);
    expect(seen).toEqual(['a:DEVELOPMENT', 'a:LIVE', 'a-b:DEVELOPMENT', 'b:DEVELOPMENT']);
  });

  it("only the caller's account", async () => {
    const { kvs, control } = await threeFunctions();
    const other = kvs.cloudFrontClient({}, { accountId: '210987654321' });
    await createFn(other, 'theirs');
    expect(names(await other.send(new ListFunctionsCommand({})))).toEqual(['theirs:DEVELOPMENT']);
    expect(names(await control.send(new ListFunctionsCommand({})))).not.toContain('theirs:DEVELOPMENT');
  });

  it('MaxItems outside 1..100, an unknown Marker or Stage → InvalidArgument', async () => {
    const { control } = await threeFunctions();
    await controlError(control.send(new ListFunctionsCommand({ MaxItems: 0 })), InvalidArgument, 'InvalidArgument', 400, `1 validation error detected: Value "0" at 'MaxItems' failed to satisfy constraint: Member must be a whole number from 1 to 100`);
    await controlError(control.send(new ListFunctionsCommand({ MaxItems: 101 })), InvalidArgument, 'InvalidArgument', 400, /"101"/);
    await controlError(control.send(new ListFunctionsCommand({ MaxItems: '2.5' as never })), InvalidArgument, 'InvalidArgument', 400, /"2.5"/);
    await controlError(control.send(new ListFunctionsCommand({ Marker: 'garbage' })), InvalidArgument, 'InvalidArgument', 400, 'Invalid Marker: pass the NextMarker of a previous ListFunctions answer.');
    await controlError(control.send(new ListFunctionsCommand({ Stage: 'PROD' as never })), InvalidArgument, 'InvalidArgument', 400, /Value at 'Stage' failed to satisfy constraint/);
  });

  it('a marker of one Stage filter is not one of another', async () => {
    const { control } = await threeFunctions();
    const first = await control.send(new ListFunctionsCommand({ MaxItems: 1 }));
    await controlError(control.send(new ListFunctionsCommand({ Stage: 'LIVE', Marker: first.FunctionList!.NextMarker })), InvalidArgument, 'InvalidArgument', 400, /Invalid Marker/);
  });

  it('UnsupportedOperation by fault injection', async () => {
    const { kvs, control } = setup();
    kvs.injectFault({ operation: 'ListFunctions', error: 'UnsupportedOperation' });
    await controlError(control.send(new ListFunctionsCommand({})), UnsupportedOperation, 'UnsupportedOperation', 400, /injected/);
  });
});
