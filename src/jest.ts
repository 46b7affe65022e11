/**
 * `cloudfront-kvs-mock/jest`: import it once from a file in jest's `setupFilesAfterEnv` and every
 * test file gets the matchers on `expect(kvs)`; `useKvsSimulator()` ties a simulator to a
 * file's or describe's hooks. Uses jest's own globals: nothing is imported from `expect`.
 *
 * @packageDocumentation
 */
import { KvsMockUsageError } from './errors';
import { kvsMatchers, type KvsMatchers } from './matchers';
import type { MatcherContext, MatcherResult } from './matchers/context';
import { useSimulatorWith, type LifecycleHooks } from './matchers/lifecycle';
import type { KvsSimulator, KvsSimulatorOptions } from './simulator';

export { kvsMatchers, type KvsMatchers } from './matchers';
export type { AsymmetricMatcherLike, InputMatcher, KvsConditionalWrite, KvsOperation, StoreItemsMatcher } from './matchers';

declare module 'expect' {
  // `@jest/globals`' expect. Type parameters as `expect` declares them, or the merge fails.
  interface Matchers<R extends void | Promise<void>, T = unknown> extends KvsMatchers<R> {}
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // The global expect of `@types/jest`.
    interface Matchers<R, T = {}> extends KvsMatchers<R> {}
  }
}

interface JestGlobals extends LifecycleHooks {
  expect: { extend(matchers: Record<string, (this: MatcherContext, received: unknown, ...args: any[]) => MatcherResult>): void };
}

/**
 * jest's globals: injected ones, or with `injectGlobals: false` the module jest's runtime hands
 * out as `@jest/globals` (only its `require` knows it, so this is looked up, never bundled).
 */
function jestGlobals(): JestGlobals {
  const injected = globalThis as Partial<JestGlobals>;
  if (typeof injected.expect?.extend === 'function' && typeof injected.afterEach === 'function') return injected as JestGlobals;
  try {
    const fromRuntime = require('@jest/globals') as Partial<JestGlobals>;
    if (typeof fromRuntime.expect?.extend === 'function') return fromRuntime as JestGlobals;
  } catch {
    // Not under jest, or an ESM build without `require`: the message below says what to do.
  }
  throw new KvsMockUsageError(
    "cloudfront-kvs-mock/jest needs jest's `expect`: import it from a file listed in `setupFilesAfterEnv` " +
      '(in `setupFiles` jest has not defined `expect` yet), or from a test file. Under vitest, import cloudfront-kvs-mock/vitest instead.',
  );
}

jestGlobals().expect.extend(kvsMatchers);

/**
 * Creates a simulator for the tests of this file or `describe` block and ties it to jest's
 * hooks: `beforeAll` installs it, so every CloudFront and CloudFront KeyValueStore client of the
 * process talks to it, including ones the code under test builds (`beforeEach` installs it again,
 * which patches a fresh SDK copy after `resetModules`); `afterEach` resets it (no stores, no calls);
 * `afterAll` restores the SDK. Returns the simulator, for seeding and assertions.
 *
 * @example
 * ```ts
 * import { useKvsSimulator } from 'cloudfront-kvs-mock/jest';
 *
 * const kvs = useKvsSimulator({ seed: 1 });
 *
 * it('writes the redirect', async () => {
 *   const arn = kvs.seedStore({ name: 'redirects' });
 *   await saveRedirect('/old', '/new'); // code under test, with its own client
 *   expect(kvs).toHaveKey(arn, '/old', '/new');
 * });
 * ```
 */
export function useKvsSimulator(options: KvsSimulatorOptions = {}): KvsSimulator {
  return useSimulatorWith(jestGlobals(), options);
}
