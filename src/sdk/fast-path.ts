/**
 * The fast path of an attached client (by `attach()` or the global install): `send` answers a simulated command without rebuilding
 * the SDK's middleware chain, which is ~98% of the cost of a `send` through the chain (the SDK
 * resolves its whole stack on every call unless the client was built with `cacheMiddleware`).
 *
 * It is taken only when it is indistinguishable from the chain: our middleware is the first one
 * the SDK would run for that command class, so nothing else would run before it answers. Every
 * condition is checked per call or invalidated on change:
 * - the command class was probed, by sending one through the real chain, since the client's
 *   stack last changed (any add/use/remove drops the probes, so middleware added later runs);
 * - the command carries no middleware of its own and asks for no stack logging;
 * - `send` gets no options or callback (abort signals and the like take the SDK's path);
 * - the `send` the client would inherit is the SDK's own (or the global install's wrapper of
 *   it): a stub put on the class later (aws-sdk-client-mock's `mockClient(Class)`) wins.
 * The simulator is asked at call time, so `reset()` and `restore()` apply at once; taking our
 * middleware off the stack (`detach()`) removes the fast path itself.
 */
import { harnessState } from '../harness/context';
import { FAST_ANSWER, MIDDLEWARE_NAME, type FastAnswer } from './middleware';

/** Where a client keeps its fast path; a registry symbol so that a duplicate copy finds it. */
const STATE = Symbol.for('cloudfront-kvs-mock.fastPath');

/** The stack methods that change what the chain would be; `identifyOnResolve(true)` makes every resolve log. */
const MUTATORS = ['add', 'addRelativeTo', 'use', 'remove', 'removeByTag', 'identifyOnResolve'] as const;

type Fn = (...args: any[]) => any;

interface Stack {
  identify(): string[];
  identifyOnResolve(toggle?: boolean): boolean;
  applyToStack?(to: object): unknown;
}

interface Command {
  input?: unknown;
  middlewareStack?: Stack;
  resolveMiddleware?: (stack: Stack, config: unknown, options: undefined) => Fn & { [FAST_ANSWER]?: FastAnswer };
}

interface FastClient {
  middlewareStack: Stack & Record<string, unknown>;
  config: unknown;
  send?: Fn;
  [STATE]?: FastPathState;
}

interface FastPathState {
  readonly version: 1;
  /** Forgets every probe: the next send of each command class goes through the chain again. */
  invalidate(): void;
}

/**
 * Gives an attached client the fast path (idempotent: on a client that has it, drops its
 * probes). Does nothing when the client's `send` is already replaced on the instance or its
 * class (a stub), or when it is not an SDK v3 client.
 */
