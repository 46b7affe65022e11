/**
 * The last line of defence: while a simulator is installed or attached, no request of the two
 * clients, nor the credential lookups they make over the network, leaves the process. A client
 * the package did not reach (a copy of the SDK that `install()` could not patch, a client built
 * after `jest.resetModules()`, a command let through with `onUnhandled: 'passthrough'`) would
 * otherwise sign with whatever credentials the machine has and send to AWS.
 *
 * Every SDK copy sends through Node's own `http` / `https` modules, so the guard wraps their
 * `request` and `get` there. A request to a guarded host gets a socket that fails at once with a
 * `KvsMockUsageError`: nothing is looked up, connected or written. Other hosts pass untouched.
 */
import http from 'node:http';
import https from 'node:https';
import { Socket } from 'node:net';
import { KvsMockUsageError } from '../errors';

/** CloudFront's control-plane endpoints (all partitions, FIPS) and the data plane's. */
const SERVICE_HOST = /(^|\.)cloudfront(-fips)?(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$|\.cloudfront-kvs\.global\.api\.aws$/i;
/** Instance metadata (IPv4 and IPv6) and the container credentials endpoint. */
const CREDENTIAL_HOSTS = new Set(['169.254.169.254', 'fd00:ec2::254', '[fd00:ec2::254]', '169.254.170.2']);

type RequestFn = (...args: unknown[]) => http.ClientRequest;
interface GuardState {
  /** Weakly held: a simulator a test dropped without detaching its clients stops holding once collected. */
  holders: Set<WeakRef<object>>;
  /** Each holder's ref, so that a hold and a release cost one lookup however many simulators a suite made. */
  refs: WeakMap<object, WeakRef<object>>;
  originals: Array<{ module: Record<string, unknown>; name: string; original: RequestFn; patched: RequestFn }>;
  /** What a holder that is no simulator (the preload) says instead of the simulator's advice. */
  advice?: WeakMap<object, string>;
}

const KEY = Symbol.for('cloudfront-kvs-mock.networkGuard');

/**
 * One guard per realm (each jest test file has its own), so that its errors are of the realm
 * whose SDK receives them; the SDK wraps an error of another realm's `Error`. Node's `http`
 * module is shared by all realms, so a realm's patch may wrap another's.
 */
function guardState(): GuardState {
  const holder = globalThis as { [KEY]?: GuardState };
  return (holder[KEY] ??= { holders: new Set(), refs: new WeakMap(), originals: [] });
}

/** On every patched function: Node's own function beneath all patches of every realm. */
const NODE_ORIGINAL = Symbol.for('cloudfront-kvs-mock.networkGuard.nodeOriginal');

/**
 * Keeps the guard up on behalf of `holder` (a simulator, an install, a boundary) until it is
 * released; the first holder puts it up.
 */
export function holdNetworkGuard(holder: object, advice?: string): void {
  const state = guardState();
  if (advice !== undefined) (state.advice ??= new WeakMap()).set(holder, advice);
  if (state.refs.has(holder)) return;
  const ref = new WeakRef(holder);
  state.refs.set(holder, ref);
  state.holders.add(ref);
  if (state.originals.length > 0) return;
  for (const module of [http, https] as unknown as Array<Record<string, unknown>>) {
    for (const name of ['request', 'get']) {
      const original = module[name] as RequestFn;
      const patched = guarded(original, module === (https as unknown));
      Object.defineProperty(patched, NODE_ORIGINAL, { value: (original as { [NODE_ORIGINAL]?: RequestFn })[NODE_ORIGINAL] ?? original });
      module[name] = patched;
      state.originals.push({ module, name, original, patched });
    }
  }
}

/** Releases `holder`'s hold; the last release takes the guard down (only where ours is still in place). */
export function releaseNetworkGuard(holder: object): void {
  const state = guardState();
  const ref = state.refs.get(holder);
  if (!ref) return;
  state.refs.delete(holder);
  state.holders.delete(ref);
  if (!isNetworkGuarded()) unpatch(state);
}

/** How many live holders keep the guard up now. */
export function networkGuardHolders(): number {
  const state = guardState();
  for (const ref of state.holders) if (!ref.deref()) state.holders.delete(ref);
  return state.holders.size;
}

/** Whether the guard is up now: stops at the first live holder, dropping collected ones on the way. */
export function isNetworkGuarded(): boolean {
  const state = guardState();
  for (const ref of state.holders) {
    if (ref.deref()) return true;
    state.holders.delete(ref);
  }
  return false;
}

function unpatch(state: GuardState): void {
  for (const { module, name, original, patched } of state.originals.splice(0)) {
    if (module[name] === patched) module[name] = original;
  }
}

function guarded(original: RequestFn, secure: boolean): RequestFn {
  const node = (original as { [NODE_ORIGINAL]?: RequestFn })[NODE_ORIGINAL] ?? original;
  return function request(this: unknown, ...args: unknown[]) {
    const target = targetOf(args, secure);
    if (!target || !isGuarded(target.host) || !isNetworkGuarded()) return original.apply(this, args);
    const error = escapeError(target);
    // No agent and a socket that is never connected, failing on the next tick: the caller's
    // 'error' handler (the SDK's request handler) sees our error, and nothing reaches the network.
    const guard = { agent: undefined, createConnection: () => failingSocket(error) };
    const callback = args.find((a) => typeof a === 'function');
    const [first, second] = args;
    if (typeof first === 'string' || first instanceof URL) {
      return node.call(this, first, { ...(typeof second === 'object' ? second : {}), ...guard }, callback);
    }
    // Node's own function, not an inner patch: this realm's error is the one the caller sees.
    return node.call(this, { ...(first as object), ...guard }, callback);
  };
}

function failingSocket(error: Error): Socket {
  const socket = new Socket();
  process.nextTick(() => socket.destroy(error));
  return socket;
}

interface Target {
  protocol: string;
  host: string;
  path: string;
}

/** Host and path of a `request(url?, options?, callback?)` call, in any of its forms. */
function targetOf(args: unknown[], secure: boolean): Target | undefined {
  const [first, second] = args;
  const defaults = { protocol: secure ? 'https:' : 'http:', path: '/' };
  if (typeof first === 'string' || first instanceof URL) {
    let url: URL;
    try {
      url = new URL(String(first));
    } catch {
      return undefined;
    }
    return { protocol: url.protocol, host: url.hostname, path: `${url.pathname}${url.search}` };
  }
  const options = (typeof first === 'object' && first !== null ? first : second) as { hostname?: unknown; host?: unknown; path?: unknown; protocol?: unknown } | undefined;
  const host = options?.hostname ?? options?.host;
  if (typeof host !== 'string') return undefined;
  return {
    protocol: typeof options?.protocol === 'string' ? options.protocol : defaults.protocol,
    host: host.replace(/:\d+$/, ''),
    path: typeof options?.path === 'string' ? options.path : defaults.path,
  };
}

/** The advice of a live holder that gave one. */
function adviceOfHolders(): string | undefined {
  const state = guardState();
  if (!state.advice) return undefined;
  for (const ref of state.holders) {
    const holder = ref.deref();
    const advice = holder && state.advice.get(holder);
    if (advice !== undefined) return advice;
  }
  return undefined;
}

function isGuarded(host: string): boolean {
  return CREDENTIAL_HOSTS.has(host) || SERVICE_HOST.test(host);
}

function escapeError(target: Target): KvsMockUsageError {
  const what = CREDENTIAL_HOSTS.has(target.host)
    ? `A credential lookup at ${target.host} (instance metadata or container credentials)`
    : `A request to ${target.protocol}//${target.host}${target.path.split('?')[0]}`;
  const advice = adviceOfHolders();
  if (advice !== undefined) return new KvsMockUsageError(`${what} was stopped: ${advice}`);
  return new KvsMockUsageError(
    `${what} was stopped: a simulator is active in this process, and no simulator answered this client, so it would have gone to AWS. ` +
      'Usual causes: the client comes from a copy of the SDK that install() did not patch (a nested node_modules, a bundled copy), ' +
      'it was built after jest.resetModules() (call install() again after resetting modules), its simulator was restored or detached, ' +
      "or the simulator let the command through with onUnhandled: 'passthrough'. Attach the client with simulator.attach(client), " +
      'or, in a test that means to reach AWS, create the simulator with allowNetwork: true.',
  );
}
