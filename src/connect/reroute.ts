/**
 * Sends every client of the two services to the server. `send` lives on `@smithy`'s
 * `Client.prototype`, shared by every AWS client of that copy (as for `install()`); the wrapper
 * reconfigures a client of our two services on its first `send`, before the SDK builds its chain,
 * and leaves every other client alone at the cost of a WeakSet lookup.
 */
import { DEFAULT_REGION, PASS_THROUGH_SIGNER, PLACEHOLDER_CREDENTIALS } from './client-config';

/** The two client classes, by the `serviceId` of their config (generated code, stable). */
const CLIENTS = { CloudFrontClient: 'CloudFront', CloudFrontKeyValueStoreClient: 'CloudFront KeyValueStore' } as const;
const SERVICE_IDS = new Set<string>(Object.values(CLIENTS));

/** Marks a `send` this module put in place, so that no copy wraps it twice. */
const ROUTED = Symbol.for('cloudfront-kvs-mock.connect.send');

export interface Route {
  /** The server's URL, without a trailing slash. */
  url: string;
  /** Told once per client class when an application's own endpoint is overridden. */
  onOverride(clientName: string, endpoint: string): void;
}

type Send = (this: SdkClient, ...args: unknown[]) => unknown;

interface SdkClient {
  constructor: { name: string };
  config?: ClientConfig;
}

interface ClientConfig {
  serviceId?: unknown;
  isCustomEndpoint?: boolean;
  endpoint?: () => Promise<{ protocol?: string; hostname?: string; port?: number; path?: string } | undefined>;
  [key: string]: unknown;
}

/** Patches the client classes found in one loaded copy of a client package (its exports, or an ES namespace). */
export function reroutePackage(exports: unknown, route: Route): void {
  for (const source of [exports, (exports as { default?: unknown } | null)?.default]) {
    if (source === null || (typeof source !== 'object' && typeof source !== 'function')) continue;
    for (const name of Object.keys(CLIENTS) as Array<keyof typeof CLIENTS>) {
      let Client: unknown;
      try {
        Client = (source as Record<string, unknown>)[name];
      } catch {
        continue;
      }
      if (typeof Client === 'function') patchSend(Client.prototype as object, route);
    }
  }
}

function patchSend(prototype: object, route: Route): void {
  const owner = sendOwner(prototype);
  const original = owner && Object.getOwnPropertyDescriptor(owner, 'send');
  if (!owner || typeof original?.value !== 'function' || (original.value as { [ROUTED]?: true })[ROUTED]) return;
  const sdkSend = original.value as Send;
  const seen = new WeakSet<object>();
  const send = function send(this: SdkClient, ...args: unknown[]): unknown {
    if (!seen.has(this)) {
      seen.add(this);
      if (SERVICE_IDS.has(this.config?.serviceId as string)) reconfigure(this, route);
    }
    return sdkSend.apply(this, args);
  };
  Object.defineProperty(send, ROUTED, { value: true });
  Object.defineProperty(owner, 'send', { ...original, value: send });
}

/** The topmost prototype that has its own `send`: the SDK's base class. */
function sendOwner(prototype: object | null): object | undefined {
  let owner: object | undefined;
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, 'send')) owner = p;
  }
  return owner;
}

/**
 * Rewrites the resolved config, which the SDK reads on every call: an endpoint provider that
 * returns the server's URL (no account prefix on the host, whatever the endpoint rules say), no
 * custom or configured endpoint for the rules to check, a signer that leaves the request as it is,
 * placeholder credentials (no lookup in files, the environment or instance metadata), and a region
 * when the application has none (FIPS and dual-stack endpoints mean nothing to the server).
 */
function reconfigure(client: SdkClient, route: Route): void {
  const config = client.config!;
  if (config.isCustomEndpoint === true && typeof config.endpoint === 'function') {
    void config.endpoint().then(
      (endpoint) => route.onOverride(client.constructor.name, endpoint?.hostname ? `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path ?? ''}` : 'its own endpoint'),
      () => route.onOverride(client.constructor.name, 'its own endpoint'),
    );
  }
  const url = `${route.url}/`;
  config.endpointProvider = () => ({ url: new URL(url) });
  config.isCustomEndpoint = false;
  config.ignoreConfiguredEndpointUrls = true;
  config.signer = async () => PASS_THROUGH_SIGNER;
  config.credentials = async () => ({ ...PLACEHOLDER_CREDENTIALS });
  // The SDK's FIPS check reads the application's region: with none, it would fail first.
  config.useFipsEndpoint = async () => false;
  config.useDualstackEndpoint = async () => false;
  const region = config.region;
  config.region = async () => {
    try {
      return (typeof region === 'function' ? await region() : region) || DEFAULT_REGION;
    } catch {
      return DEFAULT_REGION;
    }
  };
}
