/**
 * Real SDK clients configured for a running server, as docs/server-clients.md says: the
 * configuration `kvsServerClientConfig()` returns (the data plane with an endpoint provider that
 * returns the server's URL and a pass-through signer, the control plane with `endpoint`).
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { kvsServerClientConfig, startKvsServer, type KvsServer, type KvsServerOptions } from '../../src/server';
import { PLACEHOLDER_CREDENTIALS as PLACEHOLDERS } from '../../src/connect/client-config';

/** Placeholder credentials: the server never checks a signature. */
export const PLACEHOLDER_CREDENTIALS = { ...PLACEHOLDERS };

/** A data-plane client that sends every request to `url`. */
export function dataClientFor(url: string, config: Record<string, unknown> = {}): CloudFrontKeyValueStoreClient {
  return new CloudFrontKeyValueStoreClient({ ...kvsServerClientConfig(url).keyValueStore, ...config });
}

/** A control-plane client that sends every request to `url`. */
export function controlClientFor(url: string, config: Record<string, unknown> = {}): CloudFrontClient {
  return new CloudFrontClient({ ...kvsServerClientConfig(url).cloudFront, ...config });
}

export interface ServerSetup {
  server: KvsServer;
  data: CloudFrontKeyValueStoreClient;
  control: CloudFrontClient;
  close(): Promise<void>;
}

/** A server on a free loopback port with both clients pointed at it (`maxAttempts: 1` unless `config` says otherwise). */
export async function startServerWithClients(options: KvsServerOptions = {}, config: Record<string, unknown> = {}): Promise<ServerSetup> {
  const server = await startKvsServer({ seed: 'test', ...options });
  const clientConfig = { maxAttempts: 1, ...config };
  const data = dataClientFor(server.url, clientConfig);
  const control = controlClientFor(server.url, clientConfig);
  return {
    server,
    data,
    control,
    async close() {
      data.destroy();
      control.destroy();
      await server.close();
    },
  };
}
