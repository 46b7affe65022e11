import { createHash, createHmac, randomBytes } from 'node:crypto';
import vm from 'node:vm';
import { builtinsOf } from './builtins';
import { installBuffer } from './sandbox/buffer';
import { installByteStrings } from './sandbox/bytes';
import { installCloudFront } from './sandbox/cloudfront';
import { installCwt } from './sandbox/cwt';
import { installDriver } from './sandbox/driver';
import { installLockdown } from './sandbox/lockdown';
import { installModules } from './sandbox/modules';
import { installOrigins } from './sandbox/origins';
import { installOutput } from './sandbox/output';
import { installText } from './sandbox/text';
import { ownPromises } from './rejections';
import type { FunctionRuntime, FunctionStore } from './types';

/**
 * One `node:vm` context set up as a CloudFront Functions runtime, reused from one invocation to
 * the next. Everything a function can touch is built by code evaluated inside the context; the
 * host is reached only through one function (`host` below) that takes and returns primitives and
 * never throws, held in a closure no function code can name. Built-ins are frozen and the global
 * object is restored after each invocation, so each one starts from the same globals; a context
 * whose global object cannot be restored, or whose run was cut short, is thrown away.
 */
export interface Realm {
  readonly runtime: FunctionRuntime;
  readonly context: vm.Context;
  /** The in-context API of sandbox/driver.ts. */
  readonly api: {
    prepare(
      wrapper: unknown,
      eventJson: string,
      now: number,
      storeId: string | undefined,
      edgeJson: string,
      entryKey: string,
      limitMs: number,
      stopMessage: string,
      tenantJson: string | undefined,
      rawQuery: string | undefined,
    ): void;
    collect(): string;
  };
  /** The script that starts an invocation: calls the entry point `prepare` armed. */
  readonly start: vm.Script;
  readonly entryKey: string;
  /** The store the current invocation reads (set by the caller around a run). */
  store: FunctionStore | undefined;
  /** The process's CPU time (µs) when the current invocation started, for the time limit. */
  started: number;
}

const SANDBOX = [installText, installBuffer, installModules, installOrigins, installCwt, installCloudFront, installOutput, installDriver, installByteStrings, installLockdown];

/** The bootstrap's source, compiled once: each install function's own text, called in order. */
const bootstrap = new vm.Script(
  `(function (host, runtime) {
  'use strict';
  const R = { runtime, globals: {}, modules: {} };
  R.call = function (op, a, b, c) {
    let result;
    // host() answers null when it could not answer (only a stack overflow does that); a host
    // error object never passes.
    try { result = host(op, a, b, c); } catch (_) { result = null; }
    if (result === null) throw new RangeError('Maximum call stack size exceeded');
    return result;
  };
  ${SANDBOX.map((install) => `(${install.toString()})(R);`).join('\n')}
  return R;
})`,
  { filename: 'cloudfront-runtime.js' },
);

/**
 * The process's CPU time in µs: what compute utilization and the time limit count (F13). Unlike
 * `hrtime` and `performance.now()`, jest's and vitest's fake timers leave it alone.
 */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Builds a context for `runtime`: about a millisecond or two, once per runtime and reuse cycle. */
export function createRealm(runtime: FunctionRuntime): Realm {
  const context = vm.createContext(Object.create(null), {
    name: `CloudFront Functions ${runtime}`,
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  const entryKey = `__cloudfront_entry_${randomBytes(8).toString('hex')}`;
  let realm: Realm;
  // The bridge: primitives in, primitives out, never an exception (a host error object would
  // carry the host's Function constructor into the context).
  const host = (op: unknown, a: unknown, b: unknown, c: unknown): string | boolean | null | undefined => {
    try {
      const store = realm.store;
      if (op === 'elapsed') return String((cpuMicros() - realm.started) / 1000);
      if (op === 'get' && typeof a === 'string') return store?.keys.get(a);
      if (op === 'has' && typeof a === 'string') return store ? store.keys.has(a) : false;
      if (op === 'meta' && store) {
        return JSON.stringify({ creationDateTime: new Date(store.created).toISOString(), lastUpdatedDateTime: new Date(store.lastModified).toISOString(), keyCount: store.itemCount });
      }
      if (op === 'digest' && typeof a === 'string' && typeof c === 'string') {
        const data = Buffer.from(c, 'latin1');
        return (typeof b === 'string' ? createHmac(a, Buffer.from(b, 'latin1')) : createHash(a)).update(data).digest('hex');
      }
      return undefined;
    } catch {
      return null;
    }
  };
  const R = (bootstrap.runInContext(context) as (h: typeof host, r: string) => any)(host, runtime);
  R.lockdown(JSON.stringify(builtinsOf(runtime)));
  ownPromises(vm.runInContext('Promise.prototype', context) as object);
  realm = {
    runtime,
    context,
    api: { prepare: R.prepare, collect: R.collect },
    start: new vm.Script(`globalThis[${JSON.stringify(entryKey)}]()`, { filename: 'cloudfront-entry.js' }),
    entryKey,
    store: undefined,
    started: 0,
  };
  return realm;
}
