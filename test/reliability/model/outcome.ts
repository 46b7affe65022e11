/**
 * What the reference model predicts for one call, and the placeholders it uses for values only
 * the double can choose (ids, ETags, page tokens): the lockstep driver checks their shape and
 * novelty, then binds each placeholder to the real value in the model.
 */

/** A value the double picks: checked for shape (and novelty), then bound into the model. */
export class Fresh {
  constructor(
    readonly kind: 'data-etag' | 'control-etag' | 'id' | 'token' | 'marker',
    readonly placeholder: string,
  ) {}
}

/** The model's prediction for one call. */
export type Outcome =
  | { kind: 'ok'; status: number; output: Record<string, unknown> }
  /** A modeled service error; `precondition` marks D1's stale-ETag ValidationException. */
  | { kind: 'error'; plane: 'data' | 'control'; name: string; precondition?: boolean; why: string }
  /** An error the SDK itself throws before sending (EndpointError, missing label, URIError). */
  | { kind: 'client'; name: string; message: string };

/** HTTP status and fault of each error, from the spec's error tables (§1.4, §2.3). */
export const ERROR_STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  ConflictException: 409,
  InternalServerException: 500,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 402,
  ValidationException: 400,
  AccessDenied: 403,
  CannotDeleteEntityWhileInUse: 409,
  EntityAlreadyExists: 409,
  EntityLimitExceeded: 400,
  EntityNotFound: 404,
  EntitySizeLimitExceeded: 413,
  InvalidArgument: 400,
  InvalidIfMatchVersion: 400,
  PreconditionFailed: 412,
  UnsupportedOperation: 400,
  NoSuchResource: 404,
  InvalidTagging: 400,
};

export const DATA_ETAG = /^KV[0-9A-Z]{13}$/;
export const CONTROL_ETAG = /^E[0-9A-Z]{12,13}$/;
export const STORE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function ok(output: Record<string, unknown>, status = 200): Outcome {
  return { kind: 'ok', status, output };
}

export function dataError(name: string, why: string, precondition = false): Outcome {
  return { kind: 'error', plane: 'data', name, why, ...(precondition ? { precondition } : {}) };
}

export function controlError(name: string, why: string): Outcome {
  return { kind: 'error', plane: 'control', name, why };
}

export function clientError(name: string, message: string): Outcome {
  return { kind: 'client', name, message };
}

/** Matches the actual items in any order (the spec gives no order for them). */
export class Unordered {
  constructor(readonly items: readonly unknown[]) {}
}

/** Matches any actual value the predicate accepts (e.g. a FailureReason's free text). */
export class Satisfies {
  constructor(
    readonly description: string,
    readonly test: (actual: unknown) => boolean,
  ) {}
}
