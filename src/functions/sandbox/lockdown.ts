// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * Makes the context's built-ins those of the runtime and unchangeable, once per context:
 * - removes globals and methods the runtime does not list (see ../builtins.ts);
 * - replaces `Date` with one that answers the invocation's start time;
 * - freezes everything reachable from the globals and from syntax (so nothing a function does
 *   can reach the next invocation), turning inherited writable data properties into accessors so
 *   that assigning `e.name` or `o.toString` on an instance still works as in an unfrozen realm;
 * - records the global object, which `R.resetGlobals` restores after every invocation.
 */
export function installLockdown(R: any): void {
  'use strict';
  const g: any = globalThis;
  const SetCtor = Set;
  const construct = Reflect.construct;
  const ownKeys = Reflect.ownKeys;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, freeze, isExtensible, is } = Object;
  const ALWAYS = ['constructor', 'prototype', 'length', 'name', 'toString', 'valueOf', 'caller', 'arguments'];

  function errorClass(name: string) {
    function NamedError(this: any, message?: unknown) {
      return construct(Error, message === undefined ? [] : [message], new.target || NamedError);
    }
    NamedError.prototype = Object.create(Error.prototype, {
      constructor: { value: NamedError, writable: true, configurable: true },
      name: { value: name, writable: true, configurable: true },
      message: { value: '', writable: true, configurable: true },
    });
    Object.setPrototypeOf(NamedError, Error);
    defineProperty(NamedError, 'name', { value: name });
    return NamedError;
  }

  function frozenDate() {
    const Original = Date;
    function Date_(this: any, ...args: unknown[]) {
      if (!new.target) return new Original(R.now).toString();
      return construct(Original, args.length === 0 ? [R.now] : args, new.target);
    }
    defineProperty(Date_, 'name', { value: 'Date' });
    defineProperty(Date_, 'length', { value: 7 });
    defineProperty(Date_, 'prototype', { value: Original.prototype, writable: false });
    defineProperty(Original.prototype, 'constructor', { value: Date_, writable: true, configurable: true });
    (Date_ as any).now = function now() {
      return R.now;
    };
    (Date_ as any).parse = Original.parse;
    (Date_ as any).UTC = Original.UTC;
    return Date_;
  }

  function resolve(path: string): any {
    const [head, ...rest] = path.split('.');
    let object = head === '%TypedArray%' ? getPrototypeOf(Uint8Array) : g[head!];
    for (const key of rest) object = object && object[key];
    return object;
  }

  function prune(members: Record<string, string[]>): void {
    Object.keys(members).forEach((path) => {
      const object = resolve(path);
      if (!object) return;
      const keep = members[path]!;
      for (const key of ownKeys(object)) {
        if (typeof key !== 'string' || ALWAYS.indexOf(key) >= 0 || keep.indexOf(key) >= 0) continue;
        const d = getOwnPropertyDescriptor(object, key)!;
        if (d.get || d.set || typeof d.value === 'function') delete object[key];
      }
    });
    // Legacy RegExp statics (RegExp.$1, lastMatch…) would carry one invocation's matches into the next.
    for (const key of ownKeys(RegExp)) if (typeof key === 'string' && ALWAYS.indexOf(key) < 0) delete (RegExp as any)[key];
    delete (Error as any).captureStackTrace;
  }

  /** Freezes `root` and everything reachable from it through prototypes and own properties. */
  function harden(roots: unknown[]): void {
    const seen = new SetCtor<unknown>([g]);
    const queue = roots.slice();
    while (queue.length) {
      const object = queue.pop();
      if ((typeof object !== 'object' && typeof object !== 'function') || object === null || seen.has(object)) continue;
      seen.add(object);
      queue.push(getPrototypeOf(object));
      for (const key of ownKeys(object)) {
        const d = getOwnPropertyDescriptor(object, key)!;
        if ('value' in d) {
          queue.push(d.value);
          if (d.writable && d.configurable) tame(object, key, d.value, !!d.enumerable);
        } else queue.push(d.get, d.set);
      }
      freeze(object);
    }
  }

  /** A frozen object's writable data property as an accessor: instances can still shadow it. */
  function tame(object: any, key: PropertyKey, value: unknown, enumerable: boolean): void {
    defineProperty(object, key, {
      get: function () {
        return value;
      },
      set: function (this: any, next: unknown) {
        if (this === object) throw new TypeError('Cannot assign to read only property \'' + String(key) + '\' of a built-in object');
        defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable,
      configurable: false,
    });
  }

  R.lockdown = function lockdown(allowJson: string): void {
    const allow: { globals: string[]; members: Record<string, string[]> } = JSON.parse(allowJson);
    g.InternalError = errorClass('InternalError');
    g.MemoryError = errorClass('MemoryError');
    g.Date = frozenDate();
    // Reached before pruning: their prototypes are reachable from syntax, and must be frozen too.
    const syntax = [
      getPrototypeOf(async function () {}),
      getPrototypeOf(function* () {}),
      getPrototypeOf(async function* () {}),
      getPrototypeOf([][Symbol.iterator]()),
      getPrototypeOf(''[Symbol.iterator]()),
      getPrototypeOf(/a/[Symbol.matchAll]('a')),
      (g as any).AggregateError,
    ];
    prune(allow.members);
    for (const key of ownKeys(g)) {
      if (allow.globals.indexOf(key as string) >= 0) continue;
      const d = getOwnPropertyDescriptor(g, key)!;
      if (d.configurable) delete g[key];
      // What the host's flags put on every context cannot be deleted (`gc` under --expose-gc):
      // it is emptied and fixed instead, so the function finds it undefined.
      else if (d.writable) defineProperty(g, key, { value: undefined, writable: false });
    }
    Object.keys(R.globals).forEach((name) => {
      if (allow.globals.indexOf(name) >= 0) defineProperty(g, name, { value: R.globals[name], writable: true, enumerable: false, configurable: true });
    });
    const roots: unknown[] = syntax.concat(R.hardenAlso || []);
    for (const key of ownKeys(g)) roots.push(g[key]);
    harden(roots);
    R.baseline = ownKeys(g).map((key) => [key, getOwnPropertyDescriptor(g, key)]);
    R.baselineProto = getPrototypeOf(g);
  };

  const same = (a: any, b: any) => is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;

  /** Puts the global object back as the lockdown left it; false when that is impossible. */
  R.resetGlobals = function resetGlobals(): boolean {
    if (!isExtensible(g) || getPrototypeOf(g) !== R.baselineProto) return false;
    const baseline: Array<[PropertyKey, PropertyDescriptor]> = R.baseline;
    const known = new SetCtor<PropertyKey>();
    for (let i = 0; i < baseline.length; i++) {
      const [key, d] = baseline[i]!;
      known.add(key);
      const now = getOwnPropertyDescriptor(g, key);
      if (now && same(now, d)) continue;
      if (now && !now.configurable) return false;
      defineProperty(g, key, d);
    }
    for (const key of ownKeys(g)) {
      if (known.has(key)) continue;
      if (!delete g[key]) return false;
    }
    return true;
  };
}
