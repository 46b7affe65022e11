/**
 * The preload: with `CLOUDFRONT_KVS_MOCK_ENDPOINT` set, every `CloudFrontClient` and
 * `CloudFrontKeyValueStoreClient` of the process goes to that server, including one the
 * application built with its own endpoint (nothing of an application run this way may reach AWS).
 */
import { KvsMockUsageError } from '../errors';
import { holdNetworkGuard } from '../sdk/network-guard';
import { serverUrl } from './client-config';
import { GLOBAL_KEY, hookImport, hookRequire } from './module-hooks';
import { reroutePackage, type Route } from './reroute';

/** The variable that names the server. */
export const ENDPOINT_VARIABLE = 'CLOUDFRONT_KVS_MOCK_ENDPOINT';

interface Connected {
  url: string;
  reroute(exports: unknown): void;
}

/** Installs the hooks once per process (a `--require` and an `--import` of the preload share them). */
export function connect(env: NodeJS.ProcessEnv = process.env): void {
  const holder = globalThis as { [GLOBAL_KEY]?: Connected };
  if (holder[GLOBAL_KEY]) return;
  const value = env[ENDPOINT_VARIABLE];
  if (value === undefined || value === '') {
    throw new KvsMockUsageError(
      `cloudfront-kvs-mock/connect is preloaded, but ${ENDPOINT_VARIABLE} is not set. Set it to the URL the server prints, e.g. ${ENDPOINT_VARIABLE}=http://localhost:4567 (start one with npx cloudfront-kvs-mock serve), or take cloudfront-kvs-mock/connect out of NODE_OPTIONS.`,
    );
  }
  const url = serverUrl(value, ENDPOINT_VARIABLE);
  const told = new Set<string>();
  const route: Route = {
    url,
    onOverride(clientName, endpoint) {
      if (told.has(clientName)) return;
      told.add(clientName);
      process.emitWarning(`cloudfront-kvs-mock/connect: a ${clientName} configured with ${endpoint} is sent to ${url}, like every client of this process.`, { code: 'CLOUDFRONT_KVS_MOCK_CONNECT' });
    },
  };
  holder[GLOBAL_KEY] = { url, reroute: (exports) => reroutePackage(exports, route) };
  hookRequire((exports) => reroutePackage(exports, route));
  hookImport();
  // A client the hooks cannot reach (an SDK bundled into the application) fails instead of reaching AWS.
  holdNetworkGuard(holder[GLOBAL_KEY], `cloudfront-kvs-mock/connect routes the clients of this process to ${url}, and this one was not reached: its SDK was not loaded by package name (bundled into the application?). Build its client with kvsServerClientConfig() from cloudfront-kvs-mock/server, or leave the SDK out of the bundle.`);
}
