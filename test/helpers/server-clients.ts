/**
 * `test/helpers/clients.ts` against a server: `setup()` returns the same simulator and real
 * clients, but the clients reach the simulator over HTTP, configured as docs/server.md says
 * (the endpoint is resolved when the first request goes out, since `setup()` is synchronous
 * and a server starts asynchronously). jest.server.config.ts maps the suites'
 * `../helpers/clients` here, so a suite runs unchanged against the server: one server per
 * `setup()`, closed after the file.
 */
import { afterAll } from '@jest/globals';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, type KvsSimulator, type KvsSimulatorOptions } from '../../src';
import { serverClock } from '../../src/server/clock';
import { resolveServerOptions } from '../../src/server/options';
import { serve, type Served } from '../../src/server/serve';
import { PLACEHOLDER_CREDENTIALS } from './server';

export { metadata, rejection } from './clients';

const opened: Array<{ served: Promise<Served>; clients: Array<{ destroy(): void }> }> = [];

afterAll(async () => {
  for (const { served, clients } of opened.splice(0)) {
    for (const client of clients) client.destroy();
    await (await served).close();
  }
});

/** A simulator served over HTTP, with both kinds of real client pointed at the server. */
export function setup(
  options: KvsSimulatorOptions = {},
  config: { maxAttempts?: number; retryStrategy?: any } = {},
): { kvs: KvsSimulator; data: CloudFrontKeyValueStoreClient; control: CloudFrontClient } {
  const kvs = createKvsSimulator({ seed: 'test', ...options });
  const served = serve({ simulator: kvs, clock: serverClock(), options: resolveServerOptions({}), state: undefined, closing: false, inFlight: 0, idle: undefined });
  const url = async () => new URL((await served).url);
  const data = new CloudFrontKeyValueStoreClient({
    region: 'us-east-1',
    endpointProvider: (async () => ({ url: await url() })) as never,
    signer: { sign: async (request: any) => request },
    credentials: PLACEHOLDER_CREDENTIALS,
    ...config,
  } as never);
  const control = new CloudFrontClient({
    region: 'us-east-1',
    endpoint: async () => {
      const { hostname, port, protocol } = await url();
      return { hostname, port: Number(port), protocol, path: '/' };
    },
    credentials: PLACEHOLDER_CREDENTIALS,
    ...config,
  } as never);
  opened.push({ served, clients: [data, control] });
  return { kvs, data, control };
}
