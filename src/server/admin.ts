/**
 * The server's own API, under a prefix no AWS path can have: what a test in another process
 * needs of the simulator (reset, seeding, snapshots, the call log, faults, the clock), as JSON.
 * Each route calls the simulator's public method of the same purpose.
 */
import { KvsMockUsageError } from '../errors';
import type { FaultSpec } from '../harness/faults';
import type { KvsSnapshot } from '../harness/snapshot';
import type { ServerContext } from './handler';
import type { ServerClock } from './clock';

export const ADMIN_PREFIX = '/_kvs-mock/';

export interface AdminAnswer {
  status: number;
  json?: unknown;
}

/** A refusal of the admin API: its status and a message saying what to send instead. */
class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Route = (context: ServerContext, body: unknown, query: URLSearchParams, rest: string) => AdminAnswer | Promise<AdminAnswer>;

const ROUTES: Record<string, Route> = {
  'GET health': ({ simulator }) => ({ status: 200, json: { status: 'ok', accountId: simulator.accountId, seed: simulator.seed } }),
  'POST reset': changed(({ simulator }) => (simulator.reset(), { status: 204 })),
  'GET snapshot': ({ simulator }) => ({ status: 200, json: simulator.snapshot() }),
  'PUT snapshot': changed(({ simulator }, body) => (simulator.loadSnapshot(object(body, 'a snapshot, as GET /_kvs-mock/snapshot gives it') as unknown as KvsSnapshot), { status: 204 })),
  'POST stores': changed(({ simulator }, body) => ({ status: 201, json: { arn: simulator.seedStore(object(body, '{ "name": "redirects", "items": { "/old": "/new" } }')) } })),
  'GET stores': ({ simulator }, _body, query, rest) => {
    const store = simulator.getStore(decodeURIComponent(rest), query.get('accountId') ?? undefined);
    if (!store) throw new AdminError(404, `No live key value store has the ARN or name ${JSON.stringify(decodeURIComponent(rest))}.`);
    return { status: 200, json: store };
  },
  'POST functions': changed(({ simulator }, body) => ({ status: 201, json: { arn: simulator.seedFunction(object(body, '{ "name": "redirect", "code": "..." }') as never) } })),
  'POST s3-objects': changed(({ simulator }, body) => {
    const { location, body: content } = object(body, '{ "location": "s3://bucket/import.json", "body": { "data": [] } }') as { location: string; body: string | object };
    simulator.putS3Object(location, content);
    return { status: 204 };
  }),
  'GET calls': ({ simulator }, _body, query) => {
    const filter = Object.fromEntries(['operation', 'plane', 'clientName'].flatMap((k) => (query.has(k) ? [[k, query.get(k)]] : [])));
    const calls = Object.keys(filter).length === 0 ? simulator.calls() : simulator.calls(filter as never);
    return { status: 200, json: { calls: calls.map(callJson) } };
  },
  'DELETE calls': ({ simulator }) => (simulator.clearCalls(), { status: 204 }),
  'POST faults': ({ simulator }, body) => {
    const fault = simulator.injectFault(faultSpec(object(body, '{ "operation": "PutKey", "error": "ConflictException" }')));
    return { status: 201, json: { remaining: fault.remaining } };
  },
  'DELETE faults': ({ simulator }) => (simulator.clearFaults(), { status: 204 }),
  'GET clock': ({ clock }) => ({ status: 200, json: clockJson(clock) }),
  'POST clock': changed(({ clock }, body) => {
    const { advanceMs, time, frozen, ...rest } = object(body, '{ "advanceMs": 60000 }') as { advanceMs?: number; time?: string | number; frozen?: boolean };
    unknownKeys(rest, 'POST /_kvs-mock/clock takes advanceMs, time and frozen');
    if (frozen !== undefined) clock.freeze(frozen === true);
    if (time !== undefined) clock.set(typeof time === 'string' ? Date.parse(time) : time);
    if (advanceMs !== undefined) clock.advance(advanceMs);
    return { status: 200, json: clockJson(clock) };
  }),
};

