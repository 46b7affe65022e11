/** One entry of a query string, header or cookie map, as CloudFront writes it. */
export interface FunctionValue {
  value: string;
  multiValue?: Array<{ value: string }>;
}

/** One cookie of a response: its value and its attributes (`Path=/; Secure`). */
export interface ResponseCookieValue {
  value: string;
  attributes?: string;
  multiValue?: Array<{ value: string; attributes?: string }>;
}

/** A map entry as the builders take it: one value, several, or CloudFront's own shape. */
export type ValueInput = string | readonly string[] | FunctionValue;

export interface FunctionRequest {
  method: string;
  uri: string;
  querystring: Record<string, FunctionValue>;
  headers: Record<string, FunctionValue>;
  cookies: Record<string, FunctionValue>;
}

export interface FunctionResponse {
  statusCode: number;
  statusDescription?: string;
  headers: Record<string, FunctionValue>;
  cookies: Record<string, ResponseCookieValue>;
}

/** A CloudFront Functions event object (version 1.0). */
export interface FunctionEvent {
  version: '1.0';
  /** For a distribution tenant, `endpoint` (the connection group's domain) replaces `distributionDomainName`. */
  context: { distributionDomainName: string; distributionId: string; eventType: 'viewer-request' | 'viewer-response'; requestId: string; endpoint?: string };
  viewer: { ip: string };
  request: FunctionRequest;
  response?: FunctionResponse;
}

/** What {@link viewerRequestEvent} takes; every member is optional. */
export interface RequestEventOptions {
  /** Default `GET`. */
  method?: string;
  /** Default `/`; a `?query` part is parsed into `querystring`. */
  uri?: string;
  querystring?: Record<string, ValueInput>;
  /** Names are lower-cased; a `cookie` header is parsed into `cookies`. Default: `host` only. */
  headers?: Record<string, ValueInput>;
  cookies?: Record<string, ValueInput>;
  /** The `host` header (default `www.example.com`). */
  host?: string;
  /** `viewer.ip` (default `198.51.100.10`). */
  ip?: string;
  distributionDomainName?: string;
  distributionId?: string;
  requestId?: string;
}

/** What {@link viewerResponseEvent} takes: the request's options plus the response's. */
export interface ResponseEventOptions extends RequestEventOptions {
  /** Default 200. */
  statusCode?: number;
  /** Default `OK`. */
  statusDescription?: string;
  responseHeaders?: Record<string, ValueInput>;
  responseCookies?: Record<string, string | ResponseCookieValue>;
}

const EVENT_TYPES = ['viewer-request', 'viewer-response'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why `event` is not a CloudFront Functions event (F9), or undefined when it is one: it needs
 * `version`, `context.eventType` (`viewer-request` or `viewer-response`), `request`, and for
 * viewer-response a `response`.
 *
 * @example
 * ```ts
 * checkEvent({ version: '1.0', context: { eventType: 'viewer-request' } }); // 'the event has no request object'
 * ```
 */
export function checkEvent(event: unknown): string | undefined {
  if (!isObject(event)) return 'the event must be a JSON object';
  if (event.version === undefined) return 'the event has no version (CloudFront sends "1.0")';
  if (!isObject(event.context)) return 'the event has no context object';
  const type = event.context.eventType;
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) return `context.eventType must be "viewer-request" or "viewer-response", got ${JSON.stringify(type)}`;
  if (!isObject(event.request)) return 'the event has no request object';
  if (type === 'viewer-response' && !isObject(event.response)) return 'a viewer-response event needs a response object';
  return undefined;
}

function value(input: ValueInput): FunctionValue {
  if (typeof input === 'string') return { value: input };
  if (Array.isArray(input)) {
    const values = input as readonly string[];
    return values.length > 1 ? { value: values[0] ?? '', multiValue: values.map((v) => ({ value: v })) } : { value: values[0] ?? '' };
  }
  return input as FunctionValue;
}

function map(input: Record<string, ValueInput> | undefined, lower: boolean): Record<string, FunctionValue> {
  const out: Record<string, FunctionValue> = {};
  for (const [name, v] of Object.entries(input ?? {})) out[lower ? name.toLowerCase() : name] = value(v);
  return out;
}

function add(target: Record<string, FunctionValue>, name: string, v: string): void {
  const prior = target[name];
  if (!prior) target[name] = { value: v };
  else target[name] = { value: prior.value, multiValue: [...(prior.multiValue ?? [{ value: prior.value }]), { value: v }] };
}

function request(options: RequestEventOptions): FunctionRequest {
  const [path, query] = (options.uri ?? '/').split(/\?(.*)/s, 2) as [string, string | undefined];
  const querystring = map(options.querystring, false);
  for (const part of query ? query.split('&') : []) {
    if (!part) continue;
    const at = part.indexOf('=');
    add(querystring, at < 0 ? part : part.slice(0, at), at < 0 ? '' : part.slice(at + 1));
  }
  const headers: Record<string, FunctionValue> = { host: { value: options.host ?? 'www.example.com' }, ...map(options.headers, true) };
  const cookies = map(options.cookies, false);
  const cookieHeader = headers.cookie;
  if (cookieHeader) {
    delete headers.cookie;
    for (const line of (cookieHeader.multiValue ?? [cookieHeader]).map((c) => c.value)) {
      for (const pair of line.split(/;\s*/)) {
        const at = pair.indexOf('=');
        if (pair) add(cookies, at < 0 ? pair : pair.slice(0, at), at < 0 ? '' : pair.slice(at + 1));
      }
    }
  }
  return { method: options.method ?? 'GET', uri: path, querystring, headers, cookies };
}

function context(options: RequestEventOptions, eventType: 'viewer-request' | 'viewer-response'): FunctionEvent['context'] {
  return {
    distributionDomainName: options.distributionDomainName ?? 'd111111abcdef8.cloudfront.net',
    distributionId: options.distributionId ?? 'EDFDVBD6EXAMPLE',
    eventType,
    requestId: options.requestId ?? '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
  };
}

/**
 * A viewer-request event as CloudFront builds it: lower-case header names, `{ value }` entries
 * (several values as `multiValue`), cookies apart from headers.
 *
 * @example
 * ```ts
 * const event = viewerRequestEvent({ uri: '/old?lang=en', headers: { 'User-Agent': 'curl/8', cookie: 'ab=b' } });
 * // event.request.querystring.lang.value === 'en'; event.request.cookies.ab.value === 'b'
 * ```
 */
export function viewerRequestEvent(options: RequestEventOptions = {}): FunctionEvent {
  return { version: '1.0', context: context(options, 'viewer-request'), viewer: { ip: options.ip ?? '198.51.100.10' }, request: request(options) };
}

/**
 * A viewer-response event: the request (as {@link viewerRequestEvent}) and the response the
 * origin or the cache answered.
 *
 * @example
 * ```ts
 * const event = viewerResponseEvent({ uri: '/', statusCode: 200, responseHeaders: { 'content-type': 'text/html' } });
 * ```
 */
export function viewerResponseEvent(options: ResponseEventOptions = {}): FunctionEvent {
  const cookies: Record<string, ResponseCookieValue> = {};
  for (const [name, v] of Object.entries(options.responseCookies ?? {})) cookies[name] = typeof v === 'string' ? { value: v } : v;
  return {
    version: '1.0',
    context: context(options, 'viewer-response'),
    viewer: { ip: options.ip ?? '198.51.100.10' },
    request: request(options),
    response: { statusCode: options.statusCode ?? 200, statusDescription: options.statusDescription ?? 'OK', headers: map(options.responseHeaders, true), cookies },
  };
}
