// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * The `cloudfront` module of cloudfront-js-2.0: `kvs()` over the associated store (read through
 * the bridge, one primitive at a time), the origin helpers (./origins.ts), `edgeLocation`,
 * `logCustomData()` and `distributionTenant`. Per-invocation state lives in `R.current`, which `R.prepare` replaces.
 */
export function installCloudFront(R: any): void {
  'use strict';
  // Captured now: a function may replace the globals during its own invocation.
  const { parse } = JSON;
  const hasOwn = Object.prototype.hasOwnProperty;
  const encode = encodeURIComponent;
  const FORMATS = ['string', 'json', 'bytes'];

  /** Out of stack (the only RangeError here), no promise can be made safely: the call throws, as any call would. */
  function rejected(e: unknown): Promise<never> {
    if (e instanceof RangeError) throw e;
    return Promise.reject(e);
  }

  function handle() {
    return {
      get(key: unknown, options?: any): Promise<unknown> {
        try {
          const format = options === undefined || options === null || options.format === undefined ? 'string' : options.format;
          if (FORMATS.indexOf(format) < 0) throw new Error('Invalid format "' + String(format) + '": use "string", "json" or "bytes"');
          const value = R.call('get', String(key));
          if (value === undefined) throw new Error('KeyNotFound');
          if (format === 'json') return Promise.resolve(parse(value));
          return Promise.resolve(format === 'bytes' ? R.Buffer.from(value, 'utf8') : value);
        } catch (e) {
          return rejected(e);
        }
      },
      exists(key: unknown): Promise<boolean> {
        try {
          return Promise.resolve(R.call('has', String(key)) === true);
        } catch (e) {
          return rejected(e);
        }
      },
      meta(): Promise<unknown> {
        try {
          return Promise.resolve(parse(R.call('meta')));
        } catch (e) {
          return rejected(e);
        }
      },
    };
  }

  function kvs(id?: unknown) {
    const current = R.current;
    if (current.storeId === undefined || (id !== undefined && String(id) !== current.storeId)) throw new Error('KVSNamespaceNotFound');
    if (!current.kvs) current.kvs = handle();
    return current.kvs;
  }

  const CUSTOM_DATA_LIMIT = 800;

  /** `cf.logCustomData(text)`: one string, URL-encoded, then cut at 800 bytes; the last call wins. */
  function logCustomData(value: unknown): void {
    if (arguments.length !== 1 || typeof value !== 'string') throw new Error('logCustomData(): takes one string, the custom data to log');
    let encoded = encode(value);
    if (encoded.length > CUSTOM_DATA_LIMIT) {
      encoded = encoded.slice(0, CUSTOM_DATA_LIMIT);
      // Never half an escape: a cut `%E2%8` is dropped back to the last whole one.
      const cut = encoded.lastIndexOf('%');
      if (cut > CUSTOM_DATA_LIMIT - 3) encoded = encoded.slice(0, cut);
    }
    R.current.customData = encoded;
  }

  /** `cf.distributionTenant` of a multi-tenant distribution; without a tenant, touching it throws. */
  function distributionTenant() {
    const current = R.current;
    if (current.tenantJson === undefined) throw new Error('distributionTenant module is not available');
    if (!current.tenant) {
      const { id, parameters } = parse(current.tenantJson);
      const get = (key: unknown) => {
        const name = String(key);
        if (!hasOwn.call(parameters, name)) throw new Error('DistributionTenantParameterKeyNotFound');
        return parameters[name];
      };
      current.tenant = { id, parameters: { get } };
    }
    return current.tenant;
  }

  const o = R.origins;
  const cf = { kvs, updateRequestOrigin: o.updateRequestOrigin, selectRequestOriginById: o.selectRequestOriginById, createRequestOriginGroup: o.createRequestOriginGroup, logCustomData, cwt: R.cwt };
  Object.defineProperty(cf, 'edgeLocation', { get: () => R.current.edgeLocation, enumerable: true });
  Object.defineProperty(cf, 'distributionTenant', { get: distributionTenant, enumerable: true });
  R.modules.cloudfront = cf;
}
