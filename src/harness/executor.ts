/**
 * How a command is answered and logged: the faults first (latency, a callback, an error that
 * changes nothing), then the operation at one pinned instant, and every call recorded.
 */
import type { Clock, ManualClock } from '../core/clock';
import type { KvsService } from '../core/service';
import { CONTROL_PLANE, DATA_PLANE, checkOperationName, type Operation, type OperationName } from '../operations';
import type { Call, CallRecord } from '../calls';
import { checkCallFilter, type CallFilter } from './call-filter';
import { FaultQueue, faultedCall, sleep, type ActiveFault } from './faults';

/** An operation's answer: the success status and the output the caller receives. */
export type Result = { status: number; output: Record<string, unknown> };

/** Runs calls against `service` (replaced when a snapshot is loaded) and keeps the call log. */
export class Executor {
  readonly calls: CallRecord[] = [];
  readonly faults = new FaultQueue();
  /** How many calls the log keeps (a server's ring); the oldest are dropped in batches, so a push stays O(1). */
  #limit = Infinity;
  #trimAt = Infinity;
  /** Told of every call that succeeded, whichever way it arrived (a server's state file journals the writes). */
  onSuccess: ((call: Call) => void) | undefined;

  constructor(
    public service: KvsService,
    private readonly clock: Clock,
  ) {}

  execute(call: Call): Result | Promise<Result> {
    if (this.faults.size !== 0) {
      const fault = this.faults.take(call);
      if (fault) return this.#executeFaulted(call, fault);
    }
    return this.#run(call);
  }

  /** Keeps only the latest `limit` calls from now on. */
  limitCalls(limit: number): void {
    this.#limit = limit;
    this.#trimAt = limit + Math.max(16, limit >> 2);
    this.#trim();
  }

  /** The log, filtered as `KvsSimulator.calls()` documents; a copy. */
  filter(filter?: OperationName | CallFilter | ((call: CallRecord) => boolean)): CallRecord[] {
    const calls = this.calls.length > this.#limit ? this.calls.slice(-this.#limit) : this.calls;
    if (filter === undefined) return [...calls];
    if (typeof filter === 'function') return calls.filter(filter);
    if (typeof filter === 'string' || typeof filter !== 'object' || filter === null) {
      checkOperationName('calls(operation)', filter);
      return calls.filter((c) => c.operation === filter);
    }
    checkCallFilter(filter);
    const { operation, plane, clientName } = filter;
    return calls.filter(
      (c) => (operation === undefined || c.operation === operation) && (plane === undefined || c.plane === plane) && (clientName === undefined || c.clientName === clientName),
    );
  }

  #run(call: Call): Result | Promise<Result> {
    const operation: Operation = (call.plane === 'data' ? DATA_PLANE : CONTROL_PLANE)[call.operation]!;
    const service = this.service;
    const now = service.now();
    this.#record(call, now);
    // The pin holds while the operation runs synchronously; one that goes on asynchronously
    // (TestFunction running a function) took what it needs of the instant before it returned.
    service.pin(now);
    try {
      const output = operation.run(call.input, { service, accountId: call.accountId });
      const status = operation.successStatus ?? 200;
      if (output instanceof Promise) {
        return output.then((done: Record<string, unknown>) => {
          this.onSuccess?.(call);
          return { status, output: done };
        });
      }
      this.onSuccess?.(call);
      return { status, output };
    } finally {
      service.unpin();
    }
  }

  #record(call: Call, now: number): void {
    call.record = {
      clientName: call.clientName,
      plane: call.plane,
      // Only operations the simulator handles get here.
      operation: call.operation as OperationName,
      input: call.input,
      time: new Date(now),
      requestId: call.requestId,
      accountId: call.accountId,
    };
    if (this.calls.push(call.record) > this.#trimAt) this.#trim();
  }

  #trim(): void {
    if (this.calls.length > this.#limit) this.calls.splice(0, this.calls.length - this.#limit);
  }

  /** A call a fault matched: the latency, then `before`, then its error (before the operation, so nothing changes) or the operation. */
  async #executeFaulted(call: Call, fault: ActiveFault): Promise<Result> {
    if (fault.advanceClockMs > 0) (this.clock as ManualClock).advance(fault.advanceClockMs);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    let thrown: { error: unknown } | undefined;
    if (fault.before) {
      try {
        await fault.before(call.input, faultedCall(call, fault));
      } catch (error) {
        thrown = { error };
      }
    }
    if (!thrown && !fault.error) return this.#run(call);
    this.#record(call, this.service.now());
    throw thrown ? thrown.error : fault.error!();
  }
}
