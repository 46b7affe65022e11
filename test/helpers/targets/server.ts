/**
 * The server target: the test's simulator served over HTTP on loopback, with real clients
 * configured as docs/server.md says (the data plane's endpoint provider returns the server's
 * URL, no account prefix, a pass-through signer, placeholder credentials; the control plane's
 * `endpoint`). `setup()` is synchronous and a server starts asynchronously, so the endpoint is
 * resolved when the first request goes out. One server per `setup()`, closed after the file.
 */
import { afterAll } from '@jest/globals';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { serverClock } from '../../../src/server/clock';
import { resolveServerOptions } from '../../../src/server/options';
import { serve, type Served } from '../../../src/server/serve';
import { PLACEHOLDER_CREDENTIALS } from '../server';
import type { TargetDriver } from '../target';

const opened: Array<{ served: Promise<Served>; clients: Array<{ destroy(): void }> }> = [];

afterAll(async () => {
  for (const { served, clients } of opened.splice(0)) {
    for (const client of clients) client.destroy();
    await (await served).close();
  }
});

export const serverTarget: TargetDriver = {
  name: 'server',
  clients(kvs, config) {
    if (!kvs) throw new Error('the server target serves the test’s simulator: it needs one');
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
    return { data, control };
  },
};
