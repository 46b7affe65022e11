/**
 * The bridge to aws-sdk-client-mock: its `mockClient(Class)` puts a sinon stub in front of the
 * SDK's `send`. A fake for that stub attaches the simulator to the client that was called and
 * runs the SDK's own `send` on it, so the answer is exactly what an attached client gets, while
 * the stub keeps recording the calls for its matchers.
 */
import { KvsMockUsageError } from '../errors';
import { sendOwner, unwrapInstall } from '../sdk/fast-path';

type Send = (this: object, ...args: unknown[]) => unknown;

/** A `send` that attaches the client (through `attach`) and then sends past any stub. */
export function fakeSendOf<C extends object>(attach: (client: C) => void): (command: any, ...rest: any[]) => Promise<any> {
  return function send(this: C, ...args: unknown[]): Promise<any> {
    const owner = typeof this === 'object' && this !== null ? sendOwner(Object.getPrototypeOf(this)) : undefined;
    if (!owner) {
      throw new KvsMockUsageError('fakeSend() must be installed as a client\'s send, e.g. mockClient(CloudFrontKeyValueStoreClient).send.callsFake(kvs.fakeSend()).');
    }
    attach(this);
    // The base-most `send` is the SDK's, never the stub. Past the global install's wrapper too:
    // a call of a lent client that reaches the wrapper then proves the stub is gone.
    return (unwrapInstall((owner as { send: Send }).send) as Send).apply(this, args) as Promise<any>;
  };
}
