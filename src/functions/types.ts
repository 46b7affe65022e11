import type { KeyValueStore } from '../core/store';

/** The two CloudFront Functions runtimes (`FunctionConfig.Runtime`). */
export type FunctionRuntime = 'cloudfront-js-1.0' | 'cloudfront-js-2.0';

/** Every runtime, in the order AWS introduced them. */
export const FUNCTION_RUNTIMES: readonly FunctionRuntime[] = Object.freeze(['cloudfront-js-1.0', 'cloudfront-js-2.0']);

/** What a function can read of its associated key value store: the core store, read as it is now. */
export type FunctionStore = Pick<KeyValueStore, 'id' | 'keys' | 'itemCount' | 'created' | 'lastModified'>;

/** Where `cf.edgeLocation` says the request was handled (viewer-request only; `{}` in viewer-response). */
export interface EdgeLocation {
  /** The three-letter IATA code of the edge location (default `IAD`). */
  name: string;
  /** The address of the server that handled the request (default `203.0.113.10`). */
  serverIp: string;
  /** The Regional Edge Cache the request would use on a miss (default `us-east-1`). */
  region: string;
}

/** Limits of one invocation. */
export interface InvocationLimits {
  /** CPU time that counts as a compute utilization of 100 (default 1 ms). */
  computeBudgetMs?: number;
  /** CPU time after which the invocation is stopped and reported as an error (default 500 ms). */
  timeLimitMs?: number;
}

/** One run of a function's code against an event. */
export interface InvocationInput {
  code: string;
  runtime: FunctionRuntime;
  /** The parsed JSON event (see `checkEvent`). */
  event: unknown;
  /** The associated key value store, or undefined when none is associated. */
  store?: FunctionStore | undefined;
  /** Epoch ms: the simulator's clock at the start of the invocation; `Date` answers it throughout. */
  now: number;
  limits?: InvocationLimits | undefined;
  /** `cf.edgeLocation` for viewer-request events (default IAD, us-east-1). */
  edgeLocation?: EdgeLocation | undefined;
  /** The distribution tenant the request is for (a multi-tenant distribution), checked by the caller. */
  distributionTenant?: DistributionTenant | undefined;
  /** What `event.request.rawQueryString()` answers, the query without `?` (default: rebuilt from the event's querystring). */
  rawQueryString?: string | undefined;
}

/**
 * A distribution tenant of a multi-tenant distribution (CloudFront SaaS Manager): with one, the
 * function sees `cf.distributionTenant` and `event.context.endpoint` instead of
 * `distributionDomainName`.
 */
export interface DistributionTenant {
  /** `cf.distributionTenant.id`, e.g. `dt_1a2b3c4d5e6f7`. */
  id: string;
  /** What `cf.distributionTenant.parameters.get(name)` answers (default none). */
  parameters?: Readonly<Record<string, string>>;
  /** `event.context.endpoint`, the connection group's domain (default: the event's `distributionDomainName`). */
  endpoint?: string;
}

/**
 * The error CloudFront would answer in production for an output that TestFunction accepts: a
 * disallowed header added or a read-only header changed makes CloudFront answer 502.
 */
export interface ProductionError {
  statusCode: 502;
  message: string;
}

/** A call the function made to one of the `cloudfront` module's origin helpers. */
export interface OriginCall {
  method: 'updateRequestOrigin' | 'selectRequestOriginById' | 'createRequestOriginGroup';
  /** The argument the function passed, as JSON data. */
  argument: unknown;
  /** `selectRequestOriginById(id, options)`: the options, when given, as JSON data. */
  options?: unknown;
}

/** What a function's failure reports: the error's name and message in the runtime's words. */
export interface FunctionError {
  name: string;
  message: string;
}

/** The outcome of one invocation; a function's own failure is an `error`, never an exception. */
export interface InvocationResult {
  /** `{ request }` or `{ response }` as CloudFront serializes it; undefined on error. */
  output?: { request?: unknown; response?: unknown } | undefined;
  /** The JSON text of `output` (TestFunction's `FunctionOutput`); '' on error. */
  functionOutput: string;
  error?: FunctionError | undefined;
  /** TestFunction's `FunctionErrorMessage`; '' on success. */
  errorMessage: string;
  /** The `console.log` lines, at most 10 KB in all. */
  logs: string[];
  /** The invocation's CPU time over the compute budget, 0..100. */
  computeUtilization: number;
  /** Origin helper calls, in order (not part of TestFunction's result). */
  originCalls: OriginCall[];
  /**
   * What the package noticed that is not an error on CloudFront, e.g. an origin helper member
   * no documentation shows: `updateRequestOrigin(): unknown member foo (known: …)`.
   */
  warnings: string[];
  /** The last `cf.logCustomData()` text, URL-encoded and cut at 800 bytes (not part of TestFunction's result). */
  customData?: string | undefined;
  /** Set when CloudFront would answer 502 for this output in production although TestFunction shows it. */
  productionError?: ProductionError | undefined;
}
