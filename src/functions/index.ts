/**
 * The CloudFront Functions runtime: runs a function's code as CloudFront does (the language of
 * its runtime, the `cloudfront` module over a simulated store, a frozen clock, no host access)
 * and reports what TestFunction reports. Knows nothing of the SDK.
 */
export { invokeFunction, ERROR_PREFIX, DEFAULT_COMPUTE_BUDGET_MS, DEFAULT_TIME_LIMIT_MS } from './invoke';
export { checkEvent, viewerRequestEvent, viewerResponseEvent } from './events';
export type { FunctionEvent, FunctionRequest, FunctionResponse, FunctionValue, RequestEventOptions, ResponseCookieValue, ResponseEventOptions, ValueInput } from './events';
export { FUNCTION_RUNTIMES } from './types';
export type { DistributionTenant, EdgeLocation, FunctionError, FunctionRuntime, FunctionStore, InvocationInput, InvocationLimits, InvocationResult, OriginCall, ProductionError } from './types';
export { runFunction, runFunctionWith, FUNCTION_CODE_MAX_BYTES, FUNCTION_CODE_QUOTA_BYTES, INLINE_STORE_ID, type RunFunctionOptions } from './run-function';
