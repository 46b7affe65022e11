// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * The origin helpers of the `cloudfront` module (2.0, viewer-request only): `updateRequestOrigin`,
 * `selectRequestOriginById` and `createRequestOriginGroup`, their arguments checked as the
 * Developer Guide documents them, then recorded. A documented member with an invalid value throws
 * a TypeError, as CloudFront's validation does; a member no documentation shows is not an error
 * (real code carries members the docs lag behind) but a warning in the result.
 */
export function installOrigins(R: any): void {
  'use strict';
  const { parse, stringify } = JSON;

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
  const text = (method: string, name: string, v: unknown) => {
    if (typeof v !== 'string' || v.length === 0) wrong(method, name + ' must be a non-empty string');
  };
  const names = (method: string, name: string, v: unknown) => {
    if (!Array.isArray(v) || v.length === 0) wrong(method, name + ' must be a non-empty array of certificate names');
    (v as unknown[]).forEach((n, i) => text(method, name + '[' + i + ']', n));
  };
  /** Members outside `known` are reported as warnings, never thrown. */
  const only = (method: string, path: string, v: Record<string, any>, known: string[]) => {
    Object.keys(v).forEach((k) => {
      if (known.indexOf(k) < 0) R.current.warnings.push(method + '(): unknown member ' + path + k + ' (known: ' + known.join(', ') + ')');
    });
  };

  type Check = (method: string, path: string, v: any) => void;
  /** updateRequestOrigin's members ([D] helper-functions-origin-modification, origin-mtls-cloudfront-functions). */
  const ORIGIN: Record<string, Check> = {
    domainName: (m, p, v) => text(m, p + 'domainName', v),
    hostHeader: (m, p, v) => text(m, p + 'hostHeader', v),
    originPath: (m, p, v) => (typeof v !== 'string' || (v !== '' && (v.charAt(0) !== '/' || v.charAt(v.length - 1) === '/'))) && wrong(m, p + 'originPath must start with "/" and not end with "/"'),
    customHeaders: (m, p, v) => {
      if (!isObject(v)) wrong(m, p + 'customHeaders must be an object of header name to string value');
      Object.keys(v).forEach((k) => typeof v[k] !== 'string' && wrong(m, p + 'customHeaders["' + k + '"] must be a string'));
    },
    connectionAttempts: (m, p, v) => integer(m, p + 'connectionAttempts', v, 1, 3),
    originShield: (m, p, v) => {
      if (!isObject(v) || typeof v.enabled !== 'boolean') wrong(m, p + 'originShield must be { enabled: boolean, region?: string }');
      only(m, p + 'originShield.', v, ['enabled', 'region']);
      if (v.enabled && (typeof v.region !== 'string' || !v.region)) wrong(m, p + 'originShield.region is required when Origin Shield is enabled');
    },
    originAccessControlConfig: (m, p, v) => {
      const at = p + 'originAccessControlConfig';
      if (!isObject(v) || typeof v.enabled !== 'boolean') wrong(m, at + ' must be { enabled: boolean, region?, signingBehavior, signingProtocol, originType }');
      only(m, at + '.', v, ['enabled', 'region', 'signingBehavior', 'signingProtocol', 'originType']);
      if (v.region !== undefined) text(m, at + '.region', v.region);
      if (v.enabled) {
        oneOf(m, at + '.signingBehavior', v.signingBehavior, ['always', 'never', 'no-override']);
        oneOf(m, at + '.signingProtocol', v.signingProtocol, ['sigv4']);
        oneOf(m, at + '.originType', v.originType, ['s3', 'mediapackagev2', 'mediastore', 'lambda']);
      }
    },
    timeouts: (m, p, v) => {
      if (!isObject(v)) wrong(m, p + 'timeouts must be an object');
      only(m, p + 'timeouts.', v, ['readTimeout', 'keepAliveTimeout', 'connectionTimeout']);
      if (v.readTimeout !== undefined) integer(m, p + 'timeouts.readTimeout', v.readTimeout, 1, 60);
      if (v.keepAliveTimeout !== undefined) integer(m, p + 'timeouts.keepAliveTimeout', v.keepAliveTimeout, 1, 60);
      if (v.connectionTimeout !== undefined) integer(m, p + 'timeouts.connectionTimeout', v.connectionTimeout, 1, 10);
    },
    customOriginConfig: (m, p, v) => {
      const at = p + 'customOriginConfig';
      if (!isObject(v)) wrong(m, at + ' must be { port, protocol, sslProtocols }');
      only(m, at + '.', v, ['port', 'protocol', 'sslProtocols']);
      integer(m, at + '.port', v.port, 1, 65535);
      oneOf(m, at + '.protocol', v.protocol, ['http', 'https']);
      if (!Array.isArray(v.sslProtocols) || v.sslProtocols.length === 0) wrong(m, at + '.sslProtocols must be a non-empty array');
      v.sslProtocols.forEach((s: unknown) => oneOf(m, at + '.sslProtocols[]', s, ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2']));
    },
    sni: (m, p, v) => text(m, p + 'sni', v),
    allowedCertificateNames: (m, p, v) => names(m, p + 'allowedCertificateNames', v),
    mTLSConfig: (m, p, v) => oneOf(m, p + 'mTLSConfig', v, ['inherit', 'off']),
  };
  const ORIGIN_KEYS = Object.keys(ORIGIN);
  /** selectRequestOriginById's second argument. */
  const SELECT = ['hostHeader', 'sni', 'allowedCertificateNames'];

  function members(method: string, path: string, v: Record<string, any>, checks: Record<string, Check>, known: string[]): void {
    only(method, path, v, known);
    known.forEach((k) => v[k] !== undefined && checks[k]!(method, path, v[k]));
  }

  function record(method: string, argument: unknown, options?: unknown): void {
    const current = R.current;
    if (current.eventType !== 'viewer-request') throw new Error(method + '() can only be used in viewer-request functions');
    const call: Record<string, unknown> = { method, argument: parse(stringify(argument === undefined ? null : argument)) };
    if (options !== undefined) call.options = parse(stringify(options));
    current.originCalls.push(call);
  }

  function updateRequestOrigin(params: any): void {
    if (!isObject(params)) wrong('updateRequestOrigin', 'takes an object of origin properties');
    members('updateRequestOrigin', '', params, ORIGIN, ORIGIN_KEYS);
    record('updateRequestOrigin', params);
  }

  function selectRequestOriginById(originId: unknown, options?: any): void {
    const method = 'selectRequestOriginById';
    if (typeof originId !== 'string' || originId.length === 0) wrong(method, 'takes the id of an origin of the distribution, a non-empty string');
    if (options !== undefined) {
      if (!isObject(options)) wrong(method, 'its second argument must be { hostHeader?, sni?, allowedCertificateNames? }');
      members(method, '', options, ORIGIN, SELECT);
    }
    record(method, originId, options);
  }

  function createRequestOriginGroup(params: any): void {
    const method = 'createRequestOriginGroup';
    if (!isObject(params)) wrong(method, 'takes { originIds, failoverCriteria, selectionCriteria? }');
    only(method, '', params, ['originIds', 'failoverCriteria', 'selectionCriteria']);
    const ids = params.originIds;
    if (!Array.isArray(ids) || ids.length !== 2) wrong(method, 'originIds must be two origins (primary, then failover), each an id or { originId, originOverrides? }');
    ids.forEach((entry: any, i: number) => {
      const at = 'originIds[' + i + ']';
      if (typeof entry === 'string') return text(method, at, entry);
      if (!isObject(entry)) wrong(method, at + ' must be an origin id or { originId, originOverrides? }');
      only(method, at + '.', entry, ['originId', 'originOverrides']);
      text(method, at + '.originId', entry.originId);
      if (entry.originOverrides !== undefined) {
        if (!isObject(entry.originOverrides)) wrong(method, at + '.originOverrides must be an object of origin properties');
        members(method, at + '.originOverrides.', entry.originOverrides, ORIGIN, ORIGIN_KEYS);
      }
    });
    const criteria = params.failoverCriteria;
    if (!isObject(criteria) || !Array.isArray(criteria.statusCodes) || criteria.statusCodes.length === 0) wrong(method, 'failoverCriteria.statusCodes must be a non-empty array of status codes');
    only(method, 'failoverCriteria.', criteria, ['statusCodes']);
    criteria.statusCodes.forEach((code: unknown) => integer(method, 'failoverCriteria.statusCodes[]', code, 400, 599));
    if (params.selectionCriteria !== undefined) oneOf(method, 'selectionCriteria', params.selectionCriteria, ['default', 'media-quality-score']);
    record(method, params);
  }

  R.origins = { updateRequestOrigin, selectRequestOriginById, createRequestOriginGroup };
}
