import {
  CloudFrontClient,
  CreateFunctionCommand,
  DescribeFunctionCommand,
  NoSuchFunctionExists,
  PublishFunctionCommand,
  TestFunctionCommand,
  UpdateFunctionCommand,
  type FunctionConfig,
  type TestResult,
} from '@aws-sdk/client-cloudfront';

/** A viewer-request event for `uri` on `host`, as TestFunction takes it. */
export function testEvent(uri: string, host = 'shop.example.com'): Uint8Array {
  const event = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request: { method: 'GET', uri, querystring: {}, headers: { host: { value: host } }, cookies: {} } };
  return new TextEncoder().encode(JSON.stringify(event));
}

/**
 * Deploys the viewer-request function (functions/viewer-request.js): creates it (or updates
 * DEVELOPMENT) associated with the store, tests DEVELOPMENT with a request for `checkPath`, and
 * publishes it only when the test ran cleanly. Returns the function's ARN and what the test answered.
 */
export async function deployRedirectFunction(
  cloudFront: CloudFrontClient,
  options: { name: string; storeArn: string; code: string; checkPath: string },
): Promise<{ arn: string; test: TestResult }> {
  const FunctionConfig: FunctionConfig = {
    Comment: 'redirects from the key value store',
    Runtime: 'cloudfront-js-2.0',
    KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: options.storeArn }] },
  };
  const FunctionCode = new TextEncoder().encode(options.code);
  let etag: string | undefined;
  try {
    const current = await cloudFront.send(new DescribeFunctionCommand({ Name: options.name }));
    const updated = await cloudFront.send(new UpdateFunctionCommand({ Name: options.name, IfMatch: current.ETag, FunctionConfig, FunctionCode }));
    etag = updated.ETag;
  } catch (error) {
    if (!(error instanceof NoSuchFunctionExists)) throw error;
    const created = await cloudFront.send(new CreateFunctionCommand({ Name: options.name, FunctionConfig, FunctionCode }));
    etag = created.ETag;
  }
  const { TestResult: test } = await cloudFront.send(new TestFunctionCommand({ Name: options.name, IfMatch: etag, Stage: 'DEVELOPMENT', EventObject: testEvent(options.checkPath) }));
  if (test?.FunctionErrorMessage) throw new Error(`The function failed its test, not published: ${test.FunctionErrorMessage}`);
  const published = await cloudFront.send(new PublishFunctionCommand({ Name: options.name, IfMatch: etag }));
  return { arn: published.FunctionSummary!.FunctionMetadata!.FunctionARN!, test: test! };
}
