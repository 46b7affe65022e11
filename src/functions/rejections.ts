import { promiseHooks } from 'node:v8';

/**
 * A function's unhandled promise rejections stay the function's. Node tracks rejections of every
 * context in the process, so a function's `Promise.reject(1)` would otherwise reach the host's
 * `unhandledRejection` handling, and by default end the test run. Promises created while a
 * function runs are remembered (weakly); for the rest of that tick a listener drops their
 * rejections and passes any other on as Node would.
 */
const created = new WeakSet<object>();
// Taken at load: fake timers installed later by a test must not keep the listener in place.
const realSetImmediate = setImmediate;
/** Every realm's `Promise.prototype`: a promise whose creation went unseen is still known by it. */
const prototypes = new WeakSet<object>();
let listening = false;

/** Registers a realm's `Promise.prototype`. */
export function ownPromises(prototype: object): void {
  prototypes.add(prototype);
}

function fromRealm(promise: object): boolean {
  if (created.has(promise)) return true;
  for (let p = Object.getPrototypeOf(promise); p !== null; p = Object.getPrototypeOf(p)) if (prototypes.has(p)) return true;
  return false;
}

function listener(reason: unknown, promise: Promise<unknown>): void {
  if (fromRealm(promise)) return;
  // Not ours: with no other listener, Node would raise it as an uncaught exception.
  if (process.listenerCount('unhandledRejection') === 1) {
    process.nextTick(() => {
      throw reason instanceof Error ? reason : Object.assign(new Error(`This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${String(reason)}".`), { code: 'ERR_UNHANDLED_REJECTION' });
    });
  }
}

/** Runs `fn`, remembering the promises it creates; returns what `fn` returns. */
export function trackingPromises<T>(fn: () => T): T {
  const stop = promiseHooks.onInit((promise) => created.add(promise));
  try {
    return fn();
  } finally {
    stop();
    if (!listening) {
      listening = true;
      process.on('unhandledRejection', listener);
      // Node reports a tick's unhandled rejections once its microtasks are done: before this runs.
      realSetImmediate(() => {
        listening = false;
        process.removeListener('unhandledRejection', listener);
      }).unref();
    }
  }
}
