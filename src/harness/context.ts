import { AsyncLocalStorage } from 'node:async_hooks';
import { KvsMockUsageError } from '../errors';
import type { Binding } from '../sdk/middleware';

/** A simulator as the global state sees it. */
export interface Installable {
  /** The binding clients reached by `install()` get: the simulator, its account and its policy. */
  readonly installBinding: Binding;
  /** Set by `allowNetwork: true`: requests no simulator answers may then reach AWS. */
  readonly allowNetwork: boolean;
}

/** One patched `send`: the object that owns it, its exact property before, and ours. */
export interface Patch {
  owner: object;
  original: PropertyDescriptor;
  patched: (...args: unknown[]) => unknown;
}

/**
 * What the global install knows, shared by every copy of this package in the process (jest
 * module registries, bundles, nested node_modules): which simulator answers clients it reaches,
 * the `send` functions it replaced, and the clients it attached itself.
 */
export interface HarnessState {
  readonly version: 1;
  /** The simulator `install()` routes clients to outside any boundary. */
  installed: Installable | undefined;
  /** Boundaries running now: the patch stays while one runs, even with nothing installed. */
  boundaries: number;
  /** Per-context simulator of `boundary()`. */
  readonly storage: AsyncLocalStorage<Binding>;
  readonly patches: Patch[];
  /** Clients the patched `send` has looked at (ours or not), so each is looked at once. */
  seen: WeakSet<object>;
  /** Clients the patched `send` attached: weakly held, detached again by `restore()`. */
  attached: Set<WeakRef<object>>;
  /** Clients attached with `attach()`: the install leaves them to their own simulator. */
  readonly explicit: WeakSet<object>;
  /**
   * Clients `fakeSend()` attached, each with the way to release it from its simulator. Optional:
   * a state made by an older copy of this package lacks it.
   */
  lent?: WeakMap<object, () => void>;
}

const KEY = Symbol.for('cloudfront-kvs-mock.install');

/** The process-wide state, created on first use. */
export function harnessState(): HarnessState {
  const holder = globalThis as { [KEY]?: HarnessState };
  let state = holder[KEY];
  if (!state) {
    state = {
      version: 1,
      installed: undefined,
      boundaries: 0,
      storage: new AsyncLocalStorage<Binding>(),
      patches: [],
      seen: new WeakSet(),
      attached: new Set(),
      explicit: new WeakSet(),
      lent: new WeakMap(),
    };
    holder[KEY] = state;
  } else if (state.version !== 1) {
    throw new KvsMockUsageError(`Two incompatible versions of cloudfront-kvs-mock are loaded in this process (install state version ${String(state.version)}). Keep one version in node_modules.`);
  }
  return state;
}

/** The binding of the simulator that answers here and now: the boundary's, else the installed one's. */
export function currentBinding(state: HarnessState): Binding | undefined {
  return state.storage.getStore() ?? state.installed?.installBinding;
}

/** Marks a client attached with `attach()`, so the global install leaves it alone. */
export function markExplicit(client: object): void {
  harnessState().explicit.add(client);
}

/** Unmarks a detached client: the global install may pick it up on its next `send`. */
export function unmarkExplicit(client: object): void {
  const state = harnessState();
  state.explicit.delete(client);
  state.seen.delete(client);
}

/**
 * Records a client `fakeSend()` attached. It leaves `seen`, so the install's patched `send`
 * looks at it again: `fakeSend()` sends past that wrapper, so a call reaching it means the stub
 * is gone, and the install releases the client and adopts it.
 */
export function lend(client: object, release: () => void): void {
  const state = harnessState();
  (state.lent ??= new WeakMap()).set(client, release);
  state.seen.delete(client);
}

/** Forgets a lent client and returns its release, if it was lent. */
export function takeLent(client: object): (() => void) | undefined {
  const lent = harnessState().lent;
  const release = lent?.get(client);
  lent?.delete(client);
  return release;
}
