import type { CallRecord } from '../sdk/call-record';
import type { MatcherContext } from './context';

/** How many calls or keys a message lists before it says how many more there are. */
export const LIST_LIMIT = 10;

/** How many calls a message diffs against the expected input: the first few say enough. */
export const DIFF_LIMIT = 3;

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** `1 PutKey call`, `2 PutKey calls`. */
export function countOf(n: number, what: string): string {
  return `${n} ${what} call${n === 1 ? '' : 's'}`;
}

/** What the caller got: `ok` or the exception's name and message. */
export function outcome(call: CallRecord): string {
  return call.error ? `${call.error.name}: ${call.error.message}` : 'ok';
}

/** The call log in one line: `DescribeKeyValueStore ×2, PutKey ×1`, in order of first appearance. */
export function summary(calls: readonly CallRecord[]): string {
  if (calls.length === 0) return 'no calls at all';
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
  return [...counts].map(([operation, n]) => `${operation} ×${n}`).join(', ');
}

/**
 * One line a call: its position, its input and what the caller got; at most LIST_LIMIT of them.
 * `withOperation` names each call's operation, for lists that mix operations.
 */
export function listCalls(context: MatcherContext, calls: readonly CallRecord[], withOperation = false): string {
  const lines = calls
    .slice(0, LIST_LIMIT)
    .map((call, i) => `  ${ordinal(i + 1)}${withOperation ? ` ${call.operation}` : ''} → ${outcome(call)}\n${indent(context.utils.printReceived(call.input), '    ')}`);
  if (calls.length > LIST_LIMIT) lines.push(`  … and ${calls.length - LIST_LIMIT} more`);
  return lines.join('\n');
}

/** Indents every line: a runner may print an object over several lines. */
export function indent(text: string, by: string): string {
  return text.replace(/^/gm, by);
}

/** A store's keys for a message, at most LIST_LIMIT of them. */
export function listKeys(context: MatcherContext, keys: readonly string[]): string {
  if (keys.length === 0) return 'none (the store is empty)';
  const shown = keys.slice(0, LIST_LIMIT).map((key) => context.utils.printReceived(key)).join(', ');
  return keys.length > LIST_LIMIT ? `${shown}, … and ${keys.length - LIST_LIMIT} more` : shown;
}

/**
 * The part of `received` that `expected` talks about, so that a diff against a partial input
 * shows what differs, not every field the test left out (what `toMatchObject` prints).
 */
export function subsetFor(received: unknown, expected: unknown): unknown {
  if (!isPlainObject(received) || !isPlainObject(expected)) {
    if (Array.isArray(received) && Array.isArray(expected) && received.length === expected.length) {
      return received.map((item, i) => subsetFor(item, expected[i]));
    }
    return received;
  }
  const subset: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    if (key in received) subset[key] = subsetFor(received[key], expected[key]);
  }
  return subset;
}

/** A diff of expected against received, or the two printed when the runner has no diff to show. */
export function diffOrBoth(context: MatcherContext, expected: unknown, received: unknown): string {
  const diff = context.utils.diff(expected, received);
  if (diff && !diff.includes('Compared values have no visual difference')) return diff;
  return `Expected: ${context.utils.printExpected(expected)}\nReceived: ${context.utils.printReceived(received)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
