/**
 * Deterministic fault injection: the next N calls of an operation (optionally only those whose
 * input matches) fail with a service error or any error, and/or are delayed in real time or on
 * the simulator's manual clock, and/or run a callback first (`before`, e.g. another writer's
 * write). A fault that fails a call fails it before the operation runs, so it changes no state.
 */
import { ERROR_CODES, KvsMockUsageError, ServiceError, isKnownErrorCode, quote, type Fault as FaultKind, type KvsErrorCode } from '../errors';
import { checkOperationName, type OperationName } from '../operations';
import type { Call } from '../calls';

/**
 * The service error a fault answers with: a code, and optionally its message, status and fault.
 * A code the simulator does not know (not a {@link KvsErrorCode}) needs its `status`: without
 * one, a misspelt code would pass for a made-up error.
 */
export type InjectedServiceError =
  | {
      /** A code the simulator knows: a modeled one (`ConflictException`, `PreconditionFailed`) or a common unmodeled one (`ThrottlingException`). */
      code: KvsErrorCode;
      message?: string;
      /** HTTP status (default: the code's own). */
      status?: number;
      /** `$fault` (default: the code's own). */
      fault?: FaultKind;
    }
  | {
      /** Any other code, e.g. `'SlowDown'`. */
      code: string & {};
      message?: string;
      /** HTTP status, 400-599. */
      status: number;
      /** `$fault` (default: `server` for 5xx, `client` otherwise). */
      fault?: FaultKind;
    };

/** What a call sees of the fault that matched it, for `when`. */
export interface FaultedCall {
  plane: 'data' | 'control';
  operation: OperationName;
  clientName: string;
  accountId: string;
}

/** Options of {@link KvsSimulator.injectFault}. */
export interface FaultSpec {
  /** The AWS operation the fault applies to, e.g. `PutKey`, `CreateKeyValueStore`. */
  operation: OperationName;
  /** Only this plane's operation (`DescribeKeyValueStore` exists on both; default: either). */
  plane?: 'data' | 'control';
  /** Only calls whose input passes this predicate; other calls go through untouched. */
  when?: (input: any, call: FaultedCall) => boolean;
  /** How many matching calls the fault applies to (default 1; `Infinity` until cleared). */
  times?: number;
  /**
   * What the call fails with: an error code (its status and fault come from AWS's models, e.g.
   * `'ConflictException'` 409, or a common unmodeled one, e.g. `'ThrottlingException'` 429),
   * `{ code, message?, status?, fault? }` (any code, given its `status`), or any `Error` object,
   * thrown as it is. An unknown code as a string is a usage error that lists the known ones.
   * Service errors reach the caller as the client package's own exception classes.
   */
  error?: KvsErrorCode | InjectedServiceError | Error;
  /** Milliseconds to wait, in real time (`setTimeout`, so fake timers control it), before the call reaches the simulator. */
  delayMs?: number;
  /** Milliseconds to move the simulator's `manualClock()` forward before the call reaches the simulator. */
  advanceClockMs?: number;
  /**
   * Runs (and is awaited) when a matching call arrives, after any delay and before the call is
   * answered, e.g. `() => kvs.writeKeys(arn, { puts: { k: 'theirs' } })`: the call then meets the
   * state the callback left (a stale ETag fails with `Pre-Condition failed`). When it throws,
   * the call fails with that error and nothing else runs.
   */
  before?: (input: any, call: FaultedCall) => unknown;
}

/** A fault that was injected: how many calls it still applies to, and a way to take it back. */
export interface FaultHandle {
  /** Matching calls the fault will still apply to. */
  readonly remaining: number;
  /** Takes the fault back; calls after it go through as usual. */
  cancel(): void;
}

/** A fault as the queue holds it. */
export interface ActiveFault {
  operation: OperationName;
  plane: 'data' | 'control' | undefined;
  when: FaultSpec['when'];
  remaining: number;
  error: (() => Error) | undefined;
  delayMs: number;
  advanceClockMs: number;
  before: FaultSpec['before'];
}

const KEYS = ['operation', 'plane', 'when', 'times', 'error', 'delayMs', 'advanceClockMs', 'before'];

/** The faults of one simulator, applied in the order they were injected. */
export class FaultQueue {
  #faults: ActiveFault[] = [];

  get size(): number {
    return this.#faults.length;
  }

  add(spec: FaultSpec, canAdvanceClock: boolean): FaultHandle {
    const fault = checkFault(spec, canAdvanceClock);
    this.#faults.push(fault);
    const faults = this;
    return {
      get remaining() {
        return fault.remaining;
      },
      cancel() {
        fault.remaining = 0;
        faults.#drop(fault);
      },
    };
  }

