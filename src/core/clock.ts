/** Reads the simulated time in epoch milliseconds. */
export type Clock = () => number | Date;

/**
 * The default clock: reads `Date.now` at every call, not once, so that fake timers installed
 * after the simulator was created (`jest.useFakeTimers()`, `vi.useFakeTimers()`) move it too.
 */
export const systemClock: Clock = () => Date.now();

/** A clock that only moves when told to: for tests of polling loops and timestamps. */
export interface ManualClock {
  (): number;
  /** Moves the clock forward by `ms` milliseconds and returns the new time. */
  advance(ms: number): number;
  /** Sets the clock to an absolute time (epoch ms or a Date) and returns it. */
  set(time: number | Date): number;
}

/**
 * Creates a clock that stands still until advanced.
 *
 * @example
 * ```ts
 * const clock = manualClock('2024-01-01T00:00:00Z');
 * const kvs = createKvsSimulator({ clock, provisioningDelayMs: 30_000 });
 * clock.advance(30_000); // stores created before now are READY
 * ```
 */
export function manualClock(start: number | Date | string = 0): ManualClock {
  let now = toEpochMs(typeof start === 'string' ? new Date(start) : start, 'manualClock(start)');
  const clock = (() => now) as ManualClock;
  clock.advance = (ms: number) => {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`[cloudfront-kvs-mock] clock.advance(ms) takes a finite number of milliseconds >= 0, got ${String(ms)}.`);
    }
    now += ms;
    return now;
  };
  clock.set = (time: number | Date) => (now = toEpochMs(time, 'clock.set(time)'));
  return clock;
}

/** Normalises what a clock returned; a broken clock is a misuse worth a loud error. */
export function toEpochMs(time: number | Date, where: string): number {
  const ms = time instanceof Date ? time.getTime() : time;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`[cloudfront-kvs-mock] ${where} must give epoch milliseconds or a valid Date, got ${String(time)}.`);
  }
  return ms;
}
