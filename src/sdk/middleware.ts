import { KvsMockUsageError, ServiceError } from '../errors';
import type { Call, CommandTarget } from '../calls';
import { clientSideChecks } from './client-side';
import { errorClassesOf, responseMetadata, toSdkException } from './exceptions';
import { configNeedsWire, configVerdict, hasForeignMiddleware, prepareClient, sendOnWire } from './pipeline';

export type { Call, CallRecord, CommandTarget } from '../calls';

/** The name the middleware is registered under in a client's stack. */
export const MIDDLEWARE_NAME = 'cloudfrontKvsMockMiddleware';

/** The two clients the double answers for, by the `clientName` the SDK's generated code sets. */
export const PLANE_OF_CLIENT: Readonly<Record<string, 'data' | 'control'>> = Object.freeze({
  CloudFrontKeyValueStoreClient: 'data',
  CloudFrontClient: 'control',
});

/** What to do with a command the simulator does not model. */
export type UnhandledPolicy = 'throw' | 'passthrough' | ((command: { clientName: string; commandName: string; input: unknown }) => unknown);

export interface Binding {
  target: CommandTarget;
  accountId: string;
  onUnhandled: UnhandledPolicy;
}

type Next = (args: { input: unknown; middlewareStack?: unknown }) => Promise<{ output: unknown; response?: unknown }>;
type Context = { clientName?: string; commandName?: string };

/**
 * Where a handler built by this middleware keeps a shortcut to its answer, for the fast path
 * (`fast-path.ts`): given a command's input, the caller's output or exception as a promise, or
 * undefined when the middleware would not answer (no binding, an operation we do not simulate).
 * A registry symbol, so that a duplicate copy of this package reads it too.
 */
export const FAST_ANSWER = Symbol.for('cloudfront-kvs-mock.fastAnswer');

export type FastAnswer = (input: unknown) => Promise<Record<string, unknown>> | undefined;

/**
 * The `initialize`-step middleware: before the SDK resolves a region, credentials, an endpoint
 * or a signer, it answers the command from the simulator that `bindingOf()` names at call time.
 * Where that short-cut would differ from the SDK's path (faults, endpoint configuration, the
 * application's middleware: `pipeline.ts`), it lets the SDK's chain run and answers at the wire.
 * With no binding (after `restore()`), it steps aside and the SDK runs as if we were not there.
 */
export function createMiddleware(bindingOf: () => Binding | undefined, client: { config?: unknown; middlewareStack?: unknown }) {
  const clientConfig = client.config;
  const config = withMemoizedEndpoints(clientConfig);
  prepareClient(client);
  return (next: Next, context: Context) => {
    // The chain is built now: middleware the application added to the client so far is in it.
    const foreign = hasForeignMiddleware(client.middlewareStack as never);
    const clientName = context.clientName ?? '';
    const commandName = context.commandName ?? '';
    const plane = PLANE_OF_CLIENT[clientName];
    const operation = commandName.endsWith('Command') ? commandName.slice(0, -'Command'.length) : commandName;
    // Read on the error path only; cached per client package copy.
    const classes = () => errorClassesOf(client as never, plane!);
    // The command this chain was built for brings its own middleware into it; a chain the client
    // caches (`cacheMiddleware`) keeps that command's middleware for every later send.
    let builtWithOwn: boolean | undefined;
    const handler = async (args: { input: unknown; middlewareStack?: unknown }) => {
      builtWithOwn ??= hasForeignMiddleware(args.middlewareStack as never);
      const binding = bindingOf();
      if (!binding || !plane) return next(args);
      if (!binding.target.handles(plane, operation)) return unhandled(binding.onUnhandled, next, args, clientName, commandName, binding.target);
      const wire =
        foreign ||
        builtWithOwn ||
        binding.target.hasFault?.(plane, operation) === true ||
        (configVerdict(clientConfig as object) ?? (await configNeedsWire(clientConfig as object)));
      if (wire) return sendOnWire({ client, binding, plane, clientName, classes }, () => next(args));
      const output = await answer(binding, plane, clientName, operation, args.input, config, classes);
      return { output, response: undefined };
    };
    const fast: FastAnswer = (input) => {
      const binding = bindingOf();
      if (!binding || !plane || !binding.target.handles(plane, operation)) return undefined;
      // Only where the short-cut is indistinguishable; otherwise the SDK's send takes the chain.
      if (foreign || builtWithOwn !== false || configVerdict(clientConfig as object) !== false || binding.target.hasFault?.(plane, operation) === true) return undefined;
      return answer(binding, plane, clientName, operation, input, config, classes);
    };
    return Object.assign(handler, { [FAST_ANSWER]: fast });
  };
}