  clear(): void {
    for (const fault of this.#faults) fault.remaining = 0;
    this.#faults = [];
  }

  /** Whether a fault is queued for this operation (its `when` not asked): such calls take the SDK's whole pipeline. */
  has(plane: 'data' | 'control', operation: string): boolean {
    for (const fault of this.#faults) if (fault.operation === operation && (fault.plane === undefined || fault.plane === plane)) return true;
    return false;
  }

  /** The first fault that applies to this call, counted as used; undefined when none does. */
  take(call: Call): ActiveFault | undefined {
    for (const fault of this.#faults) {
      if (fault.operation !== call.operation || (fault.plane !== undefined && fault.plane !== call.plane)) continue;
      if (fault.when && !fault.when(call.input, faultedCall(call, fault))) continue;
      if (--fault.remaining === 0) this.#drop(fault);
      return fault;
    }
    return undefined;
  }

  #drop(fault: ActiveFault): void {
    const i = this.#faults.indexOf(fault);
    if (i >= 0) this.#faults.splice(i, 1);
  }
}

/** What `when` and `before` see of a call. */
export function faultedCall(call: Call, fault: ActiveFault): FaultedCall {
  return { plane: call.plane, operation: fault.operation, clientName: call.clientName, accountId: call.accountId };
}

/** Waits `ms` on the global `setTimeout`, which jest's and vitest's fake timers replace. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function checkFault(spec: FaultSpec, canAdvanceClock: boolean): ActiveFault {
  const where = 'injectFault(spec)';
  if (typeof spec !== 'object' || spec === null) throw new KvsMockUsageError(`${where} takes an object, e.g. { operation: 'PutKey', error: 'ConflictException' }.`);
  for (const key of Object.keys(spec)) {
    if (!KEYS.includes(key)) throw new KvsMockUsageError(`${where}: unknown option ${JSON.stringify(key)}. Known options: ${KEYS.join(', ')}.`);
  }
  const { operation, plane } = spec;
  if (plane !== undefined && plane !== 'data' && plane !== 'control') {
    throw new KvsMockUsageError(`${where}: plane must be 'data' or 'control', got ${JSON.stringify(plane)}.`);
  }
  checkOperationName(where, operation, plane);
  if (spec.when !== undefined && typeof spec.when !== 'function') throw new KvsMockUsageError(`${where}: when must be a function of the input that returns true for the calls to fail.`);
  const times = spec.times ?? 1;
  if (times !== Infinity && !(Number.isInteger(times) && times >= 1)) {
    throw new KvsMockUsageError(`${where}: times must be a whole number >= 1 or Infinity, got ${String(times)}.`);
  }
  const delayMs = checkMs(spec.delayMs, 'delayMs');
  // A timer fires at once past 2^31 - 1 ms: the opposite of the long wait asked for.
  if (delayMs > MAX_DELAY_MS) throw new KvsMockUsageError(`injectFault(spec): delayMs must be at most ${MAX_DELAY_MS} (about 24.8 days), got ${delayMs}.`);
  const advanceClockMs = checkMs(spec.advanceClockMs, 'advanceClockMs');
  if (advanceClockMs > 0 && !canAdvanceClock) {
    throw new KvsMockUsageError(
      `${where}: advanceClockMs moves the simulator's manual clock; create the simulator with { clock: manualClock() }, or use delayMs with fake timers.`,
    );
  }
  if (spec.before !== undefined && typeof spec.before !== 'function') {
    throw new KvsMockUsageError(`${where}: before must be a function of the input, run before the call is answered; got ${typeof spec.before}.`);
  }
  if (spec.error === undefined && delayMs === 0 && advanceClockMs === 0 && spec.before === undefined) {
    throw new KvsMockUsageError(`${where}: say what the fault does: an error, delayMs, advanceClockMs and/or before.`);
  }
  return { operation, plane, when: spec.when, remaining: times, error: errorFactory(spec.error), delayMs, advanceClockMs, before: spec.before };
}

const MAX_DELAY_MS = 2 ** 31 - 1;

function checkMs(value: unknown, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new KvsMockUsageError(`injectFault(spec): ${name} must be a number of milliseconds >= 0, got ${String(value)}.`);
  }
  return value;
}

/** Error objects a fault threw: a server drops the connection for these, and answers 500 for any other error. */
const INJECTED = new WeakSet<Error>();

/** Whether `error` is an Error object a fault threw (a simulated transport failure). */
export function isInjectedError(error: unknown): boolean {
  return error instanceof Error && INJECTED.has(error);
}

/** A new error per failed call (an Error object given by the caller is thrown as it is). */
function errorFactory(error: FaultSpec['error']): (() => Error) | undefined {
  if (error === undefined) return undefined;
  if (error instanceof Error) return () => (INJECTED.add(error), error);
  if (typeof error === 'string' && !isKnownErrorCode(error)) {
    throw new KvsMockUsageError(
      `injectFault(spec): error ${quote(error)} is not an error code the simulator knows (${ERROR_CODES.join(', ')}). ` +
        `For another code, give its status: { code: ${quote(error)}, status: 400 }.`,
    );
  }
  const spec: Partial<InjectedServiceError> = typeof error === 'string' ? { code: error } : error;
  if (typeof spec !== 'object' || spec === null || typeof spec.code !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(spec.code)) {
    throw new KvsMockUsageError(`injectFault(spec): error must be an error code such as 'ThrottlingException', { code, message?, status?, fault? }, or an Error object; got ${JSON.stringify(error)}.`);
  }
  const { code, status, fault } = spec;
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
    throw new KvsMockUsageError(`injectFault(spec): error.status must be an HTTP error status (400-599), got ${String(status)}.`);
  }
  if (fault !== undefined && fault !== 'client' && fault !== 'server') {
    throw new KvsMockUsageError(`injectFault(spec): error.fault must be 'client' or 'server', got ${JSON.stringify(fault)}.`);
  }
  if (status === undefined && !isKnownErrorCode(code)) {
    throw new KvsMockUsageError(`injectFault(spec): error.code ${quote(code)} is not one the simulator knows (${ERROR_CODES.join(', ')}); give its status too, e.g. { code: ${quote(code)}, status: 400 }.`);
  }
  const message = spec.message ?? `${code} (injected by cloudfront-kvs-mock)`;
  return () => new ServiceError(code, message, status, fault);
}
