import { expect } from "@jest/globals";
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, type KvsSimulator, type KvsSimulatorOptions } from '../../src';
import { targetDriver, type ClientConfig } from './target';

/**
 * A simulator and both kinds of real client of the target `KVS_TARGET` names (test/helpers/target.ts):
 * attached to the simulator in-process (no region, no credentials), or pointed at the server
 * that serves it; `config` e.g. `{ maxAttempts: 1 }`. A test that uses it needs the simulator.
 */
export function setup(
  options: KvsSimulatorOptions = {},
  config: ClientConfig = {},
): { kvs: KvsSimulator; data: CloudFrontKeyValueStoreClient; control: CloudFrontClient } {
  const kvs = createKvsSimulator({ seed: 'test', ...options });
  return { kvs, ...targetDriver().clients(kvs, config) };
}

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('expected a rejection')) throw error;
    return error;
  }
}

/** The `$metadata` every simulated response carries (D16). */
export function metadata(httpStatusCode: number) {
  return {
    httpStatusCode,
    requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: 1,
    totalRetryDelay: 0,
  };
}
