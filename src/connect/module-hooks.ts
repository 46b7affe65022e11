/**
 * Finds every copy of the two client packages as it loads, by package name: `require` through
 * `Module._load`, `import` through an ES module resolve hook. Nothing depends on the packages'
 * file layout, so a release that adds an `exports` map (or ships pure ES modules) is reached too.
 */
import Module from 'node:module';

/** The packages whose loading is watched. */
export const CLIENT_PACKAGES = ['@aws-sdk/client-cloudfront', '@aws-sdk/client-cloudfront-keyvaluestore'] as const;

/** Where the ES module wrapper finds the patch: the wrapper runs in the application's realm, the hook in a loader thread. */
export const GLOBAL_KEY = Symbol.for('cloudfront-kvs-mock.connect');

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Calls `onLoad` with the exports of every `require()` of either package by name. */
export function hookRequire(onLoad: (exports: unknown) => void): void {
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  const names = new Set<string>(CLIENT_PACKAGES);
  loader._load = function _load(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const exports = original.call(this, request, parent, isMain);
    if (names.has(request)) onLoad(exports);
    return exports;
  };
}

/**
 * An `import` of either package by name resolves to a small wrapper module that imports the real
 * one, hands its namespace to the patch in `globalThis[GLOBAL_KEY]`, and re-exports it all
 * (`default` too, for a CommonJS package), so the application gets the same classes.
 */
const HOOKS = `
const NAMES = new Set(${JSON.stringify(CLIENT_PACKAGES)});
const TAG = 'cloudfront-kvs-mock-connect';
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (!NAMES.has(specifier)) return resolved;
  const format = resolved.format === 'module' ? 'module' : 'commonjs';
  return { url: resolved.url + (resolved.url.includes('?') ? '&' : '?') + TAG + '=' + format, format: 'module', shortCircuit: true };
}
export async function load(url, context, nextLoad) {
  const match = /[?&]cloudfront-kvs-mock-connect=(module|commonjs)$/.exec(url);
  if (!match) return nextLoad(url, context);
  const real = JSON.stringify(url.slice(0, match.index));
  const source = 'import * as ns from ' + real + ';\\n' +
    "globalThis[Symbol.for('cloudfront-kvs-mock.connect')]?.reroute(ns);\\n" +
    'export * from ' + real + ';\\n' +
    (match[1] === 'commonjs' ? 'export { default } from ' + real + ';\\n' : '');
  return { format: 'module', source, shortCircuit: true };
}
`;

/** Registers the ES module hooks (Node 20.6 and later; earlier releases load only CommonJS this way). */
export function hookImport(): void {
  const register = (Module as unknown as { register?: (specifier: string) => void }).register;
  register?.(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
}
