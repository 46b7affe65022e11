import { createRequire } from 'node:module';

type RetryStrategyCtor = new (maxAttempts: number, backoff: number | ((attempt: number) => number)) => object;

/**
 * The SDK's own `ConfiguredRetryStrategy` with no backoff, from the copy of `@smithy` the client
 * package in use loads (`@smithy/util-retry` in older releases, `@smithy/core/retry` in current
 * ones): retries as the SDK makes them, without the wait.
 */
export function instantRetries(maxAttempts = 3): object {
  const from = createRequire(require.resolve('@aws-sdk/client-cloudfront-keyvaluestore'));
  let Strategy: RetryStrategyCtor | undefined;
  for (const id of ['@smithy/util-retry', '@smithy/core/retry']) {
    try {
      Strategy = (from(id) as { ConfiguredRetryStrategy?: RetryStrategyCtor }).ConfiguredRetryStrategy;
      if (Strategy) break;
    } catch {
      // not in this release
    }
  }
  if (!Strategy) throw new Error('no ConfiguredRetryStrategy next to the client package');
  return new Strategy(maxAttempts, () => 0);
}