export function enableFastPath(client: object): void {
  const c = client as FastClient;
  const existing = c[STATE];
  if (existing) {
    if (existing.version === 1) existing.invalidate();
    return;
  }
  const stack = c.middlewareStack;
  const prototype = Object.getPrototypeOf(c) as { send?: Fn } | null;
  if (!prototype || Object.prototype.hasOwnProperty.call(c, 'send') || typeof stack?.identify !== 'function') return;
  const owner = sendOwner(prototype);
  const sdkSend = owner ? unwrapInstall(Object.getOwnPropertyDescriptor(owner, 'send')?.value) : undefined;
  // A send inherited from anywhere but the base-most owner is a stub on a subclass: leave it be.
  if (typeof sdkSend !== 'function' || unwrapInstall(prototype.send) !== sdkSend) return;

  /** Per command class: its answer, or null when the chain must run (ours is not first). */
  const probes = new Map<unknown, FastAnswer | null>();
  /** Under `cacheMiddleware`, the cached chain each probe was read from: the SDK drops its cache on a send with options. */
  const probedFrom = new Map<unknown, unknown>();
  let inheritedSeen: unknown = prototype.send;
  let inheritedIsSdk = true;
  const originals = new Map<string, Fn>();
  const wrappers = new Map<string, Fn>();

  const disable = () => {
    for (const [name, original] of originals) if (stack[name] === wrappers.get(name)) stack[name] = original;
    if (Object.getOwnPropertyDescriptor(c, 'send')?.value === send) delete c.send;
    delete c[STATE];
    probes.clear();
  };

  for (const name of MUTATORS) {
    const original = stack[name];
    if (typeof original !== 'function') continue;
    const wrapper = function (this: unknown, ...args: unknown[]) {
      if (name !== 'identifyOnResolve' || typeof args[0] === 'boolean') probes.clear();
      const result = (original as Fn).apply(this, args);
      if ((name === 'remove' || name === 'removeByTag') && result && !hasOurMiddleware(stack)) disable();
      return result;
    };
    originals.set(name, original as Fn);
    wrappers.set(name, wrapper);
    stack[name] = wrapper;
  }

  const send = function send(this: unknown, ...args: unknown[]): unknown {
    const inherited = (Object.getPrototypeOf(c) as { send: Fn }).send;
    const command = args[0] as Command | null | undefined;
    if (this === c && args.length === 1 && c.middlewareStack === stack && command && typeof command === 'object') {
      if (inherited !== inheritedSeen) {
        inheritedSeen = inherited;
        inheritedIsSdk = unwrapInstall(inherited) === sdkSend;
      }
      if (inheritedIsSdk && isBare(command)) {
        if (cachesHandlers(c) && probedFrom.get(command.constructor) !== (c as { handlers?: WeakMap<object, unknown> }).handlers?.get(command.constructor as object)) {
          probes.delete(command.constructor);
        }
        const answer = probes.get(command.constructor);
        if (answer) {
          const pending = answer(command.input);
          if (pending) return pending;
        } else if (answer === undefined && typeof command.resolveMiddleware === 'function') {
          // The probe is the SDK's own send: resolve the chain, run it, and keep the shortcut
          // of the outermost handler when that handler is ours.
          const handler = resolveAsSdk(c, stack, command);
          probedFrom.set(command.constructor, handler);
          const shortcut = handler[FAST_ANSWER];
          probes.set(command.constructor, typeof shortcut === 'function' && !stack.identifyOnResolve() ? shortcut : null);
          return handler(command).then((result: { output: unknown }) => result.output);
        }
      }
    }
    return inherited.apply(this, args);
  };

  Object.defineProperty(c, 'send', { value: send, writable: true, configurable: true, enumerable: false });
  const state: FastPathState = { version: 1, invalidate: () => probes.clear() };
  Object.defineProperty(c, STATE, { value: state, writable: true, configurable: true, enumerable: false });
}

/**
 * The chain the SDK's own `send` would run: under `cacheMiddleware: true` the one the client built
 * for this command class at its first send and keeps (middleware added later never runs there),
 * otherwise a fresh one.
 */
function resolveAsSdk(c: FastClient, stack: Stack, command: Command): Fn & { [FAST_ANSWER]?: FastAnswer } {
  const client = c as FastClient & { handlers?: WeakMap<object, Fn & { [FAST_ANSWER]?: FastAnswer }> };
  const resolve = () => command.resolveMiddleware!(stack, c.config, undefined);
  if (!cachesHandlers(c)) {
    delete client.handlers;
    return resolve();
  }
  const handlers = (client.handlers ??= new WeakMap());
  let handler = handlers.get(command.constructor as object);
  if (!handler) handlers.set(command.constructor as object, (handler = resolve()));
  return handler;
}

function cachesHandlers(c: FastClient): boolean {
  return (c.config as { cacheMiddleware?: unknown } | undefined)?.cacheMiddleware === true;
}

/**
 * A command with no middleware of its own: its chain is the client's plus the generated plugins.
 * Counted by copying its stack into a counter: `identify()` would miss an entry placed relative
 * to a middleware that only the client's stack has (ours, typically).
 */
function isBare(command: Command): boolean {
  const own = command.middlewareStack;
  if (own === undefined || typeof own.applyToStack !== 'function') return false;
  counted = 0;
  logs = false;
  own.applyToStack(counter);
  return counted === 0 && !logs;
}

let counted = 0;
let logs = false;
const counter = {
  add: () => void counted++,
  addRelativeTo: () => void counted++,
  identifyOnResolve: (toggle?: boolean) => (logs = toggle === true),
};

function hasOurMiddleware(stack: Stack): boolean {
  return stack.identify().some((entry) => entry.startsWith(`${MIDDLEWARE_NAME} `));
}

/** The SDK's send behind the global install's wrapper, which only attaches our middleware. */
export function unwrapInstall(send: unknown): unknown {
  for (const patch of harnessState().patches) if (patch.patched === send) return patch.original.value;
  return send;
}

/** The object on the prototype chain that owns `send`: the base-most one, `@smithy/core`'s `Client.prototype`. */
export function sendOwner(prototype: object | null): object | undefined {
  let owner: object | undefined;
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, 'send')) owner = p;
  }
  return owner;
}
