/**
 * The server's clock: real time, moved by the admin API. It runs unless frozen, so a store's
 * provisioning delay passes as it would at AWS; advancing or setting it shifts it for every
 * process that talks to the server.
 */
import { toEpochMs, type ManualClock } from '../core/clock';

/** A clock that follows `Date.now()` plus an offset, and can be frozen. */
export interface ServerClock extends ManualClock {
  /** Stops the clock where it is (true) or lets it run on from there (false). */
  freeze(frozen: boolean): number;
  readonly frozen: boolean;
}

export function serverClock(): ServerClock {
  let offset = 0;
  let frozenAt: number | undefined;
  const clock = (() => frozenAt ?? Date.now() + offset) as ServerClock;
  clock.advance = (ms: number) => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`[cloudfront-kvs-mock] advance takes a finite number of milliseconds >= 0, got ${String(ms)}.`);
    if (frozenAt !== undefined) frozenAt += ms;
    else offset += ms;
    return clock();
  };
  clock.set = (time: number | Date) => {
    const ms = toEpochMs(time, 'clock time');
    if (frozenAt !== undefined) frozenAt = ms;
    else offset = ms - Date.now();
    return ms;
  };
  clock.freeze = (frozen: boolean) => {
    const now = clock();
    if (frozen) frozenAt = now;
    else if (frozenAt !== undefined) {
      offset = frozenAt - Date.now();
      frozenAt = undefined;
    }
    return now;
  };
  Object.defineProperty(clock, 'frozen', { get: () => frozenAt !== undefined });
  return clock;
}
