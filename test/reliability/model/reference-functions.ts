/**
 * A reference model of key value stores and CloudFront functions for the functions
 * model-based test, written from the Decisions (F1–F8), not from the double: which call
 * succeeds, which error it gets, and what every store and function holds afterwards. It keeps
 * the ETags the double issued (they are random) and decides only whether one is current.
 */

export interface ModelCopy {
  code: string;
  /** The name of the associated store, if any. */
  store: string | undefined;
  etag: string;
}

export interface ModelFunction {
  runtime: '1.0' | '2.0';
  dev: ModelCopy;
  live: ModelCopy | undefined;
}

export interface FunctionQuotas {
  functionsPerAccount: number;
  functionsPerKeyValueStore: number;
  functionSizeBytes: number;
}

/** What a call should get: success, or the error code. */
export type Expected = { ok: true } | { error: string };

const OK: Expected = { ok: true };

export class ReferenceFunctions {
  /** Live stores by name: their control-plane ETag. */
  readonly stores = new Map<string, { arn: string; etag: string }>();
  readonly functions = new Map<string, ModelFunction>();

  constructor(readonly quotas: FunctionQuotas) {}

  /** Names of the functions whose either stage uses `store`, but `except`. */
  users(store: string, except?: string): string[] {
    return [...this.functions]
      .filter(([name, fn]) => name !== except && (fn.dev.store === store || fn.live?.store === store))
      .map(([name]) => name)
      .sort();
  }

  createStore(name: string): Expected {
    return this.stores.has(name) ? { error: 'EntityAlreadyExists' } : OK;
  }

  deleteStore(name: string, etag: string | undefined): Expected {
    const store = this.stores.get(name);
    if (!store) return { error: 'EntityNotFound' };
    if (!etag) return { error: 'InvalidIfMatchVersion' };
    if (etag !== store.etag) return { error: 'PreconditionFailed' };
    if (this.users(name).length > 0) return { error: 'CannotDeleteEntityWhileInUse' };
    return OK;
  }

  /** F5's checks of one association for `self` (undefined on create). */
  private association(runtime: '1.0' | '2.0', store: string | undefined, unknownStore: boolean, self: string | undefined): Expected {
    if (store === undefined && !unknownStore) return OK;
    if (runtime !== '2.0' || unknownStore || !this.stores.has(store!)) return { error: 'InvalidArgument' };
    if (this.users(store!, self).length >= this.quotas.functionsPerKeyValueStore) return { error: 'InvalidArgument' };
    return OK;
  }

  createFunction(name: string, runtime: '1.0' | '2.0', code: string, store: string | undefined, unknownStore: boolean): Expected {
    const association = this.association(runtime, store, unknownStore, undefined);
    if (!('ok' in association)) return association;
    if (this.functions.has(name)) return { error: 'FunctionAlreadyExists' };
    if (this.functions.size >= this.quotas.functionsPerAccount) return { error: 'TooManyFunctions' };
    if (Buffer.byteLength(code) > this.quotas.functionSizeBytes) return { error: 'FunctionSizeLimitExceeded' };
    return OK;
  }

  private guarded(name: string, etag: string | undefined): Expected {
    const fn = this.functions.get(name);
    if (!fn) return { error: 'NoSuchFunctionExists' };
    if (!etag) return { error: 'InvalidIfMatchVersion' };
    if (etag !== fn.dev.etag) return { error: 'PreconditionFailed' };
    return OK;
  }

  updateFunction(name: string, etag: string | undefined, runtime: '1.0' | '2.0', code: string, store: string | undefined, unknownStore: boolean): Expected {
    const guard = this.guarded(name, etag);
    if (!('ok' in guard)) return guard;
    const association = this.association(runtime, store, unknownStore, name);
    if (!('ok' in association)) return association;
    if (Buffer.byteLength(code) > this.quotas.functionSizeBytes) return { error: 'FunctionSizeLimitExceeded' };
    return OK;
  }

  publishFunction(name: string, etag: string | undefined): Expected {
    return this.guarded(name, etag);
  }

  deleteFunction(name: string, etag: string | undefined): Expected {
    return this.guarded(name, etag);
  }
}
