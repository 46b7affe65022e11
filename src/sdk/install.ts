/**
 * Global interception: routes every CloudFront and CloudFront KeyValueStore client of the
 * process to a simulator, including clients the application builds itself, and undoes it exactly.
 *
 * `send` lives on `@smithy/core`'s `Client.prototype`, shared by every AWS client of that copy.
 * The patch wraps it: on a client's first `send`, a client of one of our two services gets the
 * middleware (once per instance); every other client only costs a WeakSet lookup.
 */
import { KvsMockUsageError } from '../errors';
import { currentBinding, harnessState, takeLent, type HarnessState, type Installable, type Patch } from '../harness/context';
import { loadedClientClasses } from '../harness/packages';
import { enableFastPath, sendOwner } from './fast-path';
import { MIDDLEWARE_NAME, createMiddleware } from './middleware';
import { holdNetworkGuard, releaseNetworkGuard } from './network-guard';

/** The guard's holder for whatever `install()` routes: one per process, like the install. */
const INSTALLED = Symbol.for('cloudfront-kvs-mock.installed');
const installHolder = ((globalThis as { [INSTALLED]?: object })[INSTALLED] ??= {});

/** `config.serviceId` of the two clients the double answers for (generated code, stable). */
const SERVICE_IDS = new Set(['CloudFront', 'CloudFront KeyValueStore']);

interface SdkClient {
  config?: { serviceId?: unknown };
  middlewareStack: { add(middleware: unknown, options: unknown): void; remove(name: string): boolean };
  handlers?: unknown;
}

/** Makes `simulator` the one answering; patches every copy of the SDK reachable now. */
export function install(simulator: Installable): void {
  const state = harnessState();
  if (state.installed && state.installed !== simulator) {
    throw new KvsMockUsageError(
      'install(): another simulator is installed. Call restore() on it first (e.g. in afterEach), or give concurrent tests their own simulator with simulator.boundary(fn).',
    );
  }
  patchAll(state, 'install()');
  state.installed = simulator;
  if (!simulator.allowNetwork) holdNetworkGuard(installHolder);
}

/** Undoes `install()` of this simulator; false (and nothing done) when it is not the installed one. */
export function restore(simulator: Installable): boolean {
  const state = harnessState();
  if (state.installed !== simulator) return false;
  state.installed = undefined;
  releaseNetworkGuard(installHolder);
  if (state.boundaries === 0) unpatchAll(state);
  return true;
}

/** Whether this simulator is the one `install()` routes clients to. */
export function isInstalled(simulator: Installable): boolean {
  return harnessState().installed === simulator;
}

/**
 * Runs `fn` with `simulator` answering every client reached by the global patch inside its
 * async context; patches the SDK for as long as a boundary runs, if nothing is installed.
 */
export function runInBoundary<T>(simulator: Installable, fn: () => T): T {
  const state = harnessState();
  patchAll(state, 'boundary()');
  state.boundaries++;
  const holder = {};
  if (!simulator.allowNetwork) holdNetworkGuard(holder);
  let result: T;
  try {
    result = state.storage.run(simulator.installBinding, fn);
  } catch (error) {
    leaveBoundary(state, holder);
    throw error;
  }
  if (isThenable(result)) {
    return Promise.resolve(result).finally(() => leaveBoundary(state, holder)) as T;
  }
  leaveBoundary(state, holder);
  return result;
}

function leaveBoundary(state: HarnessState, holder: object): void {
  releaseNetworkGuard(holder);
  state.boundaries--;
  if (state.boundaries === 0 && !state.installed) unpatchAll(state);
}

/**
 * Patches `send` where the client classes of every copy loaded now get it from. Requiring the
 * packages again is what finds a fresh copy after `jest.resetModules()`; the module cache holds
 * the nested ones; owners already patched are skipped.
 */
function patchAll(state: HarnessState, where: string): void {
  const classes = [...loadedClientClasses('data'), ...loadedClientClasses('control')];
  if (classes.length === 0) {
    throw new KvsMockUsageError(
      `${where} found neither @aws-sdk/client-cloudfront-keyvaluestore nor @aws-sdk/client-cloudfront. Install the client packages your application uses, or attach clients with simulator.attach(client).`,
    );
  }
  for (const Client of classes) {
    const owner = sendOwner(Client.prototype);
    if (!owner || state.patches.some((p) => p.owner === owner)) continue;
    const original = Object.getOwnPropertyDescriptor(owner, 'send')!;
    const sdkSend = original.value as (this: SdkClient, ...args: unknown[]) => unknown;
    const patched = function send(this: SdkClient, ...args: unknown[]): unknown {
      if (!state.seen.has(this)) adopt(state, this);
      return sdkSend.apply(this, args);
    };
    Object.defineProperty(owner, 'send', { ...original, value: patched });
    state.patches.push({ owner, original, patched });
  }
}

/** Takes every patch off (only where ours is still in place) and the middleware off the clients we attached. */
function unpatchAll(state: HarnessState): void {
  for (const patch of state.patches.splice(0)) {
    if (Object.getOwnPropertyDescriptor(patch.owner, 'send')?.value === patch.patched) {
      Object.defineProperty(patch.owner, 'send', patch.original);
    }
  }
  for (const ref of state.attached) {
    const client = ref.deref() as SdkClient | undefined;
    if (!client || state.explicit.has(client)) continue;
    client.middlewareStack.remove(MIDDLEWARE_NAME);
    delete client.handlers;
  }
  state.attached = new Set();
  state.seen = new WeakSet();
}

/** First `send` of a client since the patch: attach the middleware if it is one of ours. */
function adopt(state: HarnessState, client: SdkClient): void {
  // A client `fakeSend()` attached gets here only once the stub that routed it is gone.
  takeLent(client)?.();
  state.seen.add(client);
  if (state.explicit.has(client) || !SERVICE_IDS.has(client.config?.serviceId as string)) return;
  client.middlewareStack.add(createMiddleware(() => currentBinding(state), client), {
    step: 'initialize',
    priority: 'high',
    name: MIDDLEWARE_NAME,
    override: true,
  });
  // A client built with `cacheMiddleware: true` that has sent already keeps its old chain.
  delete client.handlers;
  enableFastPath(client);
  state.attached.add(new WeakRef(client));
  if (state.attached.size % 1024 === 0) prune(state.attached);
}

function prune(refs: Set<WeakRef<object>>): void {
  for (const ref of refs) if (!ref.deref()) refs.delete(ref);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
