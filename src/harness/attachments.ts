/**
 * The clients one simulator answers through `attach()`: the middleware on each, the fast path,
 * the network guard while any is attached, and the clients `fakeSend()` lent it.
 */
import { KvsMockUsageError } from '../errors';
import { MIDDLEWARE_NAME, createMiddleware, type Binding } from '../sdk/middleware';
import { enableFastPath } from '../sdk/fast-path';
import { holdNetworkGuard, releaseNetworkGuard } from '../sdk/network-guard';
import { fakeSendOf } from './client-mock';
import { lend, markExplicit, takeLent, unmarkExplicit } from './context';

/** A client of either KVS client package, as far as attaching needs to know it. */
export interface AttachableClient {
  middlewareStack: {
    add(middleware: any, options: any): void;
    remove(toRemove: any): boolean;
  };
  config: unknown;
}

/** The attached clients of one simulator (`holder`, the network guard's key for it). */
export class Attachments {
  readonly #attached = new Map<AttachableClient, Binding>();
  /** The attached clients `fakeSend()` attached: released by `reset()` and `restore()`. */
  readonly #lent = new Set<AttachableClient>();

  constructor(
    private readonly holder: object,
    private readonly allowNetwork: boolean,
  ) {}

  /**
   * Puts the middleware on `client`, answering for the binding `bindingFor` makes (once the
   * client is known to be one); a client lent elsewhere is taken back first.
   */
  attach<C extends AttachableClient>(client: C, bindingFor: () => Binding): C {
    if (!client || typeof client !== 'object' || typeof client.middlewareStack?.add !== 'function') {
      throw new KvsMockUsageError('attach(client) takes an SDK v3 client instance, e.g. new CloudFrontKeyValueStoreClient({}) or new CloudFrontClient({}).');
    }
    const binding = bindingFor();
    // Out of any simulator's fakeSend() loan first: from here on the attachment is this one.
    takeLent(client)?.();
    client.middlewareStack.add(
      createMiddleware(() => binding, client),
      { step: 'initialize', priority: 'high', name: MIDDLEWARE_NAME, override: true },
    );
    dropCachedHandlers(client);
    enableFastPath(client); // performance: skip rebuilding the SDK chain when ours answers first (src/sdk/fast-path.ts)
    this.#attached.set(client, binding);
    if (!this.allowNetwork) holdNetworkGuard(this.holder);
    markExplicit(client);
    return client;
  }

  detach(client: AttachableClient): boolean {
    if (!this.#attached.delete(client)) return false;
    if (this.#lent.delete(client)) takeLent(client);
    if (this.#attached.size === 0) releaseNetworkGuard(this.holder);
    client.middlewareStack.remove(MIDDLEWARE_NAME);
    dropCachedHandlers(client);
    unmarkExplicit(client);
    return true;
  }

  /** The `send` for aws-sdk-client-mock: a client it meets is attached (by `attach`) and lent. */
  fakeSend(attach: (client: AttachableClient) => void): (command: any, ...rest: any[]) => Promise<any> {
    return fakeSendOf<AttachableClient>((client) => {
      if (this.#attached.has(client)) return;
      attach(client);
      this.#lent.add(client);
      lend(client, () => this.detach(client));
    });
  }

  /** Detaches the clients `fakeSend()` attached: the stub, not the simulator, decided they are its. */
  releaseLent(): void {
    for (const client of [...this.#lent]) this.detach(client);
  }

  /** The accounts attached clients act for. */
  *accounts(): IterableIterator<string> {
    for (const binding of this.#attached.values()) yield binding.accountId;
  }
}

/** A client with `cacheMiddleware: true` keeps its built chain; it must be rebuilt to see a change. */
function dropCachedHandlers(client: object): void {
  delete (client as { handlers?: unknown }).handlers;
}
