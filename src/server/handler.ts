/**
 * One request handler for every request the server gets: it reads the request (from an
 * origin-form or absolute-form line: the server is its own forward proxy), routes it by method
 * and path alone to the admin API or to a plane, and writes what AWS would answer, or a plain
 * 4xx when the request is no service request. The Host header, the signature and the
 * credentials are never looked at.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Call } from '../calls';
import type { KvsSimulator } from '../simulator';
import { answerWire, encodeError, type Plane, type WireResponse } from '../wire';
import { isInjectedError } from '../harness/faults';
import { ADMIN_PREFIX, answerAdmin } from './admin';
import { readBody } from './body';
import type { ServerClock } from './clock';
import type { ResolvedServerOptions } from './options';
import type { StateFile } from './state-types';

/** What the handler serves from, shared with the listener. */
export interface ServerContext {
  simulator: KvsSimulator;
  /** The simulator's clock, which the admin API moves. */
  clock: ServerClock;
  options: ResolvedServerOptions;
  state: StateFile | undefined;
  /** Set once the server is closing: responses then close their connection. */
  closing: boolean;
  /** Requests being answered; a closing server waits for them. */
  inFlight: number;
  idle: (() => void) | undefined;
}

/** The operations that change state: their success waits for the state file. */
const MUTATING = new Set([
  'PutKey', 'DeleteKey', 'UpdateKeys', 'CreateKeyValueStore', 'UpdateKeyValueStore', 'DeleteKeyValueStore', 'TagResource', 'UntagResource',
  'CreateFunction', 'UpdateFunction', 'PublishFunction', 'DeleteFunction',
]);

const CONTROL_PREFIX = '/2020-05-31/';
const DATA_PREFIX = '/key-value-stores';

/** The path of a request line: `/a?b` as it is, `http://host:port/a?b` (a proxy request) without its authority. */
export function pathOf(target: string): string | undefined {
  if (target.charCodeAt(0) === 47 /* / */) return target;
  const scheme = /^https?:\/\//i.exec(target);
  if (!scheme) return undefined;
  const slash = target.indexOf('/', scheme[0].length);
  return slash < 0 ? '/' : target.slice(slash);
}

/** The plane a path belongs to, or undefined when it is neither's. */
function planeOf(path: string): Plane | undefined {
  if (path.startsWith(DATA_PREFIX) && (path.length === DATA_PREFIX.length || path[DATA_PREFIX.length] === '/' || path[DATA_PREFIX.length] === '?')) return 'data';
  if (path.startsWith(CONTROL_PREFIX)) return 'control';
  return undefined;
}

export function createRequestHandler(context: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = pathOf(req.url ?? '');
    if (path === undefined) return plain(res, 400, `The request target ${JSON.stringify(req.url)} is not a path or an http:// URL.`);
    if (path.startsWith(ADMIN_PREFIX)) return void admin(context, req, res, path);
    const plane = planeOf(path);
    if (plane === undefined) return plain(res, 404, `No CloudFront KeyValueStore operation has the path ${path.split('?')[0]}: the data plane is under /key-value-stores/, the control plane under /2020-05-31/, this server's own API under ${ADMIN_PREFIX}.`);
    begin(context);
    // A request without a body (most reads) is answered without waiting for one.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return void service(context, req, res, plane, path, undefined);
    readBody(req, context.options, (error, body) => {
      if (error) {
        const code = error.status === 413 ? 'RequestEntityTooLarge' : error.status === 408 ? 'RequestTimeout' : 'IncompleteBody';
        send(context, res, encodeError(plane, { code, message: error.message, status: error.status, fault: 'client' }, context.simulator.newRequestId()), true);
        return done(context);
      }
      void service(context, req, res, plane, path, body);
    });
  };
}

async function service(context: ServerContext, req: IncomingMessage, res: ServerResponse, plane: Plane, path: string, body: Buffer | undefined): Promise<void> {
  const { simulator } = context;
  try {
    const request = { method: req.method!, path, headers: req.headers as Record<string, string>, body };
    const exchange = await answerWire(simulator, request, { plane, accountId: simulator.accountId });
    if (!exchange) {
      const error = unknownOperation(plane, req.method!, path);
      return send(context, res, encodeError(plane, error, simulator.newRequestId()), false);
    }
    const { call, output, error, response } = exchange;
    if (call?.record) {
      if (output) output['$metadata'] = { httpStatusCode: response.statusCode, requestId: call.requestId, attempts: 1, totalRetryDelay: 0 };
      if (output) call.record.output = output;
      else if (error) call.record.error = error;
    }
    if (context.state && call && !error && MUTATING.has(call.operation)) await context.state.afterWrite(call as Call);
    send(context, res, response, false);
  } catch (error) {
    // A fault's Error object is a transport failure: the connection drops, as a network's would.
    if (isInjectedError(error)) return void res.destroy();
    // Anything else is a fault of ours: the service's 500, and the story on the console.
    context.options.onWarning(`[cloudfront-kvs-mock] ${req.method} ${path} failed inside the simulator: ${(error as Error)?.stack ?? String(error)}`);
    send(context, res, encodeError(plane, { code: plane === 'data' ? 'InternalServerException' : 'InternalFailure', message: 'The simulator failed to answer; its console shows why.', status: 500, fault: 'server' }, simulator.newRequestId()), false);
  } finally {
    done(context);
  }
}

/** The error a request that names no operation gets, in its plane's envelope *(unverified: AWS's front door answers before the service)*. */
function unknownOperation(plane: Plane, method: string, path: string): { code: string; message: string; status: number; fault: 'client' } {
  const route = `${method} ${path.split('?')[0]}`;
  return plane === 'data'
    ? { code: 'UnknownOperationException', message: `No operation of the CloudFront KeyValueStore API matches ${route}.`, status: 404, fault: 'client' }
    : { code: 'NoSuchResource', message: `No key value store or function operation of the CloudFront API matches ${route}.`, status: 404, fault: 'client' };
}

function send(context: ServerContext, res: ServerResponse, response: WireResponse, close: boolean): void {
  if (res.destroyed) return;
  if (close || context.closing) res.shouldKeepAlive = false;
  res.writeHead(response.statusCode, response.headers);
  res.end(response.body);
}

async function admin(context: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  begin(context);
  try {
    const body = await new Promise<Buffer | undefined>((resolve, reject) => readBody(req, context.options, (error, bytes) => (error ? reject(error) : resolve(bytes))));
    const { status, json } = await answerAdmin(context, req.method!, path, body);
    const text = json === undefined ? '' : JSON.stringify(json);
    if (context.closing) res.shouldKeepAlive = false;
    res.writeHead(status, text === '' ? {} : { 'content-type': 'application/json' });
    res.end(text);
  } catch (error) {
    const status = (error as { status?: number }).status ?? 400;
    plain(res, status, (error as Error).message, true);
  } finally {
    done(context);
  }
}

/** A response to a request that is no service request: text, and no AWS envelope to imitate. */
export function plain(res: ServerResponse, status: number, message: string, json = false): void {
  if (res.destroyed || res.headersSent) return;
  const body = json ? JSON.stringify({ message }) : `${message}\n`;
  res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function begin(context: ServerContext): void {
  context.inFlight++;
}

function done(context: ServerContext): void {
  if (--context.inFlight === 0 && context.idle) context.idle();
}
