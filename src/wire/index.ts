/**
 * The simulator at the wire: a serialized HTTP request of either plane in, the HTTP response AWS
 * would send out (status, headers, restJson1 or restXml body, error envelopes), routed and
 * (de)serialized by the models' bindings. It knows nothing of how the request arrived: the SDK
 * path hands it the client's `HttpRequest`, a server would hand it a parsed request.
 */
import { ServiceError } from '../errors';
import type { Call, CommandTarget } from '../calls';
import { queryOf, type WireRequest, type WireResponse } from './http';
import type { OperationBinding, Plane } from './model';
import { MalformedRequest, decodeInput, encodeError, encodeOutput } from './protocol';
import { planeOfPath, route } from './router';

export type { WireRequest, WireResponse } from './http';
export type { Plane } from './model';
export { encodeError, encodeOutput } from './protocol';
export { planeOfPath } from './router';

/** Who is calling: the plane (default: from the path), the account and the client's name for the call log. */
export interface WireCaller {
  plane?: Plane;
  accountId: string;
  clientName?: string;
  /** Sees each call before the simulator runs it (an SDK send logs its attempts). */
  observe?: (call: Call) => void;
}

/** One answered request: the response, and the call the simulator ran (undefined when none matched). */
export interface WireExchange {
  response: WireResponse;
  call: Call | undefined;
  /** The output the operation returned, when it succeeded (before `$metadata`). */
  output?: Record<string, unknown>;
  /** The service error the response carries, when it is one. */
  error?: ServiceError;
}

const CLIENT_NAMES: Record<Plane, string> = { data: 'CloudFrontKeyValueStoreClient', control: 'CloudFrontClient' };

/**
 * Answers one HTTP request from the simulator, or gives undefined when the request names no
 * operation the simulator answers (the caller decides what then). A service error becomes its
 * error envelope; any other error (an injected transport failure) is thrown, as a connection
 * would fail. Synchronous when the simulator is (a server then answers with no promise in
 * between); a promise when the operation waits (a fault's delay, TestFunction).
 *
 * @example
 * ```ts
 * const exchange = await answerWire(simulator, { method: 'GET', path: `/key-value-stores/${encodeURIComponent(arn)}/keys/k`, headers: {} }, { accountId: '123456789012' });
 * exchange?.response.statusCode; // 200
 * ```
 */
export function answerWire(target: CommandTarget, request: WireRequest, caller: WireCaller): WireExchange | Promise<WireExchange> | undefined {
  const { path, query } = queryOf(request);
  const plane = caller.plane ?? planeOfPath(path);
  const routed = route(plane, request.method, path, query);
  if (!routed || !target.handles(plane, routed.operation)) return undefined;
  const requestId = target.newRequestId();
  let input: Record<string, unknown>;
  try {
    input = decodeInput(plane, routed.binding, routed.labels, query, request);
  } catch (error) {
    if (error instanceof MalformedRequest) return { response: encodeError(plane, { code: error.code, message: error.message, status: 400, fault: 'client' }, requestId), call: undefined };
    throw error;
  }
  const call: Call = { plane, clientName: caller.clientName ?? CLIENT_NAMES[plane], operation: routed.operation, input, accountId: caller.accountId, requestId };
  caller.observe?.(call);
  let result: ReturnType<CommandTarget['execute']>;
  try {
    result = target.execute(call);
  } catch (error) {
    return failed(plane, error, requestId, call);
  }
  if (result instanceof Promise) return result.then((done) => answered(plane, routed.binding, done.output, requestId, call), (error: unknown) => failed(plane, error, requestId, call));
  return answered(plane, routed.binding, result.output, requestId, call);
}

function answered(plane: Plane, binding: OperationBinding, output: Record<string, unknown>, requestId: string, call: Call): WireExchange {
  return { response: encodeOutput(plane, binding, output, requestId), call, output };
}

function failed(plane: Plane, error: unknown, requestId: string, call: Call): WireExchange {
  if (error instanceof ServiceError) return { response: encodeError(plane, error, requestId), call, error };
  throw error;
}
