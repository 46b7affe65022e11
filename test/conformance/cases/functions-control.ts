import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DescribeFunctionCommand,
  GetFunctionCommand,
  ListFunctionsCommand,
  PublishFunctionCommand,
  TestFunctionCommand,
  UpdateFunctionCommand,
  type FunctionSummary,
} from '@aws-sdk/client-cloudfront';
import type { CaseContext, ConformanceCase } from '../harness/case';
import { missingStoreArn } from '../harness/resources';

export const code = (text: string) => new TextEncoder().encode(text);
const PASS = code('function handler(event) { return event.request; }');
const associationOf = (arn: string) => ({ Quantity: 1, Items: [{ KeyValueStoreARN: arn }] });

/** A viewer-request event as TestFunction takes it. */
export const viewerRequest = () =>
  code(JSON.stringify({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.1' }, request: { method: 'GET', uri: '/index.html', querystring: {}, headers: { host: { value: 'www.example.com' } }, cookies: {} } }));

const config = (extra: object = {}) => ({ Comment: '', Runtime: 'cloudfront-js-2.0' as const, ...extra });

/** A function name of this case, created through a recorded step: tracked for teardown. */
const tracked = (t: CaseContext) => t.res.track('function', t.res.name());

export const functionsControlCases: ConformanceCase[] = [
  {
    id: 'fn-live-etag',
    settles: 'F4',
    title: 'the ETags of LIVE and DEVELOPMENT after a publish',
    async run(t) {
      const { name, etag } = await t.res.fn();
      await t.control.send(new PublishFunctionCommand({ Name: name, IfMatch: etag }));
      const dev = await t.step('DescribeFunction DEVELOPMENT', t.control, new DescribeFunctionCommand({ Name: name, Stage: 'DEVELOPMENT' }));
      const live = await t.step('DescribeFunction LIVE', t.control, new DescribeFunctionCommand({ Name: name, Stage: 'LIVE' }));
      t.expect(dev.output.ETag).toBe(etag);
      t.expect(live.output.ETag).not.toBe(etag);
    },
  },
  {
    id: 'fn-associations',
    settles: 'F5',
    title: 'an association with no store, and on runtime 1.0',
    async run(t) {
      const { arn } = await t.res.store();
      const missing = missingStoreArn(arn);
      const none = await t.step('unknown store', t.control, new CreateFunctionCommand({ Name: tracked(t), FunctionCode: PASS, FunctionConfig: config({ KeyValueStoreAssociations: associationOf(missing) }) }));
      t.expect(none.answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
      const old = await t.step('runtime 1.0', t.control, new CreateFunctionCommand({ Name: tracked(t), FunctionCode: PASS, FunctionConfig: config({ Runtime: 'cloudfront-js-1.0', KeyValueStoreAssociations: associationOf(arn) }) }));
      t.expect(old.answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
    },
  },
  {
    id: 'fn-store-quota',
    settles: 'F26',
    title: 'one function more than a store may serve',
    simulatorOnly: 'reaching the quota takes 101 functions on one store, past the 100 an account may have: the quota is lowered here',
    simulator: { quotas: { functionsPerKeyValueStore: 2 } },
    async run(t) {
      const { arn } = await t.res.store();
      for (let i = 0; i < 2; i++) await t.res.fn({ FunctionConfig: config({ KeyValueStoreAssociations: associationOf(arn) }) });
      const third = await t.step('a third function of the store', t.control, new CreateFunctionCommand({ Name: tracked(t), FunctionCode: PASS, FunctionConfig: config({ KeyValueStoreAssociations: associationOf(arn) }) }));
      t.expect(third.answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
    },
  },
  {
    id: 'fn-list-without-stage',
    settles: 'F8',
    title: 'ListFunctions without Stage, one function published',
    async run(t) {
      const { name, etag } = await t.res.fn();
      await t.control.send(new PublishFunctionCommand({ Name: name, IfMatch: etag }));
      const ours = (out: { FunctionList?: { Items?: FunctionSummary[] } }) => ({ Items: (out.FunctionList?.Items ?? []).filter((f) => f.Name === name) });
      const { answer } = await t.step('ListFunctions', t.control, new ListFunctionsCommand({}), { select: ours });
      t.expect((answer.output as { Items: FunctionSummary[] }).Items.map((f) => f.FunctionMetadata?.Stage)).toEqual(['DEVELOPMENT', 'LIVE']);
    },
  },
  {
    id: 'fn-test-bad-event',
    settles: 'F9',
    title: 'TestFunction with an EventObject that is not JSON, or lacks context.eventType',
    async run(t) {
      const { name, etag } = await t.res.fn();
      const send = (EventObject: Uint8Array) => new TestFunctionCommand({ Name: name, IfMatch: etag, EventObject });
      const notJson = await t.step('not JSON', t.control, send(code('{')));
      const noType = await t.step('no eventType', t.control, send(code(JSON.stringify({ version: '1.0', context: {}, request: {} }))));
      for (const { answer } of [notJson, noType]) t.expect(answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
    },
  },
  {
    id: 'fn-development-status',
    settles: 'Caveat',
    title: "DEVELOPMENT's Status through create, publish and update",
    async run(t) {
      const { name, etag } = await t.res.fn();
      const status = async (label: string) => (await t.step(label, t.control, new DescribeFunctionCommand({ Name: name, Stage: 'DEVELOPMENT' }))).output.FunctionSummary.Status;
      t.expect(await status('created')).toBe('UNPUBLISHED');
      await t.control.send(new PublishFunctionCommand({ Name: name, IfMatch: etag }));
      t.expect(await status('published')).toBe('UNASSOCIATED');
      await t.control.send(new UpdateFunctionCommand({ Name: name, IfMatch: etag, FunctionCode: PASS, FunctionConfig: config({ Comment: 'again' }) }));
      t.expect(await status('updated')).toBe('UNPUBLISHED');
    },
  },
  {
    id: 'fn-create-check-order',
    settles: 'Caveat',
    title: 'CreateFunction with a name taken and an association to no store: which error wins',
    async run(t) {
      const { name } = await t.res.fn();
      const { arn } = await t.res.store();
      const missing = missingStoreArn(arn);
      const { answer } = await t.step('taken name, unknown store', t.control, new CreateFunctionCommand({ Name: name, FunctionCode: PASS, FunctionConfig: config({ KeyValueStoreAssociations: associationOf(missing) }) }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
    },
  },
  {
    id: 'fn-shape-errors',
    settles: 'Caveat',
    title: 'DescribeFunction, GetFunction, DeleteFunction with a name that breaks the model; 51 tags on CreateFunction',
    async run(t) {
      const bad = 'not a valid name!';
      for (const command of [new DescribeFunctionCommand({ Name: bad }), new GetFunctionCommand({ Name: bad }), new DeleteFunctionCommand({ Name: bad, IfMatch: 'E000000000000' })]) {
        const { answer } = await t.step(`${command.constructor.name}, name "${bad}"`, t.control, command);
        t.expect(answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
      }
      const Tags = { Items: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) };
      const many = await t.step('CreateFunction, 51 tags', t.control, new CreateFunctionCommand({ Name: tracked(t), FunctionCode: PASS, FunctionConfig: config(), Tags }));
      t.expect(many.answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
    },
  },
  {
    id: 'fn-answers',
    settles: 'Caveat',
    title: 'associations echoed as given, GetFunction ContentType, a long Comment',
    async run(t) {
      const without = await t.step('no associations', t.control, new CreateFunctionCommand({ Name: tracked(t), FunctionCode: PASS, FunctionConfig: config() }));
      t.expect(without.output.FunctionSummary.FunctionConfig).not.toHaveProperty('KeyValueStoreAssociations');
      const empty = await t.step('Quantity 0', t.control, new CreateFunctionCommand({ Name: tracked(t), FunctionCode: PASS, FunctionConfig: config({ KeyValueStoreAssociations: { Quantity: 0 } }) }));
      t.expect(empty.output.FunctionSummary.FunctionConfig.KeyValueStoreAssociations).toEqual({ Quantity: 0 });
      const got = await t.step('GetFunction', t.control, new GetFunctionCommand({ Name: t.res.created[0]!.name }));
      t.expect(got.output.ContentType).toBe('application/octet-stream');
      const long = await t.step('Comment of 4096 characters', t.control, new CreateFunctionCommand({ Name: tracked(t), FunctionCode: PASS, FunctionConfig: config({ Comment: 'c'.repeat(4096) }) }));
      t.expect(long.answer.status).toBe(201);
    },
  },
  {
    id: 'fn-recreated-arn',
    settles: 'Caveat',
    title: 'a function deleted and created again: its ARN and tags',
    async run(t) {
      const { name, etag, arn } = await t.res.fn();
      await t.control.send(new DeleteFunctionCommand({ Name: name, IfMatch: etag }));
      const again = await t.step('CreateFunction, same name', t.control, new CreateFunctionCommand({ Name: name, FunctionCode: PASS, FunctionConfig: config() }));
      t.expect(again.output.FunctionSummary.FunctionMetadata.FunctionARN).toBe(arn);
    },
  },
];
