import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontClient,
  CreateFunctionCommand,
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand,
  GetFunctionCommand,
  PublishFunctionCommand,
  TestFunctionCommand,
  UpdateFunctionCommand,
  ListFunctionsCommand,
  type CloudFrontClientConfig,
} from '@aws-sdk/client-cloudfront';
import { createKvsSimulator } from '../../src';
import { rejection } from '../helpers/clients';
import { instantRetries } from '../helpers/retries';

/**
 * The CloudFront Functions operations on the SDK's whole pipeline: a queued fault or the
 * application's middleware sends them through the serializer, the retry strategy and the wire
 * layer, and the caller sees what the short-cut gives, with `attempts` and `$response`.
 */

const CODE = `import cf from 'cloudfront';
async function handler(event) {
  const to = await cf.kvs().get(event.request.uri).catch(() => undefined);
  return to ? { statusCode: 301, headers: { location: { value: to } } } : event.request;
}`;
const EVENT = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '192.0.2.1' }, request: { method: 'GET', uri: '/old', querystring: {}, headers: {}, cookies: {} } };

function setup(config: CloudFrontClientConfig = {}) {
  const kvs = createKvsSimulator({ seed: 'pipeline-functions' });
  const control = kvs.attach(new CloudFrontClient({ retryStrategy: instantRetries(3) as never, ...config }));
  const storeArn = kvs.seedStore({ name: 'redirects', items: { '/old': '/new' } });
  return { kvs, control, storeArn };
}

function createInput(storeArn: string, name = 'redirect') {
  return {
    Name: name,
    FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' as const, KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: storeArn }] } },
    FunctionCode: new TextEncoder().encode(CODE),
  };
}

describe('CloudFront Functions on the whole pipeline', () => {
  it('retries a throttled CreateFunction, then tests and publishes through the wire', async () => {
    const { kvs, control, storeArn } = setup();
    kvs.injectFault({ operation: 'CreateFunction', error: 'ThrottlingException' });
    const created = await control.send(new CreateFunctionCommand(createInput(storeArn)));
    expect(created.$metadata).toMatchObject({ httpStatusCode: 201, attempts: 2 });
    expect(created.FunctionSummary).toMatchObject({ Name: 'redirect', Status: 'UNPUBLISHED', FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    expect(created.Location).toBe(`https://cloudfront.amazonaws.com/2020-05-31/function/${created.FunctionSummary!.FunctionMetadata!.FunctionARN}`);
    expect(kvs.calls('CreateFunction').map((c) => c.error?.name ?? 'ok')).toEqual(['ThrottlingException', 'ok']);

    kvs.injectFault({ operation: 'TestFunction', error: { code: 'ServiceUnavailable', status: 503 } });
    const tested = await control.send(new TestFunctionCommand({ Name: 'redirect', IfMatch: created.ETag, EventObject: new TextEncoder().encode(JSON.stringify(EVENT)) }));
    expect(tested.$metadata.attempts).toBe(2);
    expect(tested.TestResult).toMatchObject({ FunctionErrorMessage: '' });
    expect(JSON.parse(tested.TestResult!.FunctionOutput!)).toEqual({ response: { statusCode: 301, headers: { location: { value: '/new' } }, cookies: {} } });

    kvs.injectFault({ operation: 'PublishFunction', error: 'ThrottlingException' });
    const published = await control.send(new PublishFunctionCommand({ Name: 'redirect', IfMatch: created.ETag }));
    expect(published.FunctionSummary?.FunctionMetadata?.Stage).toBe('LIVE');
    expect(kvs.getFunction('redirect')?.LIVE?.Code).toBe(CODE);
  });

  it('answers GetFunction’s code as the raw payload and UpdateFunction’s new ETag from the ETtag header', async () => {
    const { kvs, control, storeArn } = setup();
    const created = await control.send(new CreateFunctionCommand(createInput(storeArn)));
    kvs.injectFault({ operation: 'GetFunction', error: 'ThrottlingException' });
    kvs.injectFault({ operation: 'UpdateFunction', error: 'ThrottlingException' });
    const got = await control.send(new GetFunctionCommand({ Name: 'redirect' }));
    expect(new TextDecoder().decode(got.FunctionCode)).toBe(CODE);
    expect(got.ETag).toBe(created.ETag);
    expect(got.ContentType).toBe('application/octet-stream');
    const updated = await control.send(new UpdateFunctionCommand({ ...createInput(storeArn), IfMatch: created.ETag }));
    expect(updated.ETag).toMatch(/^E/);
    expect(updated.ETag).not.toBe(created.ETag);
    expect(kvs.getFunction('redirect')?.DEVELOPMENT.ETag).toBe(updated.ETag);
  });

  it('gives the in-use refusal of DeleteKeyValueStore with $response, through the application’s middleware', async () => {
    const { kvs, control, storeArn } = setup();
    await control.send(new CreateFunctionCommand(createInput(storeArn)));
    const seen: string[] = [];
    control.middlewareStack.add((next) => async (args) => {
      const request = args.request as { method: string; path: string };
      seen.push(`${request.method} ${request.path}`);
      return next(args);
    }, { step: 'build', name: 'appRequestRecorder' });
    const { ETag } = await control.send(new DescribeKeyValueStoreCommand({ Name: 'redirects' }));
    const error = await rejection(control.send(new DeleteKeyValueStoreCommand({ Name: 'redirects', IfMatch: ETag })));
    expect(error).toMatchObject({ name: 'CannotDeleteEntityWhileInUse', $fault: 'client', $metadata: { httpStatusCode: 409, attempts: 1 } });
    expect((error as { $response?: { statusCode: number } }).$response?.statusCode).toBe(409);
    expect(error.message).toContain('redirect');
    expect(seen).toEqual(['GET /2020-05-31/key-value-store/redirects', 'DELETE /2020-05-31/key-value-store/redirects']);
    expect(kvs.getStore('redirects')?.Name).toBe('redirects');
    const listed = await control.send(new ListFunctionsCommand({}));
    expect(listed.FunctionList?.Items?.map((f) => f.Name)).toEqual(['redirect']);
  });
});
