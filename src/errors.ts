/**
 * The one place that knows the service's error codes. Operations throw `ServiceError`s built
 * here; the SDK adapter turns them into the calling client package's own exception classes.
 */

export type Fault = 'client' | 'server';

/** Status code and fault of every modeled error of both planes (from the AWS models). */
export const MODELED_ERRORS = {
  // Data plane, cloudfront-keyvaluestore 2022-07-26.
  AccessDeniedException: { status: 403, fault: 'client' },
  ConflictException: { status: 409, fault: 'client' },
  InternalServerException: { status: 500, fault: 'server' },
  ResourceNotFoundException: { status: 404, fault: 'client' },
  ServiceQuotaExceededException: { status: 402, fault: 'client' },
  ValidationException: { status: 400, fault: 'client' },
  // Control plane, cloudfront 2020-05-31.
  AccessDenied: { status: 403, fault: 'client' },
  CannotDeleteEntityWhileInUse: { status: 409, fault: 'client' },
  EntityAlreadyExists: { status: 409, fault: 'client' },
  EntityLimitExceeded: { status: 400, fault: 'client' },
  EntityNotFound: { status: 404, fault: 'client' },
  EntitySizeLimitExceeded: { status: 413, fault: 'client' },
  FunctionAlreadyExists: { status: 409, fault: 'client' },
  FunctionInUse: { status: 409, fault: 'client' },
  FunctionSizeLimitExceeded: { status: 413, fault: 'client' },
  InvalidArgument: { status: 400, fault: 'client' },
  InvalidIfMatchVersion: { status: 400, fault: 'client' },
  InvalidTagging: { status: 400, fault: 'client' },
  NoSuchFunctionExists: { status: 404, fault: 'client' },
  NoSuchResource: { status: 404, fault: 'client' },
  PreconditionFailed: { status: 412, fault: 'client' },
  TestFunctionFailed: { status: 500, fault: 'server' },
  TooManyFunctions: { status: 400, fault: 'client' },
  UnsupportedOperation: { status: 400, fault: 'client' },
} as const satisfies Record<string, { status: number; fault: Fault }>;

export type ModeledErrorCode = keyof typeof MODELED_ERRORS;

/** Common errors the models do not list but the service (or its front door) can send. */
const UNMODELED_ERRORS = {
  ThrottlingException: { status: 429, fault: 'client' },
  Throttling: { status: 400, fault: 'client' },
  ServiceUnavailable: { status: 503, fault: 'server' },
  ServiceUnavailableException: { status: 503, fault: 'server' },
  InternalFailure: { status: 500, fault: 'server' },
  RequestTimeout: { status: 408, fault: 'client' },
} as const satisfies Record<string, { status: number; fault: Fault }>;

/** An error code whose status and fault the simulator knows: a modeled one or a common unmodeled one. */
export type KvsErrorCode = ModeledErrorCode | keyof typeof UNMODELED_ERRORS;

const KNOWN_ERRORS: Readonly<Record<string, { status: number; fault: Fault }>> = { ...MODELED_ERRORS, ...UNMODELED_ERRORS };

/** Every {@link KvsErrorCode}, modeled ones first. */
export const ERROR_CODES: readonly KvsErrorCode[] = Object.freeze(Object.keys(KNOWN_ERRORS) as KvsErrorCode[]);

/** Whether the simulator knows this code's status and fault (own keys only: `'toString'` is no code). */
export function isKnownErrorCode(code: string): code is KvsErrorCode {
  return Object.hasOwn(KNOWN_ERRORS, code);
}

/** An error the simulated service answers with: a code, a message, a status and a fault. */
export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: Fault;

  constructor(code: string, message: string, status?: number, fault?: Fault) {
    super(message);
    const known = isKnownErrorCode(code) ? KNOWN_ERRORS[code] : undefined;
    this.name = code;
    this.code = code;
    this.status = status ?? known?.status ?? 400;
    this.fault = fault ?? known?.fault ?? (this.status >= 500 ? 'server' : 'client');
  }
}

/** Builds a modeled service error. */
export function serviceError(code: ModeledErrorCode, message: string): ServiceError {
  return new ServiceError(code, message);
}

/** Longest echo of a caller's value in a message: enough to recognise it, never a flood. */
const QUOTE_LIMIT = 120;

/** A caller's string for a message: JSON-quoted, and cut short (saying so) when it is long. */
export function quote(value: string): string {
  if (value.length <= QUOTE_LIMIT) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, QUOTE_LIMIT))}… (${value.length} characters)`;
}

/** Message shared by every stale-ETag rejection: callers retry on its `Pre-Condition failed` (D1). */
export function preconditionFailed(ifMatch: string, current: string): ServiceError {
  return serviceError(
    'ValidationException',
    `Pre-Condition failed: the IfMatch ETag ${quote(ifMatch)} is not the current ETag of the key value store. Read the current ETag with DescribeKeyValueStore and retry.`,
  );
}

const USAGE_ERROR = Symbol.for('cloudfront-kvs-mock.KvsMockUsageError');

/** A misuse of this package's own API (bad options, bad seed data): says what to do. */
export class KvsMockUsageError extends Error {
  /** Is any copy's usage error: jest module registries and bundles load this package more than once. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [USAGE_ERROR]?: unknown })[USAGE_ERROR] === true;
  }

  constructor(message: string) {
    super(`[cloudfront-kvs-mock] ${message}`);
    this.name = 'KvsMockUsageError';
    Object.defineProperty(this, USAGE_ERROR, { value: true });
  }
}
