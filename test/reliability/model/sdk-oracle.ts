/**
 * The real SDK, with no double, as an oracle of its own client-side behaviour: clients with a
 * region, dummy credentials, a no-op SigV4a signer and a request handler that never sends but
 * records that the request got that far. Whatever they throw before reaching the handler is the
 * SDK's own error for that input (EndpointError, a missing label, URIError, a serializer's
 * TypeError...); the double may throw only exactly those. No network is ever touched.
 */
import * as cf from '@aws-sdk/client-cloudfront';
import * as kv from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { Plane } from './lockstep';

/** Thrown by the handler: the SDK built and signed the request, so it would have been sent. */
class Sent extends Error {
  override name = 'Sent';
}

const handler = {
  handle: async (request: { query?: Record<string, unknown> }): Promise<never> => {
    // What an HTTP handler does first: percent-encode the query string (URIError for a lone surrogate).
    for (const [k, v] of Object.entries(request.query ?? {})) for (const item of Array.isArray(v) ? v : [v]) encodeURIComponent(k + String(item ?? ''));
    throw new Sent('the SDK would have sent this request');
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs() {
    return {};
  },
};

const credentials = { accessKeyId: 'AKIDORACLE', secretAccessKey: 'oracle' };

export type SdkVerdict = { sent: true } | { sent: false; error: any; sync: boolean };

export class SdkOracle {
  readonly data = new kv.CloudFrontKeyValueStoreClient({
    region: 'us-east-1',
    credentials,
    requestHandler: handler,
    maxAttempts: 1,
    // The data plane signs with SigV4a only; a no-op signer keeps the oracle free of that package.
    httpAuthSchemes: [{ schemeId: 'aws.auth#sigv4a', identityProvider: () => async () => ({}), signer: { sign: async (request: unknown) => request } }],
  } as kv.CloudFrontKeyValueStoreClientConfig);
  readonly control = new cf.CloudFrontClient({ region: 'us-east-1', credentials, requestHandler: handler, maxAttempts: 1 });
  calls = 0;

  /** What the bare SDK does with this input: send it, or throw its own error first. */
  async verdict(plane: Plane, Command: new (input: any) => any, input: unknown): Promise<SdkVerdict> {
    this.calls++;
    const client: { send(command: unknown): Promise<unknown> } = plane === 'data' ? this.data : this.control;
    let promise: Promise<unknown>;
    try {
      promise = client.send(new Command(input));
    } catch (error) {
      return { sent: false, error, sync: true };
    }
    try {
      await promise;
    } catch (error) {
      if (error instanceof Sent) return { sent: true };
      return { sent: false, error, sync: false };
    }
    throw new Error('the oracle handler never answers, so send cannot succeed');
  }
}
