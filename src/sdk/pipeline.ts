/**
 * The SDK's whole pipeline around the simulator, for the calls where answering at `initialize`
 * would differ from what the SDK does in front of AWS: the client serializes, signs (with a
 * no-op signer), retries with its own strategy and deserializes, and its request handler is
 * answered from `src/wire/` instead of the network. It runs when
 * - a fault is injected for the operation (retries, `$metadata.attempts`, `times` per attempt);
 * - the client is configured for FIPS, dual-stack, a region outside the `aws` partition, or a
 *   custom endpoint (the SDK's own endpoint errors);
 * - the chain holds middleware that is not the SDK's (the application's tracing, logging, ...).
 * Everything else keeps the short-cut, which answers identically (test/sdk/pipeline-diff.test.ts).
 */
import { ServiceError } from '../errors';
import { answerWire, type WireRequest } from '../wire';
import type { Binding, Call } from './middleware';
import { toSdkException, type ErrorClasses } from './exceptions';

/** One send on the full path: whose it is, and who answers it. */
export interface WireSend {
  client: { config?: unknown };
  binding: Binding;
  plane: 'data' | 'control';
  clientName: string;
  classes: () => ErrorClasses;
}

const PREPARED = Symbol.for('cloudfront-kvs-mock.wire');

/**
 * What a readied client's config keeps (on a registry symbol, so any copy of this package reads
 * it): how many sends of ours are under way on it, the latest one, and the calls their attempts
 * made by request id. No AsyncLocalStorage: an enabled one makes every promise pay a hook.
 */
interface ClientWire {
  pending: number;
  /** The SDK keeps the region the double supplied to read the FIPS setting (`fipsWithoutRegion`). */
  regionSupplied?: boolean;
  send: WireSend | undefined;
  calls: Map<string, Call>;
}

/** The middleware the two client packages add themselves, over the releases we support. */
const SDK_MIDDLEWARE = new Set([
  'loggerMiddleware', 'serializerMiddleware', 'deserializerMiddleware', 'contentLengthMiddleware', 'getUserAgentMiddleware',
  'hostHeaderMiddleware', 'recursionDetectionMiddleware', 'retryMiddleware', 'httpSigningMiddleware', 'awsAuthMiddleware',
  'endpointV2Middleware', 'httpAuthSchemeMiddleware', 'schemaSerdeMiddleware', 'flexibleChecksumsMiddleware',
  'flexibleChecksumsResponseMiddleware', 'omitRetryHeadersMiddleware', 'cloudfrontKvsMockMiddleware',
]);

interface Stack {
  applyToStack?(to: object): unknown;
}

let foreignSeen = false;
/** Reads a stack's entries by copying them into it: far cheaper than `identify()`, which sorts and formats. */
const collector = {
  add: (_middleware: unknown, options?: { name?: string }) => void (SDK_MIDDLEWARE.has(options?.name as string) || (foreignSeen = true)),
  addRelativeTo: (_middleware: unknown, options?: { name?: string }) => void (SDK_MIDDLEWARE.has(options?.name as string) || (foreignSeen = true)),
};

/** Whether a stack holds middleware that is not the SDK's own (or ours): an application's. */
export function hasForeignMiddleware(stack: Stack | undefined): boolean {
  if (!stack || typeof stack.applyToStack !== 'function') return false;
  foreignSeen = false;
  stack.applyToStack(collector);
  return foreignSeen;
}

type Provider<T> = () => Promise<T>;

interface PipelineConfig {
  requestHandler?: { handle(request: unknown, options?: unknown): Promise<{ response: unknown }> };
  region?: Provider<string> | string;
  useFipsEndpoint?: Provider<boolean> | boolean;
  useDualstackEndpoint?: Provider<boolean> | boolean;
  isCustomEndpoint?: boolean;
  endpoint?: unknown;
  serviceConfiguredEndpoint?: Provider<string | undefined>;
  httpAuthSchemes?: Array<{ schemeId: string; signer?: object; identityProvider?: unknown }>;
  signer?: unknown;
  [PREPARED]?: ClientWire;
}

const verdicts = new WeakMap<object, boolean | Promise<boolean>>();
const STANDARD_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/;
const REGION_MISSING = /Region is missing/;
/** The region a client without one gets on the whole pipeline. */
const DEFAULT_REGION = 'us-east-1';

/**
 * Whether the client's configuration makes the SDK's path differ from the short-cut (FIPS,
 * dual-stack, another partition, a custom endpoint): once per client, as the SDK's providers
 * are. Synchronous once known; `undefined` until the first call through the chain asked.
 */
