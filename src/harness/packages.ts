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
 * The exports of every loaded copy of one plane's package: the copy the loaders find, then every
 * other copy in Node's module cache (a monorepo's nested `node_modules`, a tool's own pinned
 * copy), which every CommonJS copy passes through.
 */
function* loadedCopies(plane: Plane): Generator<Record<string, unknown>> {
  const { name, client } = CLIENT_PACKAGES[plane];
  for (const load of loaders) {
    try {
      yield load(name) as Record<string, unknown>;
      break;
    } catch (error) {
      if (!isNotFound(error, name)) throw error;
    }
  }
  for (const entry of Object.values(cwdRequire.cache ?? {})) {
    const exports = entry?.exports as Record<string, unknown> | undefined;
    if (typeof exports?.[client] === 'function' && entry!.id.includes(`${name}/`)) yield exports;
  }
}

/** Every loaded copy's client class of one plane, each once. */
export function loadedClientClasses(plane: Plane): ClientClass[] {
  const found = new Set<ClientClass>();
  for (const exports of loadedCopies(plane)) {
    const Client = exports[CLIENT_PACKAGES[plane].client];
    if (typeof Client === 'function') found.add(Client as ClientClass);
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

/** The exports of the client package copy that defined `Client`: the copy a client was built from. */
export function packageExportsOf(plane: Plane, Client: unknown): Record<string, unknown> | undefined {
  for (const exports of loadedCopies(plane)) if (exports[CLIENT_PACKAGES[plane].client] === Client) return exports;
  return undefined;
}

function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(name);
}
