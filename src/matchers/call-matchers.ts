import type { CallRecord } from '../sdk/call-record';
import { KvsMockUsageError } from '../errors';
import type { AsymmetricMatcherLike, MatcherContext, MatcherResult } from './context';
import { DIFF_LIMIT, countOf, diffOrBoth, listCalls, ordinal, subsetFor, summary } from './format';
import { CONDITIONAL_WRITES, type KvsConditionalWrite, type KvsOperation } from './operations';
import { checkCount, checkOperation, hint, subjectOf } from './subject';

/** A partial input: the fields to compare (values may be asymmetric matchers), or one asymmetric matcher. */
export type InputMatcher = Readonly<Record<string, unknown>> | AsymmetricMatcherLike;

/**
 * `expect(kvs).toHaveReceivedKvsCommand(operation, input?)`: at least one call of the operation
 * reached the simulator (with an input that contains these fields).
 */
export function toHaveReceivedKvsCommand(this: MatcherContext, received: unknown, operation: KvsOperation, input?: InputMatcher): MatcherResult {
  const name = 'toHaveReceivedKvsCommand';
  const kvs = subjectOf(name, received);
  checkOperation(name, operation);
  if (input !== undefined) checkInput(name, input);
  const head = hint(this, name, input === undefined ? 'operation' : 'operation, input');
  const calls = kvs.calls(operation);
  const expected = `Expected: ${this.isNot ? 'no' : 'a'} ${operation} call${input === undefined ? '' : ` whose input matches ${this.utils.printExpected(input)}`}`;
  if (calls.length === 0) {
    return { pass: false, message: () => `${head}\n\n${expected}\nReceived: no ${operation} call; the simulator received ${summary(kvs.calls())}` };
  }
  const match = input === undefined ? 0 : calls.findIndex((call) => inputMatches(this, call.input, input));
  if (match >= 0) {
    return {
      pass: true,
      message: () => `${head}\n\n${expected}\nReceived: ${countOf(calls.length, operation)}; the ${ordinal(match + 1)} had input ${this.utils.printReceived(calls[match]!.input)}`,
    };
  }
  return {
    pass: false,
    message: () =>
      `${head}\n\n${expected}\nReceived: ${countOf(calls.length, operation)}, none matching:\n\n` +
      calls
        .slice(0, DIFF_LIMIT)
        .map((call, i) => `${ordinal(i + 1)} ${operation} call:\n${diffOrBoth(this, input, subsetFor(call.input, input))}`)
        .join('\n\n') +
      (calls.length > DIFF_LIMIT ? `\n\n… and ${calls.length - DIFF_LIMIT} more` : ''),
  };
}

/** `expect(kvs).toHaveReceivedKvsCommandTimes(operation, n)`: exactly n calls of the operation. */
export function toHaveReceivedKvsCommandTimes(this: MatcherContext, received: unknown, operation: KvsOperation, times: number): MatcherResult {
  const name = 'toHaveReceivedKvsCommandTimes';
  const kvs = subjectOf(name, received);
  checkOperation(name, operation);
  checkCount(name, 'the number of calls', times, 0);
  const head = hint(this, name, 'operation, times');
  const calls = kvs.calls(operation);
  const pass = calls.length === times;
  return {
    pass,
    message: () =>
      `${head}\n\nExpected: ${pass ? 'not ' : ''}${countOf(times, operation)}\nReceived: ${countOf(calls.length, operation)}` +
      (calls.length > 0 ? `\n\n${listCalls(this, calls)}` : `; the simulator received ${summary(kvs.calls())}`),
  };
}

/**
 * `expect(kvs).toHaveReceivedNthKvsCommandWith(n, operation, input)`: the nth call *of that
 * operation* (1-based, other operations not counted) had an input that contains these fields.
 */
