/**
 * Routing by the models' HTTP bindings: a method and a path (and the fixed query some
 * operations carry, `?Operation=Tag`) name one operation of a plane and its path labels.
 * The path may have a prefix (an endpoint with a base path): templates are matched at its end.
 */
import { BINDINGS } from './bindings';
import type { OperationBinding, Plane } from './model';

interface Route {
  operation: string;
  binding: OperationBinding;
  method: string;
  /** Literal segments as strings, labels as `{ label }`. */
  segments: Array<string | { label: string }>;
  fixedQuery: Array<[string, string]>;
}

export interface Routed {
  operation: string;
  binding: OperationBinding;
  /** Label values, percent-decoded. */
  labels: Record<string, string>;
}

function compile(plane: Plane): Route[] {
  const routes: Route[] = [];
  for (const [operation, binding] of Object.entries(BINDINGS[plane].operations)) {
    const [path, fixed = ''] = binding.uri.split('?');
    const segments = path!.split('/').filter((s) => s !== '').map((s) => (s.startsWith('{') ? { label: s.slice(1, -1).replace(/\+$/, '') } : s));
    const fixedQuery = fixed === '' ? [] : fixed.split('&').map((pair) => pair.split('=') as [string, string]);
    routes.push({ operation, binding, method: binding.method, segments, fixedQuery });
  }
  // Longest templates first: `/a/{x}/keys` before `/a/{x}`, a fixed query before none.
  return routes.sort((a, b) => b.segments.length - a.segments.length || b.fixedQuery.length - a.fixedQuery.length);
}

const ROUTES: Record<Plane, Route[]> = { data: compile('data'), control: compile('control') };
/** The routes of each plane by method: a request is tried against its method's few only. */
const BY_METHOD: Record<Plane, Map<string, Route[]>> = { data: byMethod(ROUTES.data), control: byMethod(ROUTES.control) };

function byMethod(routes: Route[]): Map<string, Route[]> {
  const map = new Map<string, Route[]>();
  for (const r of routes) map.set(r.method, [...(map.get(r.method) ?? []), r]);
  return map;
}

/**
 * The operation a request names on `plane`, or undefined when no binding matches. A trailing
 * empty segment is a label's empty value (`/keys/` is GetKey with Key ''), as the SDK sends it.
 */
export function route(plane: Plane, method: string, path: string, query: Map<string, string[]>): Routed | undefined {
  const routes = BY_METHOD[plane].get(method) ?? BY_METHOD[plane].get(method.toUpperCase());
  if (routes === undefined) return undefined;
  const parts = path.split('/');
  // The empty part before a leading slash is no segment.
  const first = parts[0] === '' ? 1 : 0;
  for (const r of routes) {
    const count = r.segments.length;
    if (parts.length - first < count) continue;
    const offset = parts.length - count;
    let labels: Record<string, string> | undefined;
    let ok = true;
    for (let i = 0; i < count; i++) {
      const segment = r.segments[i]!;
      const part = parts[offset + i]!;
      if (typeof segment === 'string') {
        if (part !== segment) {
          ok = false;
          break;
        }
      } else {
        const value = part.includes('%') ? decoded(part) : part;
        if (value === undefined) {
          ok = false;
          break;
        }
        (labels ??= {})[segment.label] = value;
      }
    }
    if (ok && r.fixedQuery.length > 0) ok = r.fixedQuery.every(([key, value]) => query.get(key)?.[0] === value);
    if (ok) return { operation: r.operation, binding: r.binding, labels: labels ?? {} };
  }
  return undefined;
}

/**
 * Percent-decoded label values, remembered: a client sends the same store ARN (three escapes in
 * sixty characters) on every call. Bounded; undefined for a malformed escape.
 */
const DECODED = new Map<string, string | undefined>();
const DECODED_LIMIT = 512;

function decoded(part: string): string | undefined {
  let value = DECODED.get(part);
  if (value === undefined && !DECODED.has(part)) {
    try {
      value = decodeURIComponent(part);
    } catch {
      value = undefined;
    }
    if (DECODED.size >= DECODED_LIMIT) DECODED.clear();
    DECODED.set(part, value);
  }
  return value;
}

/** The plane a path belongs to, for a caller that does not know it (a server): the control plane's paths start with its API version. */
export function planeOfPath(path: string): Plane {
  return /(^|\/)2020-05-31\//.test(path) ? 'control' : 'data';
}
