// Runs INSIDE the function's context (see ../realm.ts): self-contained, builds what it hands out.

/**
 * What the function returned, checked as CloudFront checks it before answering (an invalid object
 * is a 502 there, an error here) and written as CloudFront serializes it: the documented members
 * only, values as `{ value }` or `{ value, multiValue }`, missing maps as `{}`.
 */
export function installOutput(R: any): void {
  'use strict';
  const { parse, stringify } = JSON;
  const DISALLOWED = ['connection', 'expect', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'trailer', 'upgrade',
    'x-accel-buffering', 'x-accel-charset', 'x-accel-limit-rate', 'x-accel-redirect', 'x-amzn-auth', 'x-amzn-cf-billing', 'x-amzn-cf-id',
    'x-amzn-cf-xff', 'x-amzn-errortype', 'x-amzn-fle-profile', 'x-amzn-header-count', 'x-amzn-header-order', 'x-amzn-lambda-integration-tag',
    'x-amzn-requestid', 'x-cache', 'x-forwarded-proto', 'x-real-ip', 'cloudfront-viewer-cert-pem', 'client-cert', 'client-cert-chain'];
  const DISALLOWED_PREFIXES = ['x-amz-cf-', 'x-edge-'];
  const READ_ONLY: Record<string, string[]> = {
    request: ['cdn-loop', 'content-length', 'host', 'transfer-encoding', 'via'],
    // Content-Length, Content-Encoding and Transfer-Encoding are read-only for Lambda@Edge only.
    response: ['warning', 'via'],
  };
  /** What CloudFront forwards verbatim may not hold these ([D] edge-function-restrictions-all). */
  const QUERY_FORBIDDEN = /[\s\x00-\x1f\x7f#]/;
  const URI_LIMIT = 8192;

  function fail(message: string): never {
    throw new Error('The function returned an invalid ' + message);
  }

  const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object';

  /** A map of `{ value, multiValue }` (cookies of a response also carry `attributes`). */
  function values(map: unknown, where: string, withAttributes: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (map === undefined || map === null) return out;
    if (!isObject(map) || Array.isArray(map)) fail(where + (where === 'request.querystring' ? ': it must be an object or a string' : ': it must be an object'));
    Object.keys(map).forEach((name) => {
      const entry = map[name];
      const at = where + '["' + name + '"]';
      if (!isObject(entry)) fail(at + ': it must be an object with a string value');
      const one = (item: any, path: string) => {
        if (typeof item.value !== 'string') fail(path + '.value: it must be a string');
        const written: Record<string, unknown> = { value: item.value };
        if (withAttributes && item.attributes !== undefined) {
          if (typeof item.attributes !== 'string') fail(path + '.attributes: it must be a string');
          written.attributes = item.attributes;
        }
        return written;
      };
      const written = one(entry, at);
      if (entry.multiValue !== undefined) {
        if (!Array.isArray(entry.multiValue)) fail(at + '.multiValue: it must be an array');
        written.multiValue = entry.multiValue.map((item: unknown, i: number) => {
          if (!isObject(item)) fail(at + '.multiValue[' + i + ']: it must be an object with a string value');
          return one(item, at + '.multiValue[' + i + ']');
        });
      }
      Object.defineProperty(out, name, { value: written, writable: true, enumerable: true, configurable: true });
    });
    return out;
  }

  function disallowed(name: string): boolean {
    return DISALLOWED.indexOf(name) >= 0 || DISALLOWED_PREFIXES.some((p) => name.indexOf(p) === 0);
  }

  /**
   * A header CloudFront refuses in production (it answers 502) although TestFunction, which
   * "only validates against function execution errors", shows the output: the first one is kept
   * for the result's `productionError`.
   */
  function refused(message: string): void {
    const current = R.current;
    if (current.productionError === undefined) current.productionError = 'The function returned an invalid ' + message;
  }

  function headers(map: unknown, kind: 'request' | 'response', original: any): Record<string, unknown> {
    const out = values(map, kind + '.headers', false);
    const before = values(original, 'event', false);
    Object.keys(out).forEach((name) => {
      if (name !== name.toLowerCase()) fail(kind + '.headers["' + name + '"]: header names must be lower-case');
      if (name === (kind === 'request' ? 'cookie' : 'set-cookie')) fail(kind + '.headers["' + name + '"]: cookies belong in ' + kind + '.cookies');
      if (disallowed(name) && !(name in before)) refused(kind + '.headers["' + name + '"]: CloudFront does not let functions add this header');
    });
    READ_ONLY[kind]!.forEach((name) => {
      if (stringify(out[name]) !== stringify(before[name])) refused(kind + '.headers["' + name + '"]: this header is read-only (it cannot be added, changed or removed)');
    });
    return out;
  }

  /** A query string returned as a string: forwarded verbatim, so it may not hold what would break the request line. */
  function queryText(query: string): string {
    if (QUERY_FORBIDDEN.test(query)) fail('request.querystring: a query string returned as a string may not contain spaces, control characters or "#"');
    return query;
  }

  function rawQueryLength(query: Record<string, any>): number {
    let n = 0;
    Object.keys(query).forEach((name) => {
      const entry = query[name];
      const items = entry.multiValue ? entry.multiValue : [entry];
      items.forEach((item: any) => (n += (n ? 1 : 0) + name.length + 1 + item.value.length));
    });
    return n;
  }

  function request(value: Record<string, any>, original: any) {
    if (value.method !== original.method) fail('request: its method (' + stringify(original.method) + ') cannot be changed');
    if (typeof value.uri !== 'string' || value.uri.charAt(0) !== '/') fail('request: uri must be a string starting with "/"');
    const out: Record<string, unknown> = { headers: headers(value.headers, 'request', original.headers), method: value.method };
    const query = typeof value.querystring === 'string' ? queryText(value.querystring) : values(value.querystring, 'request.querystring', false);
    const queryLength = typeof query === 'string' ? query.length : rawQueryLength(query);
    if (value.uri.length + (queryLength ? queryLength + 1 : 0) >= URI_LIMIT) fail('request: its URI and query string are ' + (value.uri.length + queryLength + 1) + ' characters, the limit is ' + (URI_LIMIT - 1));
    out.querystring = query;
    out.uri = value.uri;
    out.cookies = values(value.cookies, 'request.cookies', false);
    return { request: out };
  }

  function response(value: Record<string, any>, original: any) {
    if (typeof value.statusCode !== 'number' || !Number.isInteger(value.statusCode)) fail('response: statusCode must be an integer');
    const out: Record<string, unknown> = { statusCode: value.statusCode };
    if (value.statusDescription !== undefined) {
      if (typeof value.statusDescription !== 'string') fail('response: statusDescription must be a string');
      out.statusDescription = value.statusDescription;
    }
    out.headers = headers(value.headers, 'response', original ? original.headers : undefined);
    out.cookies = values(value.cookies, 'response.cookies', true);
    const body = value.body;
    if (typeof body === 'string') out.body = body;
    else if (isObject(body)) {
      if (body.encoding !== 'text' && body.encoding !== 'base64') fail('response: body.encoding must be "text" or "base64"');
      if (typeof body.data !== 'string') fail('response: body.data must be a string');
      if (body.encoding === 'base64' && !R.text.base64Decode(body.data, true)) fail('response: body.data is not valid base64');
      out.body = { encoding: body.encoding, data: body.data };
    } else if (body !== undefined) fail('response: body must be a string or { encoding, data }');
    return { response: out };
  }

  /** The serialized output as JSON text, or a thrown Error saying what is invalid. */
  R.output = function output(value: unknown, eventType: string, original: any): string {
    if (!isObject(value)) fail((eventType === 'viewer-request' ? 'request or response' : 'response') + ': the handler returned ' + (value === null ? 'null' : typeof value));
    if (eventType === 'viewer-response') return stringify(response(value, original.response));
    return stringify(value.statusCode !== undefined ? response(value, undefined) : request(value, original.request));
  };
}
