/**
 * HTTP messages as the wire layer sees them: plain data, independent of how they arrive (an SDK
 * request handler, a server). Header names are matched case-insensitively.
 */

export interface WireRequest {
  method: string;
  /** The path, percent-encoded as sent; may carry the query string (`/a?b=c`). */
  path: string;
  /** The query, decoded, when it is not in `path` (the SDK's `HttpRequest.query`). */
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string | undefined>;
  /** The body: text or bytes (the SDK sends a `Uint8Array` or a string), or none. */
  body?: string | Uint8Array | null;
}

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

const encoder = new TextEncoder();

/** A string's UTF-8 bytes, in a fresh view of their own: Buffer's encoder is the quicker one for the short texts of a response. */
export function utf8(text: string): Uint8Array {
  return text.length < 4096 ? Buffer.from(text, 'utf8') : encoder.encode(text);
}

export function bodyText(body: WireRequest['body']): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Buffer's decoder is the quicker one for the few kilobytes of a request.
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

export function bodyBytes(body: WireRequest['body']): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array(0);
  return typeof body === 'string' ? encoder.encode(body) : body;
}

/** Header lookup by lower-case name. */
export function headerOf(headers: WireRequest['headers'], name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  // The SDK sends lower-case names.
  const sent = headers[lower];
  if (sent !== undefined) return sent;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

const NO_QUERY: Map<string, string[]> = new Map();

/** A query part decoded; a malformed escape (`%ZZ`) stays as it came, for the operation's own validation to judge. */
function decodeQuery(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The query of a request: the decoded `query` object, or parsed from the path. */
export function queryOf(request: WireRequest): { path: string; query: Map<string, string[]> } {
  let path = request.path;
  const mark = path.indexOf('?');
  // Most requests carry no query: they share one empty map, which nothing writes to.
  if (mark < 0 && request.query === undefined) return { path, query: NO_QUERY };
  const query = new Map<string, string[]>();
  if (mark >= 0) {
    for (const part of path.slice(mark + 1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const key = decodeQuery(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decodeQuery(part.slice(eq + 1).replace(/\+/g, '%20'));
      query.set(key, [...(query.get(key) ?? []), value]);
    }
    path = path.slice(0, mark);
  }
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === undefined) continue;
    const values = value === null ? [''] : Array.isArray(value) ? value : [value];
    query.set(key, [...(query.get(key) ?? []), ...values]);
  }
  return { path, query };
}
