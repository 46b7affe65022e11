import { KvsMockUsageError, ServiceError } from '../errors';
import { clientSideChecks } from './client-side';
import { errorClassesOf, responseMetadata, toSdkException } from './exceptions';

/** The name the middleware is registered under in a client's stack. */
export const MIDDLEWARE_NAME = 'cloudfrontKvsMockMiddleware';

/** The two clients the double answers for, by the `clientName` the SDK's generated code sets. */
export const PLANE_OF_CLIENT: Readonly<Record<string, 'data' | 'control'>> = Object.freeze({
  CloudFrontKeyValueStoreClient: 'data',
  CloudFrontClient: 'control',
});

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
  operation: string;
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

/** What to do with a command the simulator does not model. */
export type UnhandledPolicy = 'throw' | 'passthrough' | ((command: { clientName: string; commandName: string; input: unknown }) => unknown);

/** What the middleware sends commands to: the simulator, seen through a narrow interface. */
export interface CommandTarget {
  handles(plane: 'data' | 'control', operation: string): boolean;
  newRequestId(): string;
  /** Runs one command: the output and success status, or throws a ServiceError. */
  execute(call: Call): { status: number; output: Record<string, unknown> } | Promise<{ status: number; output: Record<string, unknown> }>;
}

export interface Binding {
  target: CommandTarget;
  accountId: string;
  onUnhandled: UnhandledPolicy;
}

type Next = (args: { input: unknown }) => Promise<{ output: unknown; response?: unknown }>;
type Context = { clientName?: string; commandName?: string };

/**
 * The `initialize`-step middleware: before the SDK resolves a region, credentials, an endpoint
 * or a signer, it answers the command from the simulator that `bindingOf()` names at call time.
 * With no binding (after `restore()`), it steps aside and the SDK runs as if we were not there.
 */
export function createMiddleware(bindingOf: () => Binding | undefined, clientConfig: unknown) {
  const classes = errorClassesOf(clientConfig as never);
  return (next: Next, context: Context) => {
    const clientName = context.clientName ?? '';
    const commandName = context.commandName ?? '';
    const plane = PLANE_OF_CLIENT[clientName];
    const operation = commandName.endsWith('Command') ? commandName.slice(0, -'Command'.length) : commandName;
    return async (args: { input: unknown }) => {
      const binding = bindingOf();
      if (!binding || !plane) return next(args);
      const { target } = binding;
      if (!target.handles(plane, operation)) return unhandled(binding.onUnhandled, next, args, clientName, commandName, target);
      clientSideChecks(plane, operation, args.input, clientConfig as never);
      const requestId = target.newRequestId();
      const call: Call = { plane, clientName, operation, input: args.input, accountId: binding.accountId, requestId };
      try {
        const result = await target.execute(call);
        const output = { ...result.output, $metadata: responseMetadata(result.status, requestId) };
        if (call.record) call.record.output = output;
        return { output, response: undefined };
      } catch (error) {
        const thrown = error instanceof ServiceError ? toSdkException(error, classes, requestId, plane) : error;
        if (call.record) call.record.error = thrown as Error;
        throw thrown;
      }
    };
  };
}

async function unhandled(policy: UnhandledPolicy, next: Next, args: { input: unknown }, clientName: string, commandName: string, target: CommandTarget) {
  if (policy === 'passthrough') return next(args);
  if (typeof policy === 'function') {
    const output = (await policy({ clientName, commandName, input: args.input })) ?? {};
    return { output: { $metadata: responseMetadata(200, target.newRequestId()), ...(output as object) }, response: undefined };
  }
  throw new KvsMockUsageError(
    `${commandName} on ${clientName} is not simulated: the simulator answers the key value store operations only. ` +
      `To let it through to the SDK, create the simulator with onUnhandled: 'passthrough'; to answer it yourself, pass onUnhandled: (command) => output.`,
  );
}