export function toHaveReceivedNthKvsCommandWith(this: MatcherContext, received: unknown, nth: number, operation: KvsOperation, input: InputMatcher): MatcherResult {
  const name = 'toHaveReceivedNthKvsCommandWith';
  const kvs = subjectOf(name, received);
  checkCount(name, 'n (the call number, from 1)', nth, 1);
  checkOperation(name, operation);
  checkInput(name, input);
  const head = hint(this, name, 'n, operation, input');
  const calls = kvs.calls(operation);
  const call = calls[nth - 1];
  const expected = `Expected: the ${ordinal(nth)} ${operation} call ${this.isNot ? 'not ' : ''}to have an input matching ${this.utils.printExpected(input)}`;
  if (!call) {
    return {
      pass: false,
      message: () =>
        `${head}\n\n${expected}\nReceived: ${calls.length === 0 ? `no ${operation} call` : `only ${countOf(calls.length, operation)}`}` +
        (calls.length > 0 ? `\n\n${listCalls(this, calls)}` : `; the simulator received ${summary(kvs.calls())}`),
    };
  }
  const pass = inputMatches(this, call.input, input);
  return {
    pass,
    message: () =>
      pass
        ? `${head}\n\n${expected}\nReceived: ${this.utils.printReceived(call.input)}`
        : `${head}\n\n${expected}\n\n${diffOrBoth(this, input, subsetFor(call.input, input))}`,
  };
}

/**
 * `expect(kvs).toHaveRejectedStaleETag(operation?)`: a write (of this operation) was rejected
 * because its `IfMatch` was not the store's current ETag: on the data plane a
 * `ValidationException` whose message contains `Pre-Condition failed`, on the control plane
 * `PreconditionFailed`.
 */
export function toHaveRejectedStaleETag(this: MatcherContext, received: unknown, operation?: KvsConditionalWrite): MatcherResult {
  const name = 'toHaveRejectedStaleETag';
  const kvs = subjectOf(name, received);
  if (operation !== undefined) checkOperation(name, operation, CONDITIONAL_WRITES);
  const head = hint(this, name, operation === undefined ? '' : 'operation');
  const writes = kvs.calls((call) => (operation === undefined ? (CONDITIONAL_WRITES as readonly string[]).includes(call.operation) : call.operation === operation));
  const stale = writes.filter(isStaleETagRejection);
  const what = operation ?? 'write';
  const pass = stale.length > 0;
  const expected = `Expected: ${pass ? 'no' : 'a'} ${what} call rejected for a stale ETag (ValidationException "Pre-Condition failed", or PreconditionFailed on the control plane)`;
  return {
    pass,
    message: () => {
      if (pass) return `${head}\n\n${expected}\nReceived: ${countOf(stale.length, what)} rejected for a stale ETag:\n\n${listCalls(this, stale, true)}`;
      if (writes.length === 0) return `${head}\n\n${expected}\nReceived: no ${what} call; the simulator received ${summary(kvs.calls())}`;
      return `${head}\n\n${expected}\nReceived: ${countOf(writes.length, what)}, none rejected for a stale ETag:\n\n${listCalls(this, writes, true)}`;
    },
  };
}

/** A write rejected because its ETag was stale, on either plane (D1, D12). */
export function isStaleETagRejection(call: CallRecord): boolean {
  const error = call.error;
  if (!error) return false;
  return (error.name === 'ValidationException' && error.message.includes('Pre-Condition failed')) || error.name === 'PreconditionFailed';
}

/** `toMatchObject`'s rule: the input holds every expected field, recursively; asymmetric matchers apply. */
function inputMatches(context: MatcherContext, actual: unknown, expected: InputMatcher): boolean {
  return context.equals(actual, expected, [...(context.customTesters ?? []), context.utils.iterableEquality, context.utils.subsetEquality]);
}

function checkInput(matcherName: string, input: unknown): void {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new KvsMockUsageError(`${matcherName}(): the input must be an object of the fields to compare (e.g. { Key: 'greeting' }) or an asymmetric matcher.`);
  }
}
