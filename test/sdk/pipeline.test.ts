import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { CloudFrontClient, CloudFrontServiceException, CreateKeyValueStoreCommand, DescribeKeyValueStoreCommand as DescribeControlCommand, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import {
  CloudFrontKeyValueStoreClient,
  CloudFrontKeyValueStoreServiceException,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from '../../src';
import { rejection } from '../helpers/clients';
import { instantRetries } from '../helpers/retries';

/**
 * Where the short-cut would differ from the SDK in front of AWS, the SDK's whole pipeline runs
 * and the simulator answers at the wire: retries by the client's own strategy, `$response`, the
 * SDK's endpoint errors, the application's middleware.
 */

const ARN_PREFIX = 'arn:aws:cloudfront::123456789012:key-value-store/';

function dataClient(config: ConstructorParameters<typeof CloudFrontKeyValueStoreClient>[0] = {}) {
  const kvs = createKvsSimulator({ seed: 'pipeline' });
  const client = kvs.attach(new CloudFrontKeyValueStoreClient({ retryStrategy: instantRetries(3) as never, ...config }));
  const arn = kvs.seedStore({ items: { k: 'v' } });
  return { kvs, client, arn };
}

describe('retries by the client’s own strategy', () => {
  it('retries an injected throttle and succeeds on the second attempt', async () => {
    const { kvs, client, arn } = dataClient();
    const fault = kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException' });
    const out = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }));
    expect(out.Value).toBe('v');
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 2, totalRetryDelay: 0 });
    expect(fault.remaining).toBe(0);
    // The call log shows each attempt, the first with the error it met.
    expect(kvs.calls('GetKey').map((c) => c.error?.name ?? 'ok')).toEqual(['ThrottlingException', 'ok']);
    expect(kvs.calls('GetKey')[1]?.output).toBe(out);
  });

  it('retries a 5xx on the control plane too', async () => {
    const kvs = createKvsSimulator({ seed: 'pipeline' });
    const control = kvs.attach(new CloudFrontClient({ retryStrategy: instantRetries(3) as never }));
    kvs.injectFault({ operation: 'CreateKeyValueStore', error: { code: 'ServiceUnavailable', status: 503 } });
    const out = await control.send(new CreateKeyValueStoreCommand({ Name: 'retried' }));
    expect(out.$metadata).toMatchObject({ httpStatusCode: 201, attempts: 2 });
    expect(kvs.getStore('retried')?.Name).toBe('retried');
  });

  it('fails after the client’s maxAttempts when every attempt is faulted', async () => {
    for (const maxAttempts of [1, 2, 5]) {
      const { kvs, client, arn } = dataClient({ retryStrategy: instantRetries(maxAttempts) as never });
      kvs.injectFault({ operation: 'PutKey', error: 'InternalServerException', times: Infinity });
      const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      const error = await rejection(client.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'w', IfMatch: ETag! })));
      expect(error).toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
      expect(error).toMatchObject({ name: 'InternalServerException', $fault: 'server', $metadata: { httpStatusCode: 500, attempts: maxAttempts } });
      expect(kvs.calls('PutKey')).toHaveLength(maxAttempts);
      expect(kvs.getStore(arn)?.Items).toEqual({ k: 'v' });
    }
  });

  it('honours maxAttempts given as a number with the SDK’s default strategy', async () => {
    const kvs = createKvsSimulator();
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({ maxAttempts: 1 }));
    const arn = kvs.seedStore();
    kvs.injectFault({ operation: 'DescribeKeyValueStore', error: 'ThrottlingException' });
    const error = await rejection(client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })));
    expect(error.$metadata).toMatchObject({ httpStatusCode: 429, attempts: 1 });
  });

  it('counts times in attempts: times 2 is two failed attempts of one send', async () => {
    const { kvs, client, arn } = dataClient();
    const fault = kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException', times: 2 });
    const out = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }));
    expect(out.$metadata.attempts).toBe(3);
    expect(fault.remaining).toBe(0);
    expect(kvs.calls('GetKey').map((c) => c.error?.name ?? 'ok')).toEqual(['ThrottlingException', 'ThrottlingException', 'ok']);
  });

  it('retries a transport error as the SDK does, and the final one carries $metadata', async () => {
    const { kvs, client, arn } = dataClient();
    kvs.injectFault({ operation: 'GetKey', error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).$metadata.attempts).toBe(2);

    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    kvs.injectFault({ operation: 'GetKey', error: reset, times: Infinity });
    const error = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
    expect(error).toBe(reset);
    expect(error.$metadata).toMatchObject({ attempts: 3 });
    expect(kvs.calls('GetKey').slice(-3).map((c) => c.error)).toEqual([reset, reset, reset]);
  });

  it('retries a timeout (an error named TimeoutError) as transient', async () => {
    const { kvs, client, arn } = dataClient();
    kvs.injectFault({ operation: 'GetKey', error: Object.assign(new Error('Connection timed out after 100 ms'), { name: 'TimeoutError' }) });
    expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).$metadata.attempts).toBe(2);
  });

  it('leaves a non-retryable fault at one attempt', async () => {
    const { kvs, client, arn } = dataClient();
    kvs.injectFault({ operation: 'GetKey', error: 'ConflictException', times: 3 });
    const error = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
    expect(error.$metadata).toMatchObject({ httpStatusCode: 409, attempts: 1 });
  });

  it('waits the SDK’s own backoff on setTimeout, so fake timers release it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    try {
      const kvs = createKvsSimulator();
      const client = kvs.attach(new CloudFrontKeyValueStoreClient({})); // the SDK's default strategy
      const arn = kvs.seedStore({ items: { k: 'v' } });
      kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException' });
      let settled = false;
      const pending = client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })).finally(() => (settled = true));
      await jest.advanceTimersByTimeAsync(0);
      expect(kvs.calls('GetKey')).toHaveLength(1);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(20_000);
      const out = await pending;
      expect(out.$metadata.attempts).toBe(2);
      expect(out.$metadata.totalRetryDelay).toBeGreaterThan(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('errors carry $response', () => {
  it('on the short-cut and on the full path: status, headers and body as AWS sends them', async () => {
    const { kvs, client, arn } = dataClient();
    const plain = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'missing' })));
    expect(plain).toBeInstanceOf(ResourceNotFoundException);
    expect(plain.$response.statusCode).toBe(404);
    expect(plain.$response.headers).toMatchObject({ 'x-amzn-errortype': 'ResourceNotFoundException', 'x-amzn-requestid': plain.$metadata.requestId });
    expect(JSON.parse(new TextDecoder().decode(plain.$response.body))).toEqual({ Message: plain.message });
    expect(Object.keys(plain)).not.toContain('$response');

    kvs.injectFault({ operation: 'GetKey', error: 'ConflictException' });
    const faulted = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
    expect(faulted.$response.statusCode).toBe(409);
  });

  it('on the control plane: the <ErrorResponse> document', async () => {
    const kvs = createKvsSimulator();
    const control = kvs.attach(new CloudFrontClient({}));
    const error = await rejection(control.send(new DescribeControlCommand({ Name: 'nope' })));
    expect(error).toBeInstanceOf(CloudFrontServiceException);
    expect(error.$response.statusCode).toBe(404);
    expect(error.$response.headers['content-type']).toBe('text/xml');
    expect(new TextDecoder().decode(error.$response.body)).toContain('<Code>EntityNotFound</Code>');
  });
});

