// Optional peers: scripts/optional-peer-types.mjs keeps the published declarations loading
// in a project that has one of the two packages only.
import type { CloudFrontClient, CloudFrontClientConfig } from '@aws-sdk/client-cloudfront';
import type { CloudFrontKeyValueStoreClient, CloudFrontKeyValueStoreClientConfig } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { ManualClock } from './core/clock';
import { KvsMockUsageError } from './errors';
import { Attachments, type AttachableClient } from './harness/attachments';
import type { CallFilter } from './harness/call-filter';
import type { Installable } from './harness/context';
import type { Result } from './harness/executor';
import type { FaultHandle, FaultSpec } from './harness/faults';
import { runOptionsOf, type RunSimulatedFunctionOptions } from './harness/functions';
import { checkAccountId, checkKeys, type AttachOptions, type KvsSimulatorOptions } from './harness/options';
import { requireClientClass } from './harness/packages';
import { CONTROL_PLANE, DATA_PLANE, type OperationName } from './operations';
import { runFunctionWith, type InvocationResult, type RunFunctionOptions } from './functions';
import { install, isInstalled, restore, runInBoundary } from './sdk/install';
import type { Call, CallRecord, CommandTarget } from './calls';
import type { Binding, UnhandledPolicy } from './sdk/middleware';
import { SimulatorState } from './simulator-state';
import type { CallRecord as PublicCallRecord } from './sdk/call-record';

export type { AttachableClient } from './harness/attachments';
export type { CallFilter } from './harness/call-filter';
export type { AttachOptions, KvsSimulatorOptions } from './harness/options';
export type { SeedItems, SeedStoreOptions, StoreState } from './harness/seeding';
export type { FunctionStageState, FunctionState, RunSimulatedFunctionOptions, SeedFunctionOptions } from './harness/functions';

/**
 * An in-memory CloudFront KeyValueStore service (both planes) that real SDK clients talk to.
 * Create one with {@link createKvsSimulator}.
 */
export class KvsSimulator extends SimulatorState implements CommandTarget, Installable {
  readonly #onUnhandled: UnhandledPolicy;
  readonly #clients: Attachments;
  #installBinding: Binding | undefined;
  /** Whether requests no simulator answers may leave the process (`allowNetwork`). */
  readonly allowNetwork: boolean;

  constructor(options: KvsSimulatorOptions = {}) {
    super(options);
    this.allowNetwork = options.allowNetwork === true;
    this.#onUnhandled = options.onUnhandled ?? 'throw';
    this.#clients = new Attachments(this, this.allowNetwork);
  }