export function configVerdict(config: object): boolean | undefined {
  const known = verdicts.get(config);
  return typeof known === 'boolean' ? known : undefined;
}

export function configNeedsWire(config: object): boolean | Promise<boolean> {
  let verdict = verdicts.get(config);
  if (verdict === undefined) {
    verdict = judge(config as PipelineConfig).then(
      (value) => (verdicts.set(config, value), value),
      () => (verdicts.set(config, true), true),
    );
    verdicts.set(config, verdict);
  }
  return verdict;
}

async function judge(config: PipelineConfig): Promise<boolean> {
  if (config.isCustomEndpoint === true || config.endpoint !== undefined) return true;
  if (typeof config.serviceConfiguredEndpoint === 'function' && (await config.serviceConfiguredEndpoint()) !== undefined) return true;
  let region: string | undefined;
  try {
    region = await read(config.region);
  } catch (error) {
    // No region: the short-cut needs none, and the full path would use a default one.
    if (!REGION_MISSING.test((error as Error)?.message)) return true;
  }
  if (region !== undefined && !STANDARD_REGION.test(region)) return true;
  // Read first: it also gives the client the region its later reads need.
  if (region === undefined && (await fipsWithoutRegion(config))) return true;
  if (await read(config.useDualstackEndpoint).catch(() => false)) return true;
  if (region === undefined) return false;
  return (await read(config.useFipsEndpoint).catch(() => true)) === true;
}

async function read<T>(value: Provider<T> | T | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? (value as Provider<T>)() : value;
}

/**
 * The FIPS setting of a client without a region. The SDK's resolved `useFipsEndpoint` reads the
 * region first (and throws without one), and the setting the client was given lives only behind
 * it. So, for that one read, the region is supplied the way the environment supplies it: the
 * SDK's region chain reads `AWS_REGION` synchronously when it starts, and from then on keeps
 * `us-east-1` as the client's region (the one the double gives such a client anyway).
 */
async function fipsWithoutRegion(config: PipelineConfig): Promise<boolean> {
  const provider = config.useFipsEndpoint;
  if (typeof provider !== 'function') return provider === true;
  const saved = process.env['AWS_REGION'];
  process.env['AWS_REGION'] = DEFAULT_REGION;
  let pending: Promise<boolean>;
  try {
    pending = provider();
    const state = config[PREPARED];
    if (state) state.regionSupplied = true;
  } finally {
    if (saved === undefined) delete process.env['AWS_REGION'];
    else process.env['AWS_REGION'] = saved;
  }
  return pending.then((value) => value === true, () => envFlag('AWS_USE_FIPS_ENDPOINT'));
}

function envFlag(name: string): boolean {
  return process.env[name]?.toLowerCase() === 'true';
}

/**
 * Readies a client for the full path, once: its request handler answers from the wire during a
 * send of ours (and is the client's own otherwise), and what a bare machine lacks is supplied
 * only during such a send and only when the user did not configure it: a region (`us-east-1`),
 * a no-op signer in place of the SDK's default SigV4 / SigV4a signers (so no credentials and no
 * SigV4a package are needed).
 */
