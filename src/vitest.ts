/**
 * `cloudfront-kvs-mock/vitest`: import it once from a file in vitest's `setupFiles` and every test
 * file gets the matchers on `expect(kvs)`; `useKvsSimulator()` ties a simulator to a file's or
 * describe's hooks. Only vitest users load this entry, so it imports `vitest` itself.
 *
 * @packageDocumentation
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { kvsMatchers, type KvsMatchers } from './matchers';
import { useSimulatorWith } from './matchers/lifecycle';
import type { KvsSimulator, KvsSimulatorOptions } from './simulator';

export { kvsMatchers, type KvsMatchers } from './matchers';
export type { AsymmetricMatcherLike, InputMatcher, KvsConditionalWrite, KvsOperation, StoreItemsMatcher } from './matchers';

declare module 'vitest' {
  // No type parameters: vitest 3.2 and 4 declare `Matchers<T = any>`, vitest 5
  // `Matchers<R = void | Promise<void>, T = unknown>`. Merging needs the same names in the same
  // places, or none; every parameter has a default, so none fits all three. The matchers are
  // synchronous, so they return `void` everywhere.
  interface Matchers extends KvsMatchers<void> {}
}

expect.extend(kvsMatchers);

/**
 * Creates a simulator for the tests of this file or `describe` block and ties it to vitest's
 * hooks: `beforeAll` installs it, so every CloudFront and CloudFront KeyValueStore client of the
 * process talks to it, including ones the code under test builds (`beforeEach` installs it again,
 * which patches a fresh SDK copy after `resetModules`); `afterEach` resets it (no stores, no calls);
 * `afterAll` restores the SDK. Returns the simulator, for seeding and assertions.
 *
 * @example
 * ```ts
 * import { useKvsSimulator } from 'cloudfront-kvs-mock/vitest';
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
  return useSimulatorWith({ beforeAll, beforeEach, afterEach, afterAll }, options);
}
