/**
 * What a command is as the simulator receives it, and what receives it: the types the SDK
 * adapter, the wire layer and the server share, below all of them.
 */
import type { OperationName } from './operations';

/** A command as the simulator receives it. */
export interface Call {
  plane: 'data' | 'control';
  clientName: string;
  /** AWS operation name, e.g. `GetKey`. */
  operation: string;
  input: unknown;
  /** The account a control-plane client acts for. */
  accountId: string;
  requestId: string;
  /** The call log entry the simulator made for this call; the middleware completes it. */
  record?: CallRecord;
}

/** One command that reached the simulator, as the caller saw it. */
export interface CallRecord {
  /** `CloudFrontKeyValueStoreClient` or `CloudFrontClient`. */
  clientName: string;
  plane: 'data' | 'control';
  /** AWS operation name, e.g. `PutKey`. */
  operation: OperationName;
  input: unknown;
  /** The output the caller received (with `$metadata`), when the call succeeded. */
  output?: Record<string, unknown>;
  /** The exception the caller received, when the call failed. */
  error?: Error;
  /** When the call arrived, on the simulator's clock. */
  time: Date;
  requestId: string;
  accountId: string;
}

/** What a command is sent to (the SDK middleware, the wire layer): the simulator, seen through a narrow interface. */
export interface CommandTarget {
  handles(plane: 'data' | 'control', operation: string): boolean;
  newRequestId(): string;
  /** Runs one command: the output and success status, or throws a ServiceError. */
  execute(call: Call): { status: number; output: Record<string, unknown> } | Promise<{ status: number; output: Record<string, unknown> }>;
  /** Whether an injected fault may apply to a call of this operation: its calls then take the SDK's whole pipeline. */
  hasFault?(plane: 'data' | 'control', operation: string): boolean;
}
