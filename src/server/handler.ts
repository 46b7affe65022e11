/**
 * One request handler for every request the server gets: it reads the request (from an
 * origin-form or absolute-form line: the server is its own forward proxy), routes it by method
 * and path alone to the admin API or to a plane, and writes what AWS would answer, or a plain
 * 4xx when the request is no service request. The Host header, the signature and the
 * credentials are never looked at.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../errors';
import type { KvsSimulator } from '../simulator';
import { answerWire, encodeError, type Plane, type WireExchange, type WireResponse } from '../wire';
import { isInjectedError } from '../harness/faults';
import { ADMIN_PREFIX, answerAdmin } from './admin';
import { readBody } from './body';
import type { ServerClock } from './clock';
import type { ResolvedServerOptions } from './options';
import type { StateFile } from './state';
import { isWrite } from './state/effects';

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
    // No operation reads a body from a GET or a DELETE: they are answered at once, and node:http
    // discards a body one carries. (The headers object is then built only if the operation reads one.)
    const method = req.method;
    if (method === 'GET' || method === 'DELETE' || method === 'HEAD') return service(context, req, res, plane, path, undefined);
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return service(context, req, res, plane, path, undefined);
    readBody(req, context.options, (error, body) => {
      if (error) {
        const code = error.status === 413 ? 'RequestEntityTooLarge' : error.status === 408 ? 'RequestTimeout' : 'IncompleteBody';
        send(context, res, encodeError(plane, new ServiceError(code, error.message, error.status, 'client'), context.simulator.newRequestId()), true);
        return done(context);
      }
      service(context, req, res, plane, path, body);
    });
  };
}

/**
 * A request as the wire layer reads it. Its headers are node:http's, built on first read: only an
 * operation with a header member pays for them. (A class, not a literal with a getter: a literal's
 * getter is a new closure per request, and each such object gets a hidden class of its own.)
 */
class ServerRequest {
  readonly method: string;
  constructor(
    private readonly req: IncomingMessage,
    readonly path: string,
    readonly body: Buffer | undefined,
  ) {
    this.method = req.method!;
  }

  get headers(): Record<string, string> {
    return this.req.headers as Record<string, string>;
  }
}

/** Answers a service request: synchronously when the simulator is, which is most calls. */
function service(context: ServerContext, req: IncomingMessage, res: ServerResponse, plane: Plane, path: string, body: Buffer | undefined): void {
  const request = new ServerRequest(req, path, body);
  let exchange: WireExchange | Promise<WireExchange> | undefined;
  try {
    exchange = answerWire(context.simulator, request, { plane, accountId: context.simulator.accountId });
  } catch (error) {
    return failed(context, res, plane, request, error);
  }
  if (exchange instanceof Promise) {
    exchange.then(
      (done) => respond(context, res, plane, request, done),
      (error: unknown) => failed(context, res, plane, request, error),
    );
  } else respond(context, res, plane, request, exchange);
}

function respond(context: ServerContext, res: ServerResponse, plane: Plane, request: { method: string; path: string }, exchange: WireExchange | undefined): void {
  if (!exchange) {
    send(context, res, encodeError(plane, unknownOperation(plane, request.method, request.path), context.simulator.newRequestId()), false);
    return done(context);
  }
  const { call, output, error, response } = exchange;
  const record = call?.record;
  if (record) {
    if (output) {
      output['$metadata'] = { httpStatusCode: response.statusCode, requestId: call.requestId, attempts: 1, totalRetryDelay: 0 };
      record.output = output;
    } else if (error) record.error = error;
  }
  if (context.state && call && !error && isWrite(call)) {
    // The answer waits until the write is on disk.
    context.state.afterWrite(call).then(
      () => (send(context, res, response, false), done(context)),
      (failure: unknown) => failed(context, res, plane, request, failure),
    );
    return;
  }
  send(context, res, response, false);
  done(context);
}

function failed(context: ServerContext, res: ServerResponse, plane: Plane, request: { method: string; path: string }, error: unknown): void {
  // A fault's Error object is a transport failure: the connection drops, as a network's would.
  if (isInjectedError(error)) res.destroy();
  else {
    // Anything else is a fault of ours: the service's 500, and the story on the console.
    context.options.onWarning(`[cloudfront-kvs-mock] ${request.method} ${request.path} failed inside the simulator: ${(error as Error)?.stack ?? String(error)}`);
    const code = plane === 'data' ? 'InternalServerException' : 'InternalFailure';
    send(context, res, encodeError(plane, new ServiceError(code, 'The simulator failed to answer; its console shows why.', 500, 'server'), context.simulator.newRequestId()), false);
  }
  done(context);
}

/** The error a request that names no operation gets, in its plane's envelope *(unverified: AWS's front door answers before the service)*. */
function unknownOperation(plane: Plane, method: string, path: string): ServiceError {
  const route = `${method} ${path.split('?')[0]}`;
  return plane === 'data'
    ? new ServiceError('UnknownOperationException', `No operation of the CloudFront KeyValueStore API matches ${route}.`, 404, 'client')
    : new ServiceError('NoSuchResource', `No key value store or function operation of the CloudFront API matches ${route}.`, 404, 'client');
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
