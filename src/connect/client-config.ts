/**
 * The client configuration that sends every request of the two clients to a cloudfront-kvs-mock
 * server: plain objects, nothing imported from the SDK. The data plane gets an endpoint provider
 * (its endpoint rules would put the account id in front of any host, and ask for SigV4a), the
 * control plane a plain `endpoint`; both get a signer that leaves the request as it is and
 * placeholder credentials, since the server never checks a signature.
 */
import { KvsMockUsageError } from '../errors';

/** The region a client gets when it has none: the server answers every region alike. */
export const DEFAULT_REGION = 'us-east-1';

/** Credentials that are never checked: they only keep the SDK from looking for real ones. */
export const PLACEHOLDER_CREDENTIALS = Object.freeze({ accessKeyId: 'AKIDKVSMOCKSERVER00', secretAccessKey: 'cloudfront-kvs-mock-server-placeholder' });

/** A signer that sends the request unsigned: no SigV4a implementation needed, no credentials read. */
export const PASS_THROUGH_SIGNER = Object.freeze({ sign: async <T>(request: T): Promise<T> => request });

/** Configuration for `new CloudFrontKeyValueStoreClient(...)`. */
export interface KeyValueStoreServerConfig {
  region: string;
  endpointProvider: () => { url: URL };
  signer: { sign<T>(request: T): Promise<T> };
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Configuration for `new CloudFrontClient(...)`. */
export interface CloudFrontServerConfig {
  region: string;
  endpoint: string;
  signer: { sign<T>(request: T): Promise<T> };
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** What {@link kvsServerClientConfig} returns: one configuration per client. */
export interface KvsServerClientConfig {
  keyValueStore: KeyValueStoreServerConfig;
  cloudFront: CloudFrontServerConfig;
}

/**
 * The configuration of each client for a server at `url`, for code that builds its clients with
 * options. Spread it first, so that the caller's own options (retries, a logger) still apply.
 *
 * @example
 * ```ts
 * import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
 * import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
 * import { kvsServerClientConfig } from 'cloudfront-kvs-mock/server';
 *
 * const config = kvsServerClientConfig('http://localhost:4567');
 * const data = new CloudFrontKeyValueStoreClient({ ...config.keyValueStore, maxAttempts: 1 });
 * const control = new CloudFrontClient(config.cloudFront);
 * ```
 */
export function kvsServerClientConfig(url: string): KvsServerClientConfig {
  const base = serverUrl(url, 'kvsServerClientConfig(url)');
  return {
    keyValueStore: { region: DEFAULT_REGION, endpointProvider: () => ({ url: new URL(base) }), signer: PASS_THROUGH_SIGNER, credentials: { ...PLACEHOLDER_CREDENTIALS } },
    cloudFront: { region: DEFAULT_REGION, endpoint: base, signer: PASS_THROUGH_SIGNER, credentials: { ...PLACEHOLDER_CREDENTIALS } },
  };
}

/** `url` checked: an http(s) URL with a host, no query or fragment; returned without a trailing slash. */
export function serverUrl(url: unknown, where: string): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search !== '' || parsed.hash !== '') {
    throw new KvsMockUsageError(`${where}: ${JSON.stringify(url)} is not a server URL. Give the URL the server prints, e.g. http://localhost:4567.`);
  }
  return parsed.href.replace(/\/$/, '');
}
