import { TestFunctionCommand, type TestResult } from '@aws-sdk/client-cloudfront';
import type { FunctionRuntime, KvsSimulatorOptions } from '../../src';
import { setup } from '../helpers/clients';
import { bytes, createFn } from '../control-plane/function-fixtures';

/**
 * Runs `code` through TestFunction, as a caller does: CreateFunction, then TestFunction with the
 * event, through a real CloudFrontClient attached to a new simulator. Answers the TestResult.
 */
export async function throughTestFunction(code: string, event: unknown, runtime: FunctionRuntime = 'cloudfront-js-2.0', options: KvsSimulatorOptions = {}): Promise<TestResult> {
  const { control } = setup(options);
  const created = await createFn(control, 'fn', { FunctionCode: bytes(code), FunctionConfig: { Runtime: runtime } });
  const out = await control.send(new TestFunctionCommand({ Name: 'fn', IfMatch: created.ETag, EventObject: bytes(JSON.stringify(event)) }));
  return out.TestResult!;
}