/** A route that changes the state: the state file is rewritten after it. */
function changed(route: Route): Route {
  return async (context, body, query, rest) => {
    const answer = await route(context, body, query, rest);
    await context.state?.afterAdmin();
    return answer;
  };
}

/** Answers one admin request; a misuse is a 400 whose message says what to send. */
export async function answerAdmin(context: ServerContext, method: string, path: string, body: Buffer | undefined): Promise<AdminAnswer> {
  const mark = path.indexOf('?');
  const query = new URLSearchParams(mark < 0 ? '' : path.slice(mark + 1));
  const [name = '', ...rest] = (mark < 0 ? path : path.slice(0, mark)).slice(ADMIN_PREFIX.length).split('/');
  const route = ROUTES[`${method} ${name}`];
  if (!route) {
    const known = Object.keys(ROUTES).map((r) => r.replace(' ', ` ${ADMIN_PREFIX}`));
    throw new AdminError(404, `${method} ${path} is not part of the admin API. Routes: ${known.join(', ')}.`);
  }
  let parsed: unknown;
  if (body !== undefined && body.length > 0) {
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AdminError(400, `The body of ${method} ${path} is not valid JSON.`);
    }
  }
  try {
    return await route(context, parsed, query, rest.join('/'));
  } catch (error) {
    if (error instanceof AdminError) throw error;
    if (error instanceof KvsMockUsageError || error instanceof RangeError || error instanceof TypeError) throw new AdminError(400, error.message);
    throw error;
  }
}

function object(body: unknown, example: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AdminError(400, `This route takes a JSON object, e.g. ${example}.`);
  return body as Record<string, unknown>;
}

function unknownKeys(rest: object, message: string): void {
  const keys = Object.keys(rest);
  if (keys.length > 0) throw new AdminError(400, `${message}; got ${keys.join(', ')}.`);
}

/**
 * A fault from JSON: the simulator's own fields, plus `transportError` (a message: the
 * connection is dropped, as a network failure) and `match` (only calls whose input has these
 * top-level values) in place of the functions JSON cannot carry.
 */
function faultSpec(body: Record<string, unknown>): FaultSpec {
  const { transportError, match, ...spec } = body as Record<string, unknown> & { transportError?: string; match?: Record<string, unknown> };
  if ('when' in spec || 'before' in spec) throw new AdminError(400, 'A fault over HTTP cannot carry when or before (functions); use match: { "Key": "hot" } to pick calls by input.');
  const result = { ...spec } as unknown as FaultSpec;
  if (transportError !== undefined) {
    if (spec['error'] !== undefined) throw new AdminError(400, 'A fault has either error or transportError, not both.');
    result.error = new Error(String(transportError));
  }
  if (match !== undefined) {
    const wanted = object(match, '{ "Key": "hot" }');
    result.when = (input) => Object.entries(wanted).every(([k, v]) => (input as Record<string, unknown>)?.[k] === v);
  }
  if (typeof spec['times'] === 'string' && spec['times'] === 'Infinity') result.times = Infinity;
  return result;
}

/** A call log entry as JSON: errors by name, message and status; bytes (function code, events) as UTF-8 text. */
export function callJson(call: object): Record<string, unknown> {
  const { error, time, ...rest } = call as { error?: Error; time: Date };
  const json: Record<string, unknown> = JSON.parse(JSON.stringify(rest, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value)));
  json['time'] = time.toISOString();
  if (error) json['error'] = { name: error.name, message: error.message, ...((error as { status?: number }).status !== undefined ? { status: (error as { status?: number }).status } : {}) };
  return json;
}

function clockJson(clock: ServerClock): { time: string; epochMs: number; frozen: boolean } {
  const now = clock();
  return { time: new Date(now).toISOString(), epochMs: now, frozen: clock.frozen };
}
