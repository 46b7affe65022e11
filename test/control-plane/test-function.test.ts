import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgument,
  InvalidIfMatchVersion,
  NoSuchFunctionExists,
  PreconditionFailed,
  PublishFunctionCommand,
  TestFunctionCommand,
  TestFunctionFailed,
  UnsupportedOperation,
  UpdateFunctionCommand,
  type TestFunctionCommandInput,
} from '@aws-sdk/client-cloudfront';
import { manualClock } from '../../src';
import { metadata, setup } from '../helpers/clients';
import { targetDriver } from '../helpers/target';
import { controlError } from './fixtures';
import { associationOf, bytes, createFn, serverError } from './function-fixtures';

const ERROR_PREFIX = 'The CloudFront function associated with the CloudFront distribution is invalid or could not run. ';

/** A viewer-request test event as TestFunction takes it (no distribution fields, F9). */
const requestEvent = (uri = '/index.html') => ({
  version: '1.0',
  context: { eventType: 'viewer-request' },
  viewer: { ip: '198.51.100.1' },
  request: { method: 'GET', uri, querystring: {}, headers: { host: { value: 'www.example.com' } }, cookies: {} },
});

const REDIRECT = `
import cf from 'cloudfront';
const kvs = cf.kvs();
async function handler(event) {
  const request = event.request;
  console.log('looking up ' + request.uri);
  try {
    const target = await kvs.get(request.uri);
    return { statusCode: 301, statusDescription: 'Moved', headers: { location: { value: target } } };
  } catch (e) {
    return request;
  }
}`;

const test = (over: Partial<TestFunctionCommandInput> & { IfMatch: string | undefined }) =>
  new TestFunctionCommand({ Name: 'fn', EventObject: bytes(JSON.stringify(requestEvent('/old'))), ...over } as TestFunctionCommandInput);

async function redirectFunction(items: Record<string, string> = { '/old': '/new' }) {
  const s = setup();
  const store = s.kvs.seedStore({ name: 'redirects', items });
  const created = await createFn(s.control, 'fn', { FunctionCode: bytes(REDIRECT), FunctionConfig: { KeyValueStoreAssociations: associationOf(store) } });
  return { ...s, store, etag: created.ETag! };
}

