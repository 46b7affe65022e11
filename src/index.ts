/**
 * cloudfront-kvs-mock: a faithful in-memory Amazon CloudFront KeyValueStore for tests, plugged
 * into the real AWS SDK v3 clients. Nothing runner-specific lives here.
 *
 * @packageDocumentation
 */
export {
  createKvsSimulator,
  KvsSimulator,
  type AttachOptions,
  type AttachableClient,
  type CallFilter,
  type FunctionStageState,
  type FunctionState,
  type KvsSimulatorOptions,
  type RunSimulatedFunctionOptions,
  type SeedFunctionOptions,
  type SeedItems,
  type SeedStoreOptions,
  type StoreState,
} from './simulator';
export { manualClock, type Clock, type ManualClock } from './core/clock';
export { DEFAULT_QUOTAS, type Quotas } from './core/quotas';
export type { StoreStatus } from './core/store';
export type { FunctionStage } from './core/functions';
export { KvsMockUsageError, type KvsErrorCode, type ModeledErrorCode } from './errors';
export type { ControlPlaneOperationName, DataPlaneOperationName, OperationName } from './operations';
export type { UnhandledPolicy } from './sdk/middleware';
export type { CallRecord } from './sdk/call-record';
export type { FaultHandle, FaultSpec, FaultedCall, InjectedServiceError } from './harness/faults';
export type { KeyWrites, WriteKeysOptions } from './harness/other-writer';
export type { KvsSnapshot, SnapshotS3Object, SnapshotStore } from './harness/snapshot';
export type { SnapshotFunction, SnapshotFunctionStage } from './harness/snapshot-functions';
export { runFunction, viewerRequestEvent, viewerResponseEvent, checkEvent, FUNCTION_RUNTIMES, INLINE_STORE_ID } from './functions';
export type {
  DistributionTenant,
  EdgeLocation,
  FunctionError,
  FunctionEvent,
  FunctionRequest,
  FunctionResponse,
  FunctionRuntime,
  FunctionValue,
  InvocationLimits,
  InvocationResult as FunctionResult,
  OriginCall,
  ProductionError,
  RequestEventOptions,
  ResponseCookieValue,
  ResponseEventOptions,
  RunFunctionOptions,
  ValueInput,
} from './functions';