  /**
   * Routes every command of one client instance to this simulator: the way to hand a client
   * to code under test. Works on `CloudFrontKeyValueStoreClient` and `CloudFrontClient`,
   * needs no region and no credentials, and returns the client.
   *
   * @example
   * ```ts
   * const kvs = createKvsSimulator();
   * const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
   * const arn = kvs.seedStore({ items: { greeting: 'hello' } });
   * const { Value } = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'greeting' }));
   * ```
   */
  attach<C extends AttachableClient>(client: C, options: AttachOptions = {}): C {
    return this.#clients.attach(client, () => {
      checkKeys(options, ['accountId'], 'attach(client, options)');
      const accountId = checkAccountId(options.accountId ?? this.accountId, 'attach()');
      this.service.account(accountId);
      return { target: this, accountId, onUnhandled: this.#onUnhandled };
    });
  }

  /**
   * Takes the simulator off a client attached with {@link attach}; the client then behaves as a
   * bare SDK client. Returns false when the client was not attached.
   *
   * @example
   * ```ts
   * kvs.detach(client);
   * ```
   */
  detach(client: AttachableClient): boolean {
    return this.#clients.detach(client);
  }

  /**
   * A new `CloudFrontKeyValueStoreClient` (data plane) answered by this simulator: the client to
   * inject into code under test. Needs no region and no credentials.
   *
   * @example
   * ```ts
   * const client = kvs.keyValueStoreClient();
   * await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'greeting' }));
   * ```
   */
  keyValueStoreClient(config: CloudFrontKeyValueStoreClientConfig = {}): CloudFrontKeyValueStoreClient {
    const Client = requireClientClass('data', 'keyValueStoreClient()');
    return this.attach(new Client(config) as unknown as CloudFrontKeyValueStoreClient);
  }

  /**
   * A new `CloudFrontClient` (control plane) answered by this simulator, acting for `accountId`
   * (default: the simulator's). Other CloudFront commands follow `onUnhandled`.
   *
   * @example
   * ```ts
   * const cloudFront = kvs.cloudFrontClient({}, { accountId: '210987654321' });
   * await cloudFront.send(new CreateKeyValueStoreCommand({ Name: 'redirects' }));
   * ```
   */
  cloudFrontClient(config: CloudFrontClientConfig = {}, options: AttachOptions = {}): CloudFrontClient {
    const Client = requireClientClass('control', 'cloudFrontClient()');
    return this.attach(new Client(config) as unknown as CloudFrontClient, options);
  }

  /**
   * Routes every `CloudFrontKeyValueStoreClient` and `CloudFrontClient` of the process to this
   * simulator, including those the application builds itself, before or after this call. Calling
   * it again is harmless, and is how fresh SDK copies get patched after `jest.resetModules()`.
   * While another simulator is installed it throws: restore that one first. Returns the simulator.
   *
   * @example
   * ```ts
   * const kvs = createKvsSimulator();
   * beforeEach(() => kvs.install());
   * afterEach(() => { kvs.restore(); kvs.reset(); });
   * ```
   */
  install(): this {
    install(this);
    return this;
  }

  /**
   * Undoes {@link install}: the SDK's `send` is exactly the function it was, and clients the
   * install reached lose the middleware (clients attached with `attach()` keep theirs). Releases
   * the clients {@link fakeSend} attached, installed or not. Returns false, undoing no install,
   * when this simulator is not the installed one.
   *
   * @example
   * ```ts
   * afterEach(() => kvs.restore());
   * ```
   */
  restore(): boolean {
    this.#clients.releaseLent();
    return restore(this);
  }

  /**
   * Whether {@link install} routes clients to this simulator now.
   *
   * @example
   * ```ts
   * expect(kvs.installed).toBe(true);
   * ```
   */
  get installed(): boolean {
    return isInstalled(this);
  }

  /**
   * Wraps `fn` so that, while it runs (its whole async context), clients reached by the global
   * interception are answered by this simulator: each concurrent test gets its own. The SDK is
   * patched for as long as a boundary runs, whether or not a simulator is installed.
   *
   * @example
   * ```ts
   * test.concurrent('renames', createKvsSimulator().boundary(async () => {
   *   await app.rename('/old', '/new'); // the app's own clients reach this test's simulator
   * }));
   * ```
   */
  boundary<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    if (typeof fn !== 'function') throw new KvsMockUsageError('boundary(fn) takes the function to run, e.g. a test body.');
    const simulator = this;
    return function (this: unknown, ...args: A): R {
      return runInBoundary(simulator, () => fn.apply(this, args));
    };
  }

  /**
   * A `send` replacement for aws-sdk-client-mock: `mockClient(X).send.callsFake(kvs.fakeSend())`
   * answers every command from this simulator, through the very client the application called,
   * while the mock records the calls for `toHaveReceivedCommand*`. Per-command `.on(...)`
   * behaviours still take precedence. `reset()` and `restore()` release the clients it attached,
   * and so does the global install once the stub is restored; the next call through the stub
   * attaches the client again.
   *
   * @example
   * ```ts
   * const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
   * kvsMock.send.callsFake(kvs.fakeSend());
   * ```
   */
  fakeSend(): (command: any, ...rest: any[]) => Promise<any> {
    return this.#clients.fakeSend((client) => this.attach(client));
  }

  /**
   * Makes matching calls fail and/or wait, deterministically: the next `times` calls (default 1)
   * of `operation`, or only those whose input passes `when`. A failed call changes nothing and
   * is logged like any call; service errors reach the caller as the client package's own
   * classes. Faults apply in the order they were injected; `reset()` and `clearFaults()` drop them.
   *
   * @example
   * ```ts
   * kvs.injectFault({ operation: 'PutKey', error: 'ConflictException' });
   * kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException', times: 2, when: (input) => input.Key === 'hot' });
   * kvs.injectFault({ operation: 'ListKeys', delayMs: 50 });
   * kvs.injectFault({ operation: 'UpdateKeys', before: () => kvs.writeKeys(arn, { puts: { k: 'theirs' } }) }); // a race, without timing
   * const fault = kvs.injectFault({ operation: 'DescribeKeyValueStore', plane: 'control', error: new Error('socket hang up') });
   * expect(fault.remaining).toBe(0); // after the call
   * ```
   */
  injectFault(spec: FaultSpec): FaultHandle {
    return this.executor.faults.add(spec, typeof (this.clock as Partial<ManualClock>).advance === 'function');
  }

  /**
   * Drops every injected fault that has not run out.
   *
   * @example
   * ```ts
   * afterEach(() => kvs.clearFaults());
   * ```
   */
  clearFaults(): void {
    this.executor.faults.clear();
  }

  /** @internal The binding of clients reached by {@link install} and {@link boundary}. */
  get installBinding(): Binding {
    return (this.#installBinding ??= { target: this, accountId: this.accountId, onUnhandled: this.#onUnhandled });
  }

  /**
   * Forgets every store, S3 object, account, call and fault and rewinds the id generator: the
   * simulator is as new, or as its `snapshot` option when it was created from one (attached
   * clients and the install stay; clients {@link fakeSend} attached are released, and attached
   * again by their next call through the stub). Call it between tests.
   *
   * @example
   * ```ts
   * afterEach(() => kvs.reset());
   * ```
   */
  reset(): void {
    this.resetState();
    this.executor.calls.length = 0;
    this.executor.faults.clear();
    this.#clients.releaseLent();
    for (const accountId of this.#clients.accounts()) this.service.account(accountId);
  }

  /**
   * Every command that reached this simulator, in order, across both clients: client, operation,
   * input, the output or exception the caller got, and the time on the simulator's clock.
   * Pass an operation name (`'PutKey'`), `{ operation?, plane?, clientName? }` or a predicate
   * to filter; a name, plane or client the simulator never logs throws a `KvsMockUsageError`
   * listing the valid ones. A copy of the log.
   *
   * @example
   * ```ts
   * const puts = kvs.calls('PutKey');
   * const describes = kvs.calls({ operation: 'DescribeKeyValueStore', plane: 'control' });
   * expect(puts[0]?.input).toMatchObject({ Key: 'greeting' });
   * expect(kvs.calls((c) => c.error?.name === 'ValidationException')).toHaveLength(0);
   * ```
   */
  calls(): PublicCallRecord[];
  calls<Op extends OperationName>(operation: Op): PublicCallRecord<Op>[];
  calls<Op extends OperationName = OperationName, Plane extends 'data' | 'control' = 'data' | 'control'>(filter: CallFilter<Op, Plane>): Extract<PublicCallRecord<Op>, { plane: Plane }>[];
  calls<C extends PublicCallRecord>(predicate: (call: PublicCallRecord) => call is C): C[];
  calls(predicate: (call: PublicCallRecord) => boolean): PublicCallRecord[];
  calls(filter?: OperationName | CallFilter | ((call: PublicCallRecord) => boolean)): PublicCallRecord[] {
    // The log holds what the middleware wrote; its public type is the same object, typed by operation.
    return this.executor.filter(filter as OperationName | CallFilter | ((call: CallRecord) => boolean)) as unknown as PublicCallRecord[];
  }

  /**
   * Runs a CloudFront Function's code against an event as CloudFront would, at the simulator's
   * clock: code given here (`code` or `file`, with `kvs` a store of this simulator by ARN or name,
   * or inline pairs), or a function of this simulator by name or ARN (`function`, and `stage`,
   * DEVELOPMENT by default), with that stage's code, runtime and associated store as it is now.
   *
   * @example
   * ```ts
   * const arn = kvs.seedStore({ items: { '/old': '/new' } });
   * const result = kvs.runFunction({ file: 'redirect.js', event: viewerRequestEvent({ uri: '/old' }), kvs: arn });
   * kvs.seedFunction({ name: 'redirect', code, keyValueStore: arn, publish: true });
   * const live = kvs.runFunction({ function: 'redirect', stage: 'LIVE', event: viewerRequestEvent({ uri: '/old' }) });
   * ```
   */
  runFunction(options: RunFunctionOptions | RunSimulatedFunctionOptions): InvocationResult {
    return runFunctionWith(runOptionsOf(this.service, options, this.accountId), this.service);
  }

  /**
   * Empties the call log and keeps the stores.
   *
   * @example
   * ```ts
   * kvs.clearCalls();
   * ```
   */
  clearCalls(): void {
    this.executor.calls.length = 0;
  }

  /** @internal Tells `observer` of every call that succeeds, however it arrived (a server's state file). */
  observeSuccesses(observer: ((call: Call) => void) | undefined): void {
    this.executor.onSuccess = observer;
  }

  /** @internal Keeps only the latest `limit` calls in the log (a long-running server's ring). */
  limitCallLog(limit: number): void {
    this.executor.limitCalls(limit);
  }

  /** @internal The middleware's question: is this an operation we simulate? */
  handles(plane: 'data' | 'control', operation: string): boolean {
    return (plane === 'data' ? DATA_PLANE : CONTROL_PLANE)[operation] !== undefined;
  }

  /** @internal Whether a fault may apply to this operation's calls. */
  hasFault(plane: 'data' | 'control', operation: string): boolean {
    const { faults } = this.executor;
    return faults.size !== 0 && faults.has(plane, operation);
  }

  /** @internal */
  newRequestId(): string {
    return this.service.newRequestId();
  }

  /** @internal Runs one command against the simulated service. */
  execute(call: Call): Result | Promise<Result> {
    return this.executor.execute(call);
  }
}

/**
 * Creates a simulator of CloudFront KeyValueStore, both planes, in memory.
 *
 * @example
 * ```ts
 * import { createKvsSimulator } from 'cloudfront-kvs-mock';
 * import { CloudFrontKeyValueStoreClient, PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
 *
 * const kvs = createKvsSimulator({ seed: 42 });
 * const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
 * const arn = kvs.seedStore({ items: { a: '1' } });
 * ```
 */
export function createKvsSimulator(options: KvsSimulatorOptions = {}): KvsSimulator {
  return new KvsSimulator(options);
}