describe('TestFunction (F9)', () => {
  it("runs DEVELOPMENT's code against its store and answers the TestResult", async () => {
    const { control, etag } = await redirectFunction();
    const out = await control.send(test({ IfMatch: etag }));
    expect(out.$metadata).toEqual(metadata(200));
    const result = out.TestResult!;
    expect(result.FunctionSummary).toMatchObject({ Name: 'fn', Status: 'UNPUBLISHED', FunctionMetadata: { Stage: 'DEVELOPMENT' } });
    expect(result.FunctionErrorMessage).toBe('');
    expect(result.FunctionExecutionLogs).toEqual(['looking up /old']);
    expect(result.ComputeUtilization).toMatch(/^(\d|[1-9]\d|100)$/);
    expect(JSON.parse(result.FunctionOutput!)).toMatchObject({ response: { statusCode: 301, headers: { location: { value: '/new' } } } });
  });

  it('reads the store as it is at the call: a write just before is seen (no propagation delay)', async () => {
    const { kvs, control, store, etag } = await redirectFunction({});
    const before = JSON.parse((await control.send(test({ IfMatch: etag }))).TestResult!.FunctionOutput!);
    expect(before).toHaveProperty('request');
    kvs.writeKeys(store, { puts: { '/old': '/fresh' } });
    const after = JSON.parse((await control.send(test({ IfMatch: etag }))).TestResult!.FunctionOutput!);
    expect(after.response.headers.location.value).toBe('/fresh');
  });

  it('takes the EventObject as a string too (the SDK sends its UTF-8 bytes)', async () => {
    const { control, etag } = await redirectFunction();
    const out = await control.send(test({ IfMatch: etag, EventObject: JSON.stringify(requestEvent('/old')) as never }));
    expect(JSON.parse(out.TestResult!.FunctionOutput!).response.statusCode).toBe(301);
  });

  it('tests the LIVE stage with the LIVE ETag: the published code, not DEVELOPMENT\'s', async () => {
    const { kvs, control, etag } = await redirectFunction();
    await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: etag }));
    await control.send(new UpdateFunctionCommand({ Name: 'fn', IfMatch: etag, FunctionCode: bytes('function handler(e) { return { statusCode: 418 }; }'), FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } }));
    const live = kvs.getFunction('fn')!.LIVE!;
    const out = await control.send(test({ IfMatch: live.ETag, Stage: 'LIVE' }));
    expect(out.TestResult!.FunctionSummary!.FunctionMetadata!.Stage).toBe('LIVE');
    expect(JSON.parse(out.TestResult!.FunctionOutput!).response.statusCode).toBe(301);
    await controlError(control.send(test({ IfMatch: etag, Stage: 'LIVE' })), PreconditionFailed, 'PreconditionFailed', 412, /LIVE stage/);
  });

  it("a failure of the function itself is a 200 result with FunctionErrorMessage, never an SDK error (F2, F10)", async () => {
    const { control } = setup();
    const created = await createFn(control, 'fn', { FunctionCode: bytes('function handler(event) { return event.request.headers.missing.value; }') });
    const out = await control.send(test({ IfMatch: created.ETag }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.TestResult!.FunctionErrorMessage).toBe(`${ERROR_PREFIX}TypeError: cannot get property "value" of undefined`);
    expect(out.TestResult!.FunctionOutput).toBe('');

    const exported = await createFn(control, 'exported', { FunctionCode: bytes('function handler(event) { return event.request; }\nexport { handler };') });
    const syntax = await control.send(test({ Name: 'exported', IfMatch: exported.ETag }));
    expect(syntax.TestResult!.FunctionErrorMessage).toMatch(new RegExp(`^${ERROR_PREFIX.replace(/[.]/g, '\\.')}SyntaxError: `));
  });

  it('the function sees the simulator\'s clock as Date', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 12));
    const { control } = setup({ clock });
    const created = await createFn(control, 'fn', { FunctionCode: bytes("function handler(event) { console.log(new Date().toISOString()); return event.request; }") });
    const out = await control.send(test({ IfMatch: created.ETag }));
    expect(out.TestResult!.FunctionExecutionLogs).toEqual(['2026-06-01T12:00:00.000Z']);
  });

  describe('refusals → SDK errors, nothing runs', () => {
    it('missing IfMatch → InvalidIfMatchVersion; stale → PreconditionFailed', async () => {
      const { control } = await redirectFunction();
      await controlError(control.send(test({ IfMatch: undefined })), InvalidIfMatchVersion, 'InvalidIfMatchVersion', 400, /DEVELOPMENT stage/);
      await controlError(control.send(test({ IfMatch: 'E0000000000000' })), PreconditionFailed, 'PreconditionFailed', 412, /"E0000000000000"/);
    });

    it('LIVE before a publish, or no such function → NoSuchFunctionExists', async () => {
      const { control, etag } = await redirectFunction();
      await controlError(control.send(test({ IfMatch: etag, Stage: 'LIVE' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /has not been published/);
      await controlError(control.send(test({ IfMatch: etag, Name: 'other' })), NoSuchFunctionExists, 'NoSuchFunctionExists', 404, /"other"/);
    });

    it('an EventObject that is not JSON, not an event, or over 40,960 bytes → InvalidArgument', async () => {
      const { kvs, control, etag } = await redirectFunction();
      await controlError(control.send(test({ IfMatch: etag, EventObject: bytes('{not json') })), InvalidArgument, 'InvalidArgument', 400, /^The EventObject is not JSON: .*Pass the test event as JSON text or its UTF-8 bytes\.$/);
      await controlError(
        control.send(test({ IfMatch: etag, EventObject: bytes(JSON.stringify({ version: '1.0', context: { eventType: 'origin-request' }, request: {} })) })),
        InvalidArgument,
        'InvalidArgument',
        400,
        'The EventObject is not a CloudFront Functions event: context.eventType must be "viewer-request" or "viewer-response", got "origin-request".',
      );
      await controlError(
        control.send(test({ IfMatch: etag, EventObject: bytes(JSON.stringify({ version: '1.0', context: { eventType: 'viewer-response' }, request: {} })) })),
        InvalidArgument,
        'InvalidArgument',
        400,
        /needs a response object/,
      );
      await controlError(control.send(test({ IfMatch: etag, EventObject: new Uint8Array(40961) })), InvalidArgument, 'InvalidArgument', 400, "1 validation error detected: Value at 'EventObject' failed to satisfy constraint: Member must have length less than or equal to 40960");
      expect(kvs.calls('TestFunction').every((c) => c.error)).toBe(true);
    });
  });

  it('TestFunctionFailed (500, a server fault) and UnsupportedOperation only by fault injection', async () => {
    const { kvs, control, etag } = await redirectFunction();
    // A 500 is retried by the SDK, as in front of AWS: once, and the second attempt answers.
    kvs.injectFault({ operation: 'TestFunction', error: 'TestFunctionFailed' });
    expect((await control.send(test({ IfMatch: etag }))).$metadata.attempts).toBe(2);
    // A client that makes one attempt sees the error itself.
    const { control: single } = targetDriver().clients(kvs, { maxAttempts: 1 });
    kvs.injectFault({ operation: 'TestFunction', error: 'TestFunctionFailed' });
    await serverError(single.send(test({ IfMatch: etag })), TestFunctionFailed, 'TestFunctionFailed', 500);
    kvs.injectFault({ operation: 'TestFunction', error: 'UnsupportedOperation' });
    await controlError(control.send(test({ IfMatch: etag })), UnsupportedOperation, 'UnsupportedOperation', 400, /injected/);
  });
});
