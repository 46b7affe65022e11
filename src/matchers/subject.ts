import type { KvsSimulator, StoreState } from '../simulator';
import { KvsMockUsageError } from '../errors';
import type { MatcherContext, MatcherResult } from './context';
import { KVS_OPERATIONS } from './operations';

/** What the matchers read from `expect(kvs)`: the read-only part of a simulator. */
export type KvsSubject = Pick<KvsSimulator, 'getStore' | 'calls' | 'accountId'>;

/**
 * The simulator the matcher was given. Duck-typed, not `instanceof`: each published entry point
 * bundles its own copy of the simulator class, and a simulator from one must work with the others.
 */
export function subjectOf(matcherName: string, received: unknown): KvsSubject {
  const candidate = received as Partial<KvsSubject> | null | undefined;
  if (candidate && typeof candidate === 'object' && typeof candidate.getStore === 'function' && typeof candidate.calls === 'function') {
    return candidate as KvsSubject;
  }
  throw new KvsMockUsageError(
    `expect(kvs).${matcherName}(…) reads a simulator: pass the value createKvsSimulator() or useKvsSimulator() returned, got ${describeValue(received)}.`,
  );
}

/** The hint line every message starts with, e.g. `expect(kvs).not.toHaveKey(store, key)`. */
export function hint(context: MatcherContext, matcherName: string, args: string): string {
  return context.utils.matcherHint(matcherName, 'kvs', args, { isNot: context.isNot ?? false, promise: context.promise ?? '' });
}

/** How a store is named in messages: its name and its ARN. */
export function storeLabel(store: StoreState): string {
  return `Store: ${store.Name} (${store.ARN})`;
}

/**
 * A store the test names does not exist: that is a failure with or without `.not`, since
 * "the store does not have key k" is not what a test of a missing store means to say.
 * (The runner inverts `pass` under `.not`, so `pass: isNot` always fails.)
 */
export function missingStore(context: MatcherContext, head: string, kvs: KvsSubject, arnOrName: string): MatcherResult {
  const where = arnOrName.startsWith('arn:')
    ? `no live store has the ARN ${JSON.stringify(arnOrName)}`
    : `no live store is named ${JSON.stringify(arnOrName)} in account ${kvs.accountId} (pass the ARN for a store of another account)`;
  return { pass: context.isNot === true, message: () => `${head}\n\nStore: ${where}.` };
}

export function checkString(matcherName: string, what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new KvsMockUsageError(`${matcherName}(): ${what} must be a non-empty string, got ${describeValue(value)}.`);
  }
}

export function checkCount(matcherName: string, what: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new KvsMockUsageError(`${matcherName}(): ${what} must be a whole number >= ${min}, got ${describeValue(value)}.`);
  }
}

export function checkOneOf<T extends string>(matcherName: string, what: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new KvsMockUsageError(`${matcherName}(): ${what} must be one of ${allowed.join(', ')}; got ${describeValue(value)}.`);
  }
}

export function checkOperation(matcherName: string, value: unknown, allowed: readonly string[] = KVS_OPERATIONS): asserts value is string {
  if (typeof value === 'function' && value.name.endsWith('Command')) {
    throw new KvsMockUsageError(`${matcherName}(): pass the operation's name, ${JSON.stringify(value.name.slice(0, -'Command'.length))}, not the ${value.name} class.`);
  }
  checkOneOf(matcherName, 'the operation', value, allowed);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (value === null || typeof value !== 'object') return String(value);
  return `an object (${value.constructor?.name ?? 'null prototype'})`;
}
