import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateFunctionCommand,
  DescribeFunctionCommand,
  ListFunctionsCommand,
  PublishFunctionCommand,
  TestFunctionCommand,
  UpdateFunctionCommand,
  DeleteFunctionCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront';
import { createKvsSimulator, manualClock, viewerRequestEvent } from '../../src';
import { rejection } from '../helpers/clients';
import { startServerWithClients, type ServerSetup } from '../helpers/server';

const CODE = `import cf from 'cloudfront';
const kvs = cf.kvs();
async function handler(event) {
  const target = await kvs.get(event.request.uri).catch(() => null);
  console.log('looked up ' + event.request.uri);
  if (!target) return event.request;
  return { statusCode: 301, statusDescription: 'Moved', headers: { location: { value: target } } };
}`;

/** The same Functions control-plane session against a CloudFront client: each answer, with what varies per transport left out. */
async function session(control: CloudFrontClient, storeArn: string): Promise<unknown[]> {
  const answers: unknown[] = [];
  const keep = (value: any) => {
    const { $metadata, ...rest } = value;
    // ComputeUtilization is measured CPU time: it differs from run to run.
    if (rest.TestResult) rest.TestResult = { ...rest.TestResult, ComputeUtilization: expect.stringMatching(/^\d+$/) };
    answers.push({ ...rest, status: $metadata?.httpStatusCode });
    return value;
  };
  const config = { Comment: 'redirects', Runtime: 'cloudfront-js-2.0' as const, KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: storeArn }] } };
  const created = keep(await control.send(new CreateFunctionCommand({ Name: 'redirect', FunctionConfig: config, FunctionCode: new TextEncoder().encode(CODE) })));
  const event = new TextEncoder().encode(JSON.stringify(viewerRequestEvent({ uri: '/old' })));
  const tested = keep(await control.send(new TestFunctionCommand({ Name: 'redirect', IfMatch: created.ETag, EventObject: event })));
  expect(JSON.parse(tested.TestResult.FunctionOutput).response.statusCode).toBe(301);
  const missing = keep(await control.send(new TestFunctionCommand({ Name: 'redirect', IfMatch: created.ETag, EventObject: new TextEncoder().encode(JSON.stringify(viewerRequestEvent({ uri: '/other' }))) })));
  expect(JSON.parse(missing.TestResult.FunctionOutput).request.uri).toBe('/other');
  const stale = await rejection(control.send(new PublishFunctionCommand({ Name: 'redirect', IfMatch: 'ETVPDKIKX0DER' })));
  answers.push({ name: stale.name, message: stale.message, status: stale.$metadata.httpStatusCode });
  keep(await control.send(new PublishFunctionCommand({ Name: 'redirect', IfMatch: created.ETag })));
  keep(await control.send(new DescribeFunctionCommand({ Name: 'redirect', Stage: 'LIVE' })));
  const development = keep(await control.send(new DescribeFunctionCommand({ Name: 'redirect' })));
  const updated = keep(await control.send(new UpdateFunctionCommand({ Name: 'redirect', IfMatch: development.ETag, FunctionConfig: config, FunctionCode: new TextEncoder().encode('function handler(e) { syntax error') })));
  const broken = keep(await control.send(new TestFunctionCommand({ Name: 'redirect', IfMatch: updated.ETag, EventObject: event })));
  expect(broken.TestResult.FunctionErrorMessage).toContain('SyntaxError');
  keep(await control.send(new ListFunctionsCommand({})));
  const missingFunction = await rejection(control.send(new DeleteFunctionCommand({ Name: 'nope', IfMatch: 'E1' })));
  answers.push({ name: missingFunction.name, message: missingFunction.message, status: missingFunction.$metadata.httpStatusCode });
  return answers;
}

describe('server: the CloudFront Functions control plane, TestFunction included, as in-process', () => {
  let s: ServerSetup;
  beforeAll(async () => {
    s = await startServerWithClients({ seed: 'functions' }, { maxAttempts: 1 });
  });
  afterAll(() => s.close());

  it('answers the same outputs, errors and state as an attached client', async () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    await s.server.admin.setClock({ time: start, frozen: true });
    const serverStore = s.server.simulator.seedStore({ name: 'redirects', items: { '/old': '/new' } });
    const serverAnswers = await session(s.control, serverStore);

    const local = createKvsSimulator({ seed: 'functions', clock: manualClock(start) });
    const localStore = local.seedStore({ name: 'redirects', items: { '/old': '/new' } });
    const localAnswers = await session(local.cloudFrontClient({ maxAttempts: 1 }), localStore);

    expect(serverStore).toBe(localStore);
    expect(serverAnswers).toEqual(localAnswers);
    expect(s.server.simulator.getFunction('redirect')).toEqual(local.getFunction('redirect'));
    // The TestFunction logs travel through the XML too.
    expect((serverAnswers[1] as any).TestResult.FunctionExecutionLogs).toEqual(['looked up /old']);
  });
});
