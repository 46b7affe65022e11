import type { ServiceError } from '../errors';
import { encodeError, type WireResponse } from '../wire';
import { packageExportsOf, type Plane } from '../harness/packages';

/** The `$metadata` the SDK puts on every output and error of a request sent once. */
export interface ResponseMetadata {
  httpStatusCode: number;
  requestId: string;
  extendedRequestId: undefined;
  cfId: undefined;
  attempts: 1;
  totalRetryDelay: 0;
}

export function responseMetadata(httpStatusCode: number, requestId: string): ResponseMetadata {
  return { httpStatusCode, requestId, extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 };
}

type ErrorClass = new (options: Record<string, unknown>) => Error;

/** A client package's exception classes by error code. */
export type ErrorClasses = Map<string, ErrorClass>;

/** What we read of a client: its package's own error registries (schema-serde SDKs) and its class. */
interface ErrorSource {
  constructor?: unknown;
  config?: { protocolSettings?: { errorTypeRegistries?: Array<{ exceptions?: Map<unknown, unknown> }> } };
}

const classCache = new WeakMap<object, Map<string, ErrorClass>>();

/**
 * The calling client package's error classes by code, so that the exception is the class of the
 * very copy the caller imported (D16), even with duplicate copies. Schema-serde releases list
 * them in the config's registries; older releases only export them, from the module that
 * exports the client's own class.
 */
export function errorClassesOf(client: ErrorSource, plane: Plane): Map<string, ErrorClass> {
  const registries = client.config?.protocolSettings?.errorTypeRegistries;
  const key = Array.isArray(registries) ? registries : typeof client.constructor === 'function' ? client.constructor : undefined;
  if (!key) return new Map();
  let classes = classCache.get(key);
  if (!classes) {
    classes = Array.isArray(registries) ? fromRegistries(registries) : fromExports(packageExportsOf(plane, client.constructor));
    classCache.set(key, classes);
  }
  return classes;
}

function fromRegistries(registries: Array<{ exceptions?: Map<unknown, unknown> }>): Map<string, ErrorClass> {
  const classes = new Map<string, ErrorClass>();
  for (const registry of registries) {
    for (const [schema, ctor] of registry.exceptions ?? []) {
      const name = Array.isArray(schema) ? schema[2] : undefined;
      if (typeof name === 'string' && typeof ctor === 'function') classes.set(name, ctor as ErrorClass);
    }
  }
  return classes;
}

/** Every exported class that builds an `Error`, by its name (generated classes are named for their code). */
function fromExports(exports: Record<string, unknown> | undefined): Map<string, ErrorClass> {
  const classes = new Map<string, ErrorClass>();
  for (const [name, value] of Object.entries(exports ?? {})) {
    if (typeof value === 'function' && value.prototype instanceof Error) classes.set(name, value as ErrorClass);
  }
  return classes;
}

/**
 * Turns a simulated service error into what the SDK would have thrown for the same response:
 * the modeled class (or the package's base ServiceException for an unmodeled code), with
 * `name`, `message`, `$fault` and `$metadata`, plus the XML error fields of the control plane.
 */
export function toSdkException(error: ServiceError, classes: Map<string, ErrorClass>, requestId: string, plane: 'data' | 'control', response?: WireResponse): Error {
  const $metadata = responseMetadata(error.status, requestId);
  const Modeled = classes.get(error.code);
  let exception: Error & Record<string, unknown>;
  if (Modeled) {
    exception = new Modeled({ message: error.message, $metadata }) as Error & Record<string, unknown>;
  } else {
    const Base = [...classes].find(([name]) => name.endsWith('ServiceException'))?.[1];
    const options = { name: error.code, message: error.message, $fault: error.fault, $metadata };
    exception = (Base ? new Base(options) : Object.assign(new Error(error.message), options)) as Error & Record<string, unknown>;
  }
  exception.name = error.code;
  exception['$fault'] = error.fault;
  if (exception['Message'] === undefined) delete exception['Message'];
  // Off the wire, `message` is an own enumerable field and `$response` a hidden one: match both,
  // so spreading or logging our errors shows what a real one shows.
  Object.defineProperty(exception, 'message', { value: error.message, enumerable: true, configurable: true, writable: true });
  // The HTTP response the error came in, as AWS sends it; built when first read.
  if (response) Object.defineProperty(exception, '$response', { value: response, enumerable: false, configurable: true, writable: true });
  else {
    Object.defineProperty(exception, '$response', {
      get() {
        const value = encodeError(plane, error, requestId);
        Object.defineProperty(exception, '$response', { value, enumerable: false, configurable: true, writable: true });
        return value;
      },
      set(value: unknown) {
        Object.defineProperty(exception, '$response', { value, enumerable: false, configurable: true, writable: true });
      },
      enumerable: false,
      configurable: true,
    });
  }
  if (plane === 'control') {
    const Type = error.fault === 'server' ? 'Receiver' : 'Sender';
    Object.assign(exception, {
      Error: { Type, Code: error.code, Message: error.message },
      RequestId: requestId,
      xmlns: 'http://cloudfront.amazonaws.com/doc/2020-05-31/',
      Type,
      Code: error.code,
    });
  }
  return exception;
}
