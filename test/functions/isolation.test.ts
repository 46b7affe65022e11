import { describe, expect, jest, test } from '@jest/globals';
import { runFunction, viewerRequestEvent } from '../../src';
import { RUNTIMES, run } from './run';

const KVS = { k: 'v' };
const v2 = (body: string, extra: Record<string, unknown> = {}) =>
  runFunction({ code: `import cf from 'cloudfront';\nasync function handler(event) {\n${body}\nreturn event.request; }`, event: viewerRequestEvent(), kvs: KVS, ...extra });

/** The escape attempt's value is logged as JSON when it "works"; every attempt must fail in the context. */
const ESCAPES: Array<[string, string]> = [
  ['cf.kvs().constructor.constructor', "cf.kvs().constructor.constructor('return process')()"],
  ['the async function constructor', "(async () => {}).constructor('return process')()"],
  ['a Buffer', "Buffer.from('').constructor.constructor('return process')()"],
  ['console.log', "console.log.constructor('return process')()"],
  ['require', "require.constructor('return process')()"],
  ['an error from kvs.get', "await cf.kvs().get('missing').catch((e) => e.constructor.constructor('return process')())"],
  ['a kvs.get promise', "cf.kvs().get('k').then.constructor('return process')()"],
  ['the value of kvs.get as bytes', "(await cf.kvs().get('k', { format: 'bytes' })).constructor.constructor('return process')()"],
  ['kvs.meta()', "(await cf.kvs().meta()).constructor.constructor('return process')()"],
  ['the event', "event.constructor.constructor('return process')()"],
  ['rawQueryString', "event.request.rawQueryString.constructor('return process')()"],
  ['cf.edgeLocation', "cf.edgeLocation.constructor.constructor('return process')()"],
  ['the global object', "globalThis.constructor.constructor('return process')()"],
  ['a crypto hash', "require('crypto').createHash('md5').constructor.constructor('return process')()"],
];

describe('isolation: nothing of the host reaches the function', () => {
  test.each(ESCAPES)('through %s, the Function constructor is the context\'s own and generates no code', (_name, attempt) => {
    const result = v2(`console.log(JSON.stringify(${attempt}));`);
    expect(result.error?.name).toBe('EvalError');
    expect(result.logs).toEqual([]);
  });

  test('every object reachable from the globals and from what the runtime hands in has the context\'s prototypes', () => {
    const walk = `
      var F = Function.prototype, O = Object.prototype, seen = [], queue = [globalThis, cf, cf.kvs(), event, await cf.kvs().get('k', { format: 'bytes' }), await cf.kvs().meta(),
        cf.kvs().get('k'), await cf.kvs().get('nope').catch((e) => e), require('crypto').createHash('sha1'), require('querystring'), cf.edgeLocation, (async () => {}), console];
      var foreign = [];
      while (queue.length) {
        var o = queue.pop();
        if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.indexOf(o) >= 0) continue;
        seen.push(o);
        var chain = o, top = o;
        while (chain !== null) { top = chain; chain = Object.getPrototypeOf(chain); }
        if (top !== O) foreign.push(String(o));
        if (typeof o === 'function' && o !== F && !(o instanceof Function)) foreign.push('function ' + o.name);
        queue.push(Object.getPrototypeOf(o));
        Object.getOwnPropertyNames(o).forEach(function (k) {
          var d = Object.getOwnPropertyDescriptor(o, k);
          if (d) queue.push(d.value, d.get, d.set);
        });
      }
      console.log(JSON.stringify({ objects: seen.length, foreign: foreign }));`;
    const result = v2(walk);
    expect(result.error).toBeUndefined();
    const report = JSON.parse(result.logs[0]!);
    expect(report.foreign).toEqual([]);
    expect(report.objects).toBeGreaterThan(500);
  });

  test('a host error at the bridge (a stack overflow as the store is read) arrives as the context\'s RangeError', () => {
    const result = v2(`
      var caught;
      function deep(n) { try { return deep(n + 1); } catch (e) { try { cf.kvs().get('k'); } catch (inner) { caught = inner; } throw e; } }
      try { deep(0); } catch (e) { caught = caught || e; }
      console.log(String(caught instanceof RangeError) + ' ' + (Object.getPrototypeOf(Object.getPrototypeOf(caught)) === Error.prototype));
      caught.constructor.constructor('return process')();`);
    expect(result.error?.name).toBe('EvalError');
    expect(result.logs).toEqual(['true true']);
  });

  test.each(RUNTIMES)('%s: this, arguments.callee and Error.prepareStackTrace lead nowhere', (runtime) => {
    expect(run('var top = this;\nfunction handler(event) { console.log(String(top) + String(this)); return event.request; }', runtime).logs).toEqual(['undefinedundefined']);
    expect(run('function handler(event) { return arguments.callee; }', runtime).error?.name).toBe('TypeError');
    expect(run('function handler(event) { Error.prepareStackTrace = function (e, frames) { return frames; }; return event.request; }', runtime).error?.name).toBe('TypeError');
    expect(run("function handler(event) { require('process'); }", runtime).error?.message).toBe('Cannot find module "process"');
  });
});

