/**
 * Real SDK clients configured for a running server, as docs/server.md says: the data plane with
 * an endpoint provider that returns the server's URL (no account prefix on the host) and a
 * pass-through signer (no SigV4a package, no credentials); the control plane with `endpoint`.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { startKvsServer, type KvsServer, type KvsServerOptions } from '../../src/server';

/** Placeholder credentials: the server never checks a signature. */
export const PLACEHOLDER_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'placeholder' };

/** A data-plane client that sends every request to `url`. */
export function dataClientFor(url: string, config: Record<string, unknown> = {}): CloudFrontKeyValueStoreClient {
  return new CloudFrontKeyValueStoreClient({
    region: 'us-east-1',
    endpointProvider: () => ({ url: new URL(url) }),
    signer: { sign: async (request: any) => request },
    credentials: PLACEHOLDER_CREDENTIALS,
    ...config,
  } as never);
}

/** A control-plane client that sends every request to `url`. */
export function controlClientFor(url: string, config: Record<string, unknown> = {}): CloudFrontClient {
  return new CloudFrontClient({ region: 'us-east-1', endpoint: url, credentials: PLACEHOLDER_CREDENTIALS, ...config } as never);
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
