// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * One invocation, inside the context: `prepare` takes the compiled function and the event (as
 * JSON text) and arms the entry point that the driver script calls under the time limit; `run`
 * executes the code outside `handler`, then `handler(event)`, awaits it (2.0) and checks what it
 * returned; `collect` hands the outcome back as JSON text and restores the global object.
 */
export function installDriver(R: any): void {
  'use strict';
  const g: any = globalThis;
  const legacy = R.runtime === 'cloudfront-js-1.0';
  const LOG_LIMIT = 10240;
  // Captured now: what runs between invocations must not use globals a function may have replaced.
  const { parse, stringify } = JSON;

  function text(value: unknown): string {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value.name) + ': ' + String(value.message);
    if (value !== null && typeof value === 'object') {
      try {
        const json = stringify(value);
        if (json !== undefined) return json;
      } catch {
        // fall through to String()
      }
    }
    return String(value);
  }

  function utf8Length(s: string): number {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
    }
    return n;
  }

  // The runtime documents `console.log(a)` only: "comma syntax, such as console.log('a', 'b')" is not supported.
  const console = {
    log(value?: unknown) {
      const current = R.current;
      const line = text(value);
      const size = utf8Length(line) + 1;
      if (current.logBytes + size > LOG_LIMIT) {
        current.logsTruncated = true;
        return;
      }
      current.logBytes += size;
      current.logs.push(line);
    },
  };

  function require(name: unknown) {
    const id = String(name);
    if (id === 'crypto' || id === 'querystring' || (id === 'buffer' && !legacy)) return R.modules[id];
    throw new Error('Cannot find module "' + id + '"');
  }

  function importModule(name: string) {
    if (name === 'cloudfront') return R.modules.cloudfront;
    return require(name);
  }

  /** An error's name and message, read without letting a throwing getter escape. */
  function describe(error: unknown): { name: string; message: string } {
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
        const e = error as any;
        return { name: e.name === undefined ? 'Error' : String(e.name), message: e.message === undefined ? '' : String(e.message) };
      }
      return { name: 'Error', message: String(error) };
    } catch {
      return { name: 'Error', message: 'the function threw a value that cannot be read' };
    }
  }

  function rawQueryString(query: any): string | undefined {
    if (query === null || typeof query !== 'object') return undefined;
    const parts: string[] = [];
    Object.keys(query).forEach((name) => {
      const entry = query[name];
      const items = entry && Array.isArray(entry.multiValue) ? entry.multiValue : [entry];
      items.forEach((item: any) => parts.push(item && item.value !== undefined && item.value !== '' ? name + '=' + item.value : name));
    });
    return parts.length ? parts.join('&') : undefined;
  }

  /**
   * Called at every function entry and loop iteration of the function's code (see ../language.ts):
   * past the time limit it throws, and keeps throwing, so code that catches the error still ends.
   * The engine's own timeout cannot stop code running in promise jobs without upsetting Node's
   * async hooks; this can.
   */
  function check(): void {
    const current = R.current;
    if (current.stopped) throw new g.InternalError(current.stopMessage);
    if (++current.checks % 256 !== 0) return;
    if (R.call('elapsed') > current.limitMs) {
      current.stopped = true;
      throw new g.InternalError(current.stopMessage);
    }
  }

  function finish(current: any, value: unknown): void {
    try {
      current.output = R.output(value, current.eventType, parse(current.eventJson));
    } catch (e) {
      current.error = describe(e);
    }
  }

  function run(): void {
    const current = R.current;
    try {
      const entry = current.wrapper.call(undefined, importModule, check);
      if (!entry.declared) throw new ReferenceError('"handler" is not defined');
      if (typeof entry.handler !== 'function') throw new TypeError('handler is not a function');
      const event = parse(current.eventJson);
      if (event.request !== null && typeof event.request === 'object') {
        const raw = current.rawQuery !== undefined ? current.rawQuery : rawQueryString(event.request.querystring);
        Object.defineProperty(event.request, 'rawQueryString', { value: () => raw, writable: true, configurable: true });
      }
      const handler = entry.handler;
      const result = handler(event);
      if (!legacy && result !== null && typeof result === 'object' && typeof result.then === 'function') {
        current.pending = true;
        Promise.resolve(result).then(
          (value) => {
            current.pending = false;
            finish(current, value);
          },
          (error) => {
            current.pending = false;
            current.error = describe(error);
          },
        );
      } else finish(current, result);
    } catch (e) {
      current.error = describe(e);
    }
  }

  R.prepare = function prepare(
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
  ): void {
    const event = parse(eventJson);
    R.now = now;
    R.current = {
      wrapper,
      eventJson,
      eventType: event.context.eventType,
      storeId,
      // Empty in a viewer-response function: CloudFront documents no location there.
      edgeLocation: legacy ? undefined : event.context.eventType === 'viewer-request' ? parse(edgeJson) : {},
      tenantJson,
      tenant: undefined,
      rawQuery,
      kvs: undefined,
      logs: [],
      logBytes: 0,
      logsTruncated: false,
      originCalls: [],
      warnings: [],
      customData: undefined,
      productionError: undefined,
      pending: false,
      checks: 0,
      limitMs,
      stopMessage,
      stopped: false,
      output: undefined,
      error: undefined,
    };
    defineEntry(entryKey);
  };

  function defineEntry(key: string): void {
    Object.defineProperty(g, key, {
      configurable: true,
      get() {
        delete g[key];
        return run;
      },
    });
  }

  R.collect = function collect(): string {
    const current = R.current;
    R.current = undefined;
    const error = current.stopped
      ? { name: 'InternalError', message: current.stopMessage }
      : current.pending
        ? { name: 'Error', message: 'The promise the handler returned never settled' }
        : current.error;
    const clean = R.resetGlobals();
    return stringify({
      output: error ? undefined : current.output,
      error,
      logs: current.logs,
      originCalls: current.originCalls,
      warnings: current.warnings,
      customData: current.customData,
      productionError: error ? undefined : current.productionError,
      reusable: clean,
    });
  };

  R.globals.console = console;
  R.globals.require = require;
  R.hardenAlso = [R.modules.crypto, R.modules.querystring, R.modules.buffer, R.modules.cloudfront, importModule];
}