describe('endpoint configuration gives the SDK’s own errors', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('FIPS through AWS_USE_FIPS_ENDPOINT or useFipsEndpoint: the data plane has no FIPS endpoint', async () => {
    process.env['AWS_USE_FIPS_ENDPOINT'] = 'true';
    const fromEnv = dataClient();
    const error = await rejection(fromEnv.client.send(new GetKeyCommand({ KvsARN: fromEnv.arn, Key: 'k' })));
    expect(error.name).toBe('EndpointError');
    expect(error.message).toBe('Invalid Configuration: FIPS is not supported with CloudFront-KeyValueStore.');
    expect(fromEnv.kvs.calls()).toHaveLength(0);
    delete process.env['AWS_USE_FIPS_ENDPOINT'];

    const configured = dataClient({ useFipsEndpoint: true, region: 'us-east-1' });
    expect((await rejection(configured.client.send(new GetKeyCommand({ KvsARN: configured.arn, Key: 'k' })))).name).toBe('EndpointError');
  });

  it('a China or GovCloud region against an ARN of the aws partition', async () => {
    for (const [region, partition] of [['cn-north-1', 'aws-cn'], ['us-gov-west-1', 'aws-us-gov']]) {
      const { client, arn } = dataClient({ region });
      const error = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
      expect(error.name).toBe('EndpointError');
      expect(error.message).toBe(`Client was configured for partition \`${partition}\` but Kvs ARN has \`aws\``);
    }
  });

  it('an endpoint that is not a URL', async () => {
    const { client, arn } = dataClient({ endpoint: 'not a url' });
    const error = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })));
    expect(error.name).toBe('TypeError'); // Node's URL, of another realm than jest's TypeError
    expect(error.message).toMatch(/Invalid URL/);
  });

  it('a valid custom endpoint is answered by the simulator, over no network', async () => {
    const kvs = createKvsSimulator();
    const control = kvs.attach(new CloudFrontClient({ endpoint: 'http://localhost:4566', region: 'us-east-1' }));
    await control.send(new CreateKeyValueStoreCommand({ Name: 'local' }));
    expect((await control.send(new ListKeyValueStoresCommand({}))).KeyValueStoreList?.Quantity).toBe(1);
  });

  it('a FIPS control-plane client is answered: CloudFront has a FIPS endpoint', async () => {
    const kvs = createKvsSimulator();
    const control = kvs.attach(new CloudFrontClient({ useFipsEndpoint: true, region: 'us-east-1' }));
    const out = await control.send(new CreateKeyValueStoreCommand({ Name: 'fips' }));
    expect(out.KeyValueStore?.ARN).toMatch(new RegExp(`^${ARN_PREFIX}`));
  });
});

