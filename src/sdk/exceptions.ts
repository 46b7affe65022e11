import type { ServiceError } from '../errors';

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

/** What we read of a client's config: its package's own error registries (schema-serde SDKs). */
interface ErrorRegistryConfig {
  protocolSettings?: { errorTypeRegistries?: Array<{ exceptions?: Map<unknown, unknown> }> };
}

const classCache = new WeakMap<object, Map<string, ErrorClass>>();

/**
 * The calling client package's error classes by code, read from its config so that the
 * exception is the class of the very copy the caller imported (D16), even with duplicate copies.
 */
export function errorClassesOf(config: ErrorRegistryConfig | undefined): Map<string, ErrorClass> {
  const registries = config?.protocolSettings?.errorTypeRegistries;
  if (!Array.isArray(registries)) return new Map();
  let classes = classCache.get(registries);
  if (!classes) {
    classes = new Map();
    for (const registry of registries) {
      for (const [schema, ctor] of registry.exceptions ?? []) {
        const name = Array.isArray(schema) ? schema[2] : undefined;
        if (typeof name === 'string' && typeof ctor === 'function') classes.set(name, ctor as ErrorClass);
      }
    }
    classCache.set(registries, classes);
  }
  return classes;
}

/**
 * Turns a simulated service error into what the SDK would have thrown for the same response:
 * the modeled class (or the package's base ServiceException for an unmodeled code), with
 * `name`, `message`, `$fault` and `$metadata`, plus the XML error fields of the control plane.
 */
export function toSdkException(error: ServiceError, classes: Map<string, ErrorClass>, requestId: string, plane: 'data' | 'control'): Error {
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
  Object.defineProperty(exception, '$response', { value: undefined, enumerable: false, configurable: true, writable: true });
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
