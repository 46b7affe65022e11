/**
 * The runner-neutral matcher core: plain `expect.extend` matchers that read a simulator's stores
 * and call log. `cloudfront-kvs-mock/jest` and `cloudfront-kvs-mock/vitest` register them.
 */
import type { StoreStatus } from '../core/store';
import type { AsymmetricMatcherLike, MatcherContext, MatcherResult } from './context';
import type { StoreItemsMatcher } from './store-matchers';
import { toHaveReceivedKvsCommand, toHaveReceivedKvsCommandTimes, toHaveReceivedNthKvsCommandWith, toHaveRejectedStaleETag, type InputMatcher } from './call-matchers';
import type { KvsConditionalWrite, KvsOperation } from './operations';
import { toHaveItemCount, toHaveItems, toHaveKey, toHaveStoreStatus } from './store-matchers';

export type { AsymmetricMatcherLike } from './context';
export type { InputMatcher } from './call-matchers';
export type { StoreItemsMatcher } from './store-matchers';
export type { KvsConditionalWrite, KvsOperation } from './operations';

/** Every matcher, for `expect.extend(kvsMatchers)`. The subject is always the simulator: `expect(kvs)`. */
export const kvsMatchers = {
  toHaveKey,
  toHaveItems,
  toHaveItemCount,
  toHaveStoreStatus,
  toHaveReceivedKvsCommand,
  toHaveReceivedKvsCommandTimes,
  toHaveReceivedNthKvsCommandWith,
  toHaveRejectedStaleETag,
} satisfies { [K in keyof KvsMatchers<void>]: (this: MatcherContext, received: unknown, ...args: Parameters<KvsMatchers<void>[K]>) => MatcherResult };

/**
 * The matchers on `expect(kvs)`, where `kvs` is a simulator. `R` is what a matcher returns in the
 * runner (`void`). A store is named by ARN or by name (in the simulator's account).
 */
export interface KvsMatchers<R> {
  /**
   * The store holds `key`, and when `value` is given, with that value (or one the asymmetric
   * matcher accepts). Under `.not`: the store does not hold the key (or holds another value).
   * A store that does not exist fails either way.
   *
   * @example
   * ```ts
   * expect(kvs).toHaveKey(arn, '/old');
   * expect(kvs).toHaveKey('redirects', '/old', '/new');
   * expect(kvs).toHaveKey(arn, '/old', expect.stringContaining('new'));
   * expect(kvs).not.toHaveKey(arn, '/gone');
   * ```
   */
  toHaveKey(arnOrName: string, key: string, value?: string | AsymmetricMatcherLike): R;
  /**
   * The store holds exactly these pairs: no more, no fewer, the same values (values may be
   * asymmetric matchers; pass `expect.objectContaining({ … })` to check some pairs only).
   *
   * @example
   * ```ts
   * expect(kvs).toHaveItems(arn, { '/old': '/new', '/a': '/b' });
   * expect(kvs).toHaveItems(arn, expect.objectContaining({ '/a': '/b' }));
   * ```
   */
  toHaveItems(arnOrName: string, items: StoreItemsMatcher): R;
  /**
   * The store holds `count` keys.
   *
   * @example
   * ```ts
   * expect(kvs).toHaveItemCount(arn, 2);
   * ```
   */
  toHaveItemCount(arnOrName: string, count: number): R;
  /**
   * The store's status is `status`: `PROVISIONING`, `READY` or `IMPORT_FAILURE` (the message
   * shows the failure reason of an import that failed).
   *
   * @example
   * ```ts
   * expect(kvs).toHaveStoreStatus('redirects', 'READY');
   * ```
   */
  toHaveStoreStatus(arnOrName: string, status: StoreStatus): R;
  /**
   * At least one call of `operation` reached the simulator, from any attached client; with
   * `input`, one whose input contains these fields (`toMatchObject`'s rule; asymmetric matchers
   * apply). `DescribeKeyValueStore` counts calls on both planes.
   *
   * @example
   * ```ts
   * expect(kvs).toHaveReceivedKvsCommand('PutKey');
   * expect(kvs).toHaveReceivedKvsCommand('PutKey', { Key: '/a', Value: expect.any(String) });
   * expect(kvs).not.toHaveReceivedKvsCommand('DeleteKey');
   * ```
   */
  toHaveReceivedKvsCommand(operation: KvsOperation, input?: InputMatcher): R;
  /**
   * Exactly `times` calls of `operation` reached the simulator, whatever they answered.
   *
   * @example
   * ```ts
   * expect(kvs).toHaveReceivedKvsCommandTimes('UpdateKeys', 1);
   * ```
   */
  toHaveReceivedKvsCommandTimes(operation: KvsOperation, times: number): R;
  /**
   * The `nth` call **of `operation`** (from 1; calls of other operations are not counted) had an
   * input that contains these fields.
   *
   * @example
   * ```ts
   * expect(kvs).toHaveReceivedNthKvsCommandWith(2, 'PutKey', { Key: '/b' });
   * ```
   */
  toHaveReceivedNthKvsCommandWith(nth: number, operation: KvsOperation, input: InputMatcher): R;
  /**
   * A write (of `operation`, when given) was rejected because its `IfMatch` was stale: a
   * data-plane `ValidationException` whose message contains `Pre-Condition failed`, or a
   * control-plane `PreconditionFailed`. Shows that code under test met a concurrent write.
   *
   * @example
   * ```ts
   * expect(kvs).toHaveRejectedStaleETag('PutKey');
   * expect(kvs).not.toHaveRejectedStaleETag();
   * ```
   */
  toHaveRejectedStaleETag(operation?: KvsConditionalWrite): R;
}