describe('the application’s middleware', () => {
  it('runs and sees the HTTP request and response, on both planes', async () => {
    const kvs = createKvsSimulator();
    const data = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const control = kvs.attach(new CloudFrontClient({}));
    const seen: Array<Record<string, unknown>> = [];
    const tracing = (next: any, context: any) => async (args: any) => {
      const result = await next(args);
      seen.push({ command: context.commandName, method: args.request.method, host: args.request.hostname, path: args.request.path, status: result.response.statusCode, etag: result.response.headers.etag });
      return result;
    };
    data.middlewareStack.add(tracing, { step: 'finalizeRequest', name: 'tracing' });
    control.middlewareStack.add(tracing, { step: 'build', name: 'tracing' });
    const created = await control.send(new CreateKeyValueStoreCommand({ Name: 'traced' }));
    const arn = created.KeyValueStore!.ARN!;
    await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: ETag! }));
    expect(seen).toEqual([
      { command: 'CreateKeyValueStoreCommand', method: 'POST', host: 'cloudfront.amazonaws.com', path: '/2020-05-31/key-value-store', status: 201, etag: created.ETag },
      { command: 'DescribeKeyValueStoreCommand', method: 'GET', host: '123456789012.cloudfront-kvs.global.api.aws', path: `/key-value-stores/${encodeURIComponent(arn)}`, status: 200, etag: ETag },
      expect.objectContaining({ command: 'DescribeKeyValueStoreCommand' }),
      expect.objectContaining({ command: 'PutKeyCommand', method: 'PUT', status: 200, etag: kvs.getStore(arn)!.ETag }),
    ]);
  });
});