/**
 * One simulated command, the same whether the SDK's chain or the fast path called it. Always a
 * promise, never a synchronous throw; a synchronous simulator costs no extra microtask hops.
 */
function answer(
  binding: Binding,
  plane: 'data' | 'control',
  clientName: string,
  operation: string,
  input: unknown,
  config: unknown,
  classes: () => ReturnType<typeof errorClassesOf>,
): Promise<Record<string, unknown>> {
  const { target } = binding;
  let call: Call;
  try {
    clientSideChecks(plane, operation, input, config as never);
    const requestId = target.newRequestId();
    call = { plane, clientName, operation, input, accountId: binding.accountId, requestId };
  } catch (error) {
    // The SDK's own client-side errors: not a service response, nothing recorded.
    return Promise.reject(error);
  }
  let result: ReturnType<CommandTarget['execute']>;
  try {
    result = target.execute(call);
  } catch (error) {
    return Promise.reject(failed(call, error, classes, plane));
  }
  if (typeof (result as Partial<PromiseLike<unknown>>).then === 'function') {
    return (result as Promise<Executed>).then(
      (done) => succeed(call, done),
      (error: unknown) => {
        throw failed(call, error, classes, plane);
      },
    );
  }
  return Promise.resolve(succeed(call, result as Executed));
}

type Executed = { status: number; output: Record<string, unknown> };

/** The output the caller receives, with the `$metadata` the SDK would add; logged with the call. */
function succeed(call: Call, done: Executed): Record<string, unknown> {
  // Every operation returns a fresh object: it becomes the caller's output as it is.
  const output = done.output;
  output['$metadata'] = responseMetadata(done.status, call.requestId);
  if (call.record) call.record.output = output;
  return output;
}

/** The exception the caller receives: a service error as the client package's own class. */
function failed(call: Call, error: unknown, classes: () => ReturnType<typeof errorClassesOf>, plane: 'data' | 'control'): unknown {
  const thrown = error instanceof ServiceError ? toSdkException(error, classes(), call.requestId, plane) : error;
  if (call.record) call.record.error = thrown as Error;
  return thrown;
}

type EndpointProvider = (params: Record<string, unknown>) => unknown;

/**
 * A view of a client's config whose `endpointProvider` remembers the parameters it accepted.
 * The endpoint rules are a pure function of their parameters, so an accepted ARN stays
 * accepted; one it rejects is asked again every time, so the same error is thrown. Keyed by
 * the provider itself: a provider swapped on the config is asked afresh.
 */
function withMemoizedEndpoints(clientConfig: unknown): unknown {
  if (clientConfig === null || typeof clientConfig !== 'object') return clientConfig;
  const source = clientConfig as { endpointProvider?: unknown };
  return Object.create(clientConfig, {
    endpointProvider: {
      get: () => (typeof source.endpointProvider === 'function' ? memoized(source.endpointProvider as EndpointProvider) : source.endpointProvider),
    },
  });
}

const MEMO_LIMIT = 1024;
const memos = new WeakMap<EndpointProvider, EndpointProvider>();

/**
 * The provider, remembering what it accepted for `{ KvsARN, UseFIPS: false }` by the ARN string
 * itself (a string's hash is cached on it, so a test that reuses its ARN pays one lookup).
 * Only `clientSideChecks` reads this view, always with exactly those two parameters; a
 * non-string ARN goes straight to the provider.
 */
function memoized(provider: EndpointProvider): EndpointProvider {
  let memo = memos.get(provider);
  if (!memo) {
    const accepted = new Map<string, unknown>();
    memo = (params) => {
      const arn = params['KvsARN'];
      if (typeof arn !== 'string' || params['UseFIPS'] !== false) return provider(params);
      const known = accepted.get(arn);
      if (known !== undefined) return known === null ? undefined : known;
      const endpoint = provider(params);
      if (accepted.size >= MEMO_LIMIT) accepted.clear();
      accepted.set(arn, endpoint ?? null);
      return endpoint;
    };
    memos.set(provider, memo);
  }
  return memo;
}

async function unhandled(policy: UnhandledPolicy, next: Next, args: { input: unknown }, clientName: string, commandName: string, target: CommandTarget) {
  if (policy === 'passthrough') return next(args);
  if (typeof policy === 'function') {
    const output = (await policy({ clientName, commandName, input: args.input })) ?? {};
    return { output: { $metadata: responseMetadata(200, target.newRequestId()), ...(output as object) }, response: undefined };
  }
  throw new KvsMockUsageError(
    `${commandName} on ${clientName} is not simulated: the simulator answers the key value store and CloudFront Functions operations only. ` +
      `To let it through to the SDK, create the simulator with onUnhandled: 'passthrough'; to answer it yourself, pass onUnhandled: (command) => output.`,
  );
}