export function prepareClient(client: { config?: unknown }): void {
  const config = client.config as PipelineConfig | undefined;
  if (!config || typeof config !== 'object' || config[PREPARED]) return;
  const state: ClientWire = { pending: 0, send: undefined, calls: new Map() };
  Object.defineProperty(config, PREPARED, { value: state });
  // A send of ours is under way on this client (what else it sends meanwhile, it sends to AWS:
  // the request handler answers only the operations the simulator answers).
  const ours = () => state.pending > 0;

  let handler = config.requestHandler;
  const wrapped = new WeakMap<object, unknown>();
  const wrap = (inner: PipelineConfig['requestHandler']) => {
    if (!inner || typeof inner !== 'object') return inner;
    let proxy = wrapped.get(inner);
    if (!proxy) {
      const handle = (request: unknown, options?: unknown) => (ours() ? answer(state, inner, request as WireRequest, options) : inner.handle(request, options));
      proxy = new Proxy(inner, {
        get: (target, key) => {
          if (key === 'handle') return handle;
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      wrapped.set(inner, proxy);
    }
    return proxy;
  };
  accessor(config, 'requestHandler', () => wrap(handler), (value) => (handler = value as never));

  // Without a region the SDK's providers throw; during a send of ours they get a default.
  const orDefault = <T>(provider: unknown, fallback: () => T | Promise<T>) => {
    if (typeof provider !== 'function') return provider as Provider<T>;
    return async () => {
      try {
        return (await (provider as Provider<T>)()) as T;
      } catch (error) {
        if (ours() && REGION_MISSING.test((error as Error)?.message)) return fallback();
        throw error;
      }
    };
  };
  const region = orDefault<string>(config.region, () => DEFAULT_REGION);
  // Outside a send of ours, a region the SDK keeps only because the double supplied it is not
  // there: the client is the bare SDK's again (after `detach()`, for the judge of the short-cut).
  config.region =
    typeof region === 'function'
      ? async () => {
          if (state.regionSupplied && !ours()) throw new Error('Region is missing');
          return region();
        }
      : region;
  config.useFipsEndpoint = orDefault(config.useFipsEndpoint, () => envFlag('AWS_USE_FIPS_ENDPOINT'));

  let schemes = config.httpAuthSchemes;
  if (Array.isArray(schemes)) {
    const noop = new WeakMap<object, unknown[]>();
    accessor(
      config,
      'httpAuthSchemes',
      () => {
        if (!ours() || !Array.isArray(schemes) || !schemes.every(isDefaultScheme)) return schemes;
        let list = noop.get(schemes);
        if (!list) noop.set(schemes, (list = schemes.map((s) => ({ schemeId: s.schemeId, identityProvider: () => async () => ({}), signer: NOOP_SIGNER }))));
        return list;
      },
      (value) => (schemes = value as never),
    );
  } else if (typeof config.signer === 'function') {
    // Releases before the identity-and-auth rework sign in awsAuthMiddleware with `config.signer`.
    const signer = config.signer as (...args: unknown[]) => unknown;
    config.signer = (...args: unknown[]) => (ours() ? Promise.resolve(NOOP_SIGNER) : signer(...args));
  }
}

const NOOP_SIGNER = { sign: async (request: unknown) => request, presign: async (request: unknown) => request };

function isDefaultScheme(scheme: { signer?: object }): boolean {
  const name = scheme.signer?.constructor?.name;
  return name === 'AwsSdkSigV4Signer' || name === 'AwsSdkSigV4ASigner' || name === 'NoAuthSigner';
}

function accessor(config: object, key: string, get: () => unknown, set: (value: unknown) => void): void {
  Object.defineProperty(config, key, { get, set, enumerable: true, configurable: true });
}

/** The client's request handler during a send of ours: the simulator answers at the wire. */
async function answer(state: ClientWire, inner: NonNullable<PipelineConfig['requestHandler']>, request: WireRequest, options?: unknown): Promise<{ response: unknown }> {
  const send = state.send!;
  const signal = (options as { abortSignal?: { aborted?: boolean } } | undefined)?.abortSignal;
  if (signal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
  let last: Call | undefined;
  let exchange;
  try {
    exchange = await answerWire(send.binding.target, request, {
      plane: send.plane,
      accountId: send.binding.accountId,
      clientName: send.clientName,
      observe: (call) => {
        last = call;
        state.calls.set(call.requestId, call);
      },
    });
  } catch (error) {
    // A transport failure (an injected Error): the attempt's log entry shows it.
    if (last?.record && last.record.error === undefined) last.record.error = error as Error;
    throw error;
  }
  // An operation the simulator does not answer, sent meanwhile (onUnhandled: 'passthrough').
  if (!exchange) return inner.handle(request, options);
  const { response, call, error } = exchange;
  if (call?.record && error instanceof ServiceError) call.record.error = toSdkException(error, send.classes(), call.requestId, send.plane, response);
  return { response };
}

/**
 * Runs the rest of the SDK's chain for one send, answered at the wire; the call log's last
 * attempt then shows what the caller received, as on the short-cut.
 */
export async function sendOnWire<R extends { output: unknown }>(send: WireSend, next: () => Promise<R>): Promise<R> {
  const state = (send.client.config as PipelineConfig | undefined)?.[PREPARED];
  if (!state) return next();
  state.pending++;
  state.send = send;
  try {
    const result = await next();
    const output = result.output as { $metadata?: { requestId?: string } };
    const record = state.calls.get(output?.$metadata?.requestId as string)?.record;
    if (record) {
      record.output = output as Record<string, unknown>;
      delete record.error;
    }
    return result;
  } catch (error) {
    const record = state.calls.get((error as { $metadata?: { requestId?: string } })?.$metadata?.requestId as string)?.record;
    if (record) record.error = error as Error;
    throw error;
  } finally {
    if (--state.pending === 0) state.calls.clear();
  }
}