describe('isolation: each invocation starts from fresh globals', () => {
  const MUTATE = `
    globalThis.leak = 'left over';
    globalThis.JSON = { stringify: function () { return 'forged'; } };
    Object.defineProperty(globalThis, 'pinned', { value: 1, configurable: false });
    delete globalThis.console;
    var attempts = ['Object.prototype.polluted = 1', 'Array.prototype.push = null', 'Math.max = null', 'delete String.prototype.trim', 'Error.stackTraceLimit = 0'];
    for (var i = 0; i < attempts.length; i++) { try { (0, Function)(attempts[i]); } catch (e) {} }
    try { Object.prototype.polluted = 1; } catch (e) {}
    try { Array.prototype.push = null; } catch (e) {}
    try { delete String.prototype.trim; } catch (e) {}
    try { Date.now = function () { return 1; }; } catch (e) {}`;

  test.each(RUNTIMES)('%s: what one invocation changes is gone in the next', (runtime) => {
    const dirty = run(`${MUTATE}\nfunction handler(event) { return event.request; }`, runtime);
    expect(dirty.error).toBeUndefined();
    const check = run(
      "function handler(event) { console.log([typeof leak, typeof pinned, ({}).polluted, typeof [].push, typeof ''.trim, Date.now(), JSON.stringify({ a: 1 })].join('|')); return event.request; }",
      runtime,
      { now: 5 },
    );
    expect(check.logs).toEqual(['undefined|undefined||function|function|5|{"a":1}']);
  });

  test('the global object cannot be frozen; a global pinned non-configurable retires the context', () => {
    expect(run('Object.preventExtensions(globalThis);\nfunction handler(event) { return event.request; }').error).toEqual({ name: 'TypeError', message: 'Cannot prevent extensions' });
    expect(run("Object.defineProperty(globalThis, 'x', { value: 1 });\nfunction handler(event) { return event.request; }").error).toBeUndefined();
    expect(run("globalThis.y = 2;\nfunction handler(event) { console.log(typeof x + ' ' + y); return event.request; }").logs).toEqual(['undefined 2']);
  });

  test('built-ins cannot be changed, yet instances still shadow inherited members', () => {
    expect(run('function handler(event) { Array.prototype.extra = 1; }').error).toEqual({ name: 'TypeError', message: expect.stringContaining('extra') });
    const result = run("function handler(event) { var e = new Error('m'); e.name = 'Custom'; var o = {}; o.toString = function () { return 'o!'; }; console.log(String(e) + ' ' + o); return event.request; }");
    expect(result.logs).toEqual(['Custom: m o!']);
  });
});

describe('isolation: every endless loop is stopped (F13)', () => {
  const limits = { timeLimitMs: 100 };
  test.each([
    ['a synchronous loop in handler', 'function handler(event) { while (true) {} }'],
    ['a loop outside handler', 'for (;;) {}\nfunction handler(event) { return event.request; }'],
    ['a loop through await', 'async function handler(event) { while (true) { await null; } }'],
    ['a promise chain that never ends', 'function spin() { return Promise.resolve().then(spin); }\nasync function handler(event) { await spin(); }'],
  ])('%s', (_name, code) => {
    const result = run(code, 'cloudfront-js-2.0', { limits });
    expect(result.error).toEqual({ name: 'InternalError', message: 'The function ran past the time limit (100 ms) and was stopped' });
    expect(result.computeUtilization).toBe(100);
    expect(run('function handler(event) { return event.request; }').error).toBeUndefined();
  });

  test('cloudfront-js-1.0: a loop, and a loop whose error the function catches', () => {
    for (const code of ['function handler(event) { for (;;) {} }', 'function handler(event) { while (true) { try { while (true) {} } catch (e) {} } }']) {
      expect(run(code, 'cloudfront-js-1.0', { limits }).error).toEqual({ name: 'InternalError', message: 'The function ran past the time limit (100 ms) and was stopped' });
    }
  });

  test('fake timers do not stop the clock the limit reads (CPU time)', () => {
    jest.useFakeTimers();
    try {
      expect(run('async function handler(event) { while (true) { await null; } }', 'cloudfront-js-2.0', { limits }).error?.name).toBe('InternalError');
    } finally {
      jest.useRealTimers();
    }
  });

  test('a promise that never settles is an error, not a hang', () => {
    expect(run('async function handler(event) { await new Promise(function () {}); }').error).toEqual({ name: 'Error', message: 'The promise the handler returned never settled' });
  });
});

describe('a host started with --expose-gc', () => {
  // V8 puts a non-configurable `gc` on every context then: the runtime must still start, and
  // the function must not see it (CloudFront has no `gc`).
  test('runs functions, and gc is undefined inside them', () => {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const { join } = require('node:path') as typeof import('node:path');
    const root = join(__dirname, '..', '..');
    const script = `const { runFunction, viewerRequestEvent } = require(${JSON.stringify(join(root, 'src/index.ts'))});
const r = runFunction({ code: "function handler(event) { event.request.headers['x-gc'] = { value: typeof gc }; return event.request; }", event: viewerRequestEvent() });
process.stdout.write(r.errorMessage || r.output.request.headers['x-gc'].value);`;
    const out = execFileSync(process.execPath, ['--expose-gc', '-r', join(root, 'bench/register.cjs'), '-e', script], { encoding: 'utf8' });
    expect(out).toBe('undefined');
  });
});
