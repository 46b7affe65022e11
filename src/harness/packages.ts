import { createRequire } from 'node:module';
import { KvsMockUsageError } from '../errors';

/** The two client packages: optional peers, loaded only when a feature needs them. */
export const CLIENT_PACKAGES = {
  data: { name: '@aws-sdk/client-cloudfront-keyvaluestore', client: 'CloudFrontKeyValueStoreClient' },
  control: { name: '@aws-sdk/client-cloudfront', client: 'CloudFrontClient' },
} as const;

export type Plane = keyof typeof CLIENT_PACKAGES;

/** A client class as far as the harness needs it. */
export type ClientClass = new (config: object) => object;

/**
 * Where the client packages are looked for, in order. First this module's own `require` in
 * CommonJS: under jest, the test's module registry, so that after `resetModules()` it loads the
 * fresh copy the application gets (read through `module` because bundlers rewrite a bare
 * `require`). Then the working directory, where the application's packages are: the way in
 * for the ES module build and vitest, and for a linked copy of this package.
 */
const cwdRequire = createRequire(`${process.cwd()}/`);
const loaders: Array<(id: string) => unknown> = [
  ...(typeof module === 'object' && module !== null && typeof module.require === 'function' ? [(id: string) => module.require(id)] : []),
  cwdRequire,
];

/** The client class of one plane, or undefined when its package is not installed. */
export function findClientClass(plane: Plane): ClientClass | undefined {
  const { name, client } = CLIENT_PACKAGES[plane];
  for (const load of loaders) {
    let exports: Record<string, unknown>;
    try {
      exports = load(name) as Record<string, unknown>;
    } catch (error) {
      if (isNotFound(error, name)) continue;
      throw error;
    }
    const Client = exports[client];
    return typeof Client === 'function' ? (Client as ClientClass) : undefined;
  }
  return undefined;
}

/**
 * Every loaded copy's client class of one plane: the copy the loaders find, and every other
 * copy in Node's module cache (a monorepo's nested `node_modules`, a tool's own pinned copy).
 */
export function loadedClientClasses(plane: Plane): ClientClass[] {
  const { client } = CLIENT_PACKAGES[plane];
  const found = new Set<ClientClass>();
  const first = findClientClass(plane);
  if (first) found.add(first);
  for (const entry of Object.values(cwdRequire.cache ?? {})) {
    const Client = (entry?.exports as Record<string, unknown> | undefined)?.[client];
    if (typeof Client === 'function' && entry?.id.includes(`${CLIENT_PACKAGES[plane].name}/`)) found.add(Client as ClientClass);
  }
  return [...found];
}

/** The client class of one plane; a clear usage error when its package is missing. */
export function requireClientClass(plane: Plane, where: string): ClientClass {
  const Client = findClientClass(plane);
  if (Client) return Client;
  const { name, client } = CLIENT_PACKAGES[plane];
  throw new KvsMockUsageError(`${where} builds a ${client}, from the package ${name}, which is not installed. Install it next to this package: npm install --save-dev ${name}`);
}

/**
 * The exports of the client package copy that defined `Client`: the copy a client was built
 * from. The usual loaders find the application's copy; a nested copy (a monorepo's second
 * `node_modules`) is found in Node's module cache, which every CommonJS copy passes through.
 */
export function packageExportsOf(plane: Plane, Client: unknown): Record<string, unknown> | undefined {
  const { name, client } = CLIENT_PACKAGES[plane];
  for (const load of loaders) {
    try {
      const exports = load(name) as Record<string, unknown>;
      if (exports[client] === Client) return exports;
    } catch {
      // Not installed where this loader looks: try the next one.
    }
  }
  const cache = cwdRequire.cache ?? {};
  for (const entry of Object.values(cache)) {
    const exports = entry?.exports as Record<string, unknown> | undefined;
    if (exports && typeof exports === 'object' && exports[client] === Client) return exports;
  }
  return undefined;
}

function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(name);
}
