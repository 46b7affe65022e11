// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * The `cloudfront` module of cloudfront-js-2.0: `kvs()` over the associated store (read through
 * the bridge, one primitive at a time), the origin helpers (checked, then recorded) and
 * `edgeLocation`. Per-invocation state lives in `R.current`, which `R.prepare` replaces.
 */
export function installCloudFront(R: any): void {
  'use strict';
  const { parse, stringify } = JSON;
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

  const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const wrong = (method: string, what: string): never => {
    throw new TypeError(method + '(): ' + what);
  };
  const integer = (method: string, name: string, v: unknown, min: number, max: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) wrong(method, name + ' must be an integer from ' + min + ' to ' + max);
  };
  const oneOf = (method: string, name: string, v: unknown, allowed: string[]) => {
    if (typeof v !== 'string' || allowed.indexOf(v) < 0) wrong(method, name + ' must be one of ' + allowed.join(', '));
  };
  const only = (method: string, name: string, v: Record<string, any>, keys: string[]) => {
    Object.keys(v).forEach((k) => {
      if (keys.indexOf(k) < 0) wrong(method, 'unknown member ' + name + k + ' (known: ' + keys.join(', ') + ')');
    });
  };

  const CHECKS: Record<string, (v: any) => void> = {
    domainName: (v) => (typeof v !== 'string' || v.length === 0) && wrong('updateRequestOrigin', 'domainName must be a non-empty string'),
    originPath: (v) => (typeof v !== 'string' || (v !== '' && (v.charAt(0) !== '/' || v.charAt(v.length - 1) === '/'))) && wrong('updateRequestOrigin', 'originPath must start with "/" and not end with "/"'),
    customHeaders: (v) => {
      if (!isObject(v)) wrong('updateRequestOrigin', 'customHeaders must be an object of header name to string value');
      Object.keys(v).forEach((k) => typeof v[k] !== 'string' && wrong('updateRequestOrigin', 'customHeaders["' + k + '"] must be a string'));
    },
    connectionAttempts: (v) => integer('updateRequestOrigin', 'connectionAttempts', v, 1, 3),
    originShield: (v) => {
      if (!isObject(v) || typeof v.enabled !== 'boolean') wrong('updateRequestOrigin', 'originShield must be { enabled: boolean, region?: string }');
      only('updateRequestOrigin', 'originShield.', v, ['enabled', 'region']);
      if (v.enabled && (typeof v.region !== 'string' || !v.region)) wrong('updateRequestOrigin', 'originShield.region is required when Origin Shield is enabled');
    },
    originAccessControlConfig: (v) => {
      if (!isObject(v) || typeof v.enabled !== 'boolean') wrong('updateRequestOrigin', 'originAccessControlConfig must be { enabled: boolean, signingBehavior, signingProtocol, originType }');
      only('updateRequestOrigin', 'originAccessControlConfig.', v, ['enabled', 'signingBehavior', 'signingProtocol', 'originType']);
      if (v.enabled) {
        oneOf('updateRequestOrigin', 'originAccessControlConfig.signingBehavior', v.signingBehavior, ['always', 'never', 'no-override']);
        oneOf('updateRequestOrigin', 'originAccessControlConfig.signingProtocol', v.signingProtocol, ['sigv4']);
        oneOf('updateRequestOrigin', 'originAccessControlConfig.originType', v.originType, ['s3', 'mediapackagev2', 'mediastore', 'lambda']);
      }
    },
    timeouts: (v) => {
      if (!isObject(v)) wrong('updateRequestOrigin', 'timeouts must be an object');
      only('updateRequestOrigin', 'timeouts.', v, ['readTimeout', 'keepAliveTimeout', 'connectionTimeout']);
      if (v.readTimeout !== undefined) integer('updateRequestOrigin', 'timeouts.readTimeout', v.readTimeout, 1, 60);
      if (v.keepAliveTimeout !== undefined) integer('updateRequestOrigin', 'timeouts.keepAliveTimeout', v.keepAliveTimeout, 1, 60);
      if (v.connectionTimeout !== undefined) integer('updateRequestOrigin', 'timeouts.connectionTimeout', v.connectionTimeout, 1, 10);
    },
    customOriginConfig: (v) => {
      if (!isObject(v)) wrong('updateRequestOrigin', 'customOriginConfig must be { port, protocol, sslProtocols }');
      only('updateRequestOrigin', 'customOriginConfig.', v, ['port', 'protocol', 'sslProtocols']);
      integer('updateRequestOrigin', 'customOriginConfig.port', v.port, 1, 65535);
      oneOf('updateRequestOrigin', 'customOriginConfig.protocol', v.protocol, ['http', 'https']);
      if (!Array.isArray(v.sslProtocols) || v.sslProtocols.length === 0) wrong('updateRequestOrigin', 'customOriginConfig.sslProtocols must be a non-empty array');
      v.sslProtocols.forEach((p: unknown) => oneOf('updateRequestOrigin', 'customOriginConfig.sslProtocols[]', p, ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2']));
    },
  };

  function record(method: string, argument: unknown): void {
    const current = R.current;
    if (current.eventType !== 'viewer-request') throw new Error(method + '() can only be used in viewer-request functions');
    current.originCalls.push({ method, argument: parse(stringify(argument === undefined ? null : argument)) });
  }

  function updateRequestOrigin(params: any): void {
    if (!isObject(params)) wrong('updateRequestOrigin', 'takes an object of origin properties');
    only('updateRequestOrigin', '', params, Object.keys(CHECKS));
    Object.keys(params).forEach((k) => CHECKS[k]!(params[k]));
    record('updateRequestOrigin', params);
  }

  function selectRequestOriginById(originId: unknown): void {
    if (typeof originId !== 'string' || originId.length === 0) wrong('selectRequestOriginById', 'takes the id of an origin of the distribution, a non-empty string');
    record('selectRequestOriginById', originId);
  }

  function createRequestOriginGroup(params: any): void {
    const method = 'createRequestOriginGroup';
    if (!isObject(params)) wrong(method, 'takes { originIds, failoverCriteria, selectionCriteria? }');
    only(method, '', params, ['originIds', 'failoverCriteria', 'selectionCriteria']);
    const ids = params.originIds;
    if (!Array.isArray(ids) || ids.length !== 2 || ids.some((id: unknown) => typeof id !== 'string' || !id)) wrong(method, 'originIds must be two origin ids (primary, then failover)');
    const criteria = params.failoverCriteria;
    if (!isObject(criteria) || !Array.isArray(criteria.statusCodes) || criteria.statusCodes.length === 0) wrong(method, 'failoverCriteria.statusCodes must be a non-empty array of status codes');
    criteria.statusCodes.forEach((code: unknown) => integer(method, 'failoverCriteria.statusCodes[]', code, 400, 599));
    if (params.selectionCriteria !== undefined) oneOf(method, 'selectionCriteria', params.selectionCriteria, ['default', 'media-quality-score']);
    record(method, params);
  }

  const cf = { kvs, updateRequestOrigin, selectRequestOriginById, createRequestOriginGroup, cwt: R.cwt };
  Object.defineProperty(cf, 'edgeLocation', { get: () => R.current.edgeLocation, enumerable: true });
  R.modules.cloudfront = cf;
}
