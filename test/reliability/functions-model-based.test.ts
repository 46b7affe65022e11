/**
 * Model-based test of the Functions control plane and its tie to stores: random sequences of
 * store and function commands, sent through a real CloudFrontClient to the double and checked
 * against a reference model (model/reference-functions.ts) that knows the in-use rule (F6),
 * the association rules and quotas (F5, F1, F2) and the stages (F4). After every command, the
 * answer (success or the error's class and name) and the state of every store and function
 * (getStore(), getFunction()) must agree. Seeds are printed on failure and replayable.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  CloudFrontServiceException,
  CreateFunctionCommand,
  CreateKeyValueStoreCommand,
  DeleteFunctionCommand,
  DeleteKeyValueStoreCommand,
  PublishFunctionCommand,
  UpdateFunctionCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront';
import { createKvsSimulator, manualClock, type KvsSimulator } from '../../src';
import { ReferenceFunctions, type Expected, type FunctionQuotas } from './model/reference-functions';
import { checkProperty, envCount } from './model/settings';

const FILE = 'test/reliability/functions-model-based.test.ts';
const STORES = ['s1', 's2'] as const;
const FUNCTIONS = ['f1', 'f2', 'f3'] as const;
const QUOTAS: FunctionQuotas = { functionsPerAccount: 2, functionsPerKeyValueStore: 2, functionSizeBytes: 64 };
const SMALL = 'function handler(e) { return e.request; }';
const BIG = `${SMALL}\n// ${'x'.repeat(60)}`;
const UNKNOWN_STORE = 'arn:aws:cloudfront::123456789012:key-value-store/00000000-0000-4000-8000-000000000000';

type StoreChoice = { store: number } | 'none' | 'unknown';
type EtagChoice = 'current' | 'stale' | 'missing' | 'live';

type Command =
  | { op: 'create-store'; store: number }
  | { op: 'delete-store'; store: number; etag: EtagChoice }
  | { op: 'create'; fn: number; runtime: '1.0' | '2.0'; big: boolean; store: StoreChoice }
  | { op: 'update'; fn: number; etag: EtagChoice; runtime: '1.0' | '2.0'; big: boolean; store: StoreChoice }
  | { op: 'publish'; fn: number; etag: EtagChoice }
  | { op: 'delete'; fn: number; etag: EtagChoice };

const storeChoice = fc.oneof(
  { weight: 6, arbitrary: fc.nat(STORES.length - 1).map((store): StoreChoice => ({ store })) },
  { weight: 3, arbitrary: fc.constant<StoreChoice>('none') },
  { weight: 1, arbitrary: fc.constant<StoreChoice>('unknown') },
);
const etag = fc.oneof({ weight: 8, arbitrary: fc.constant<EtagChoice>('current') }, { weight: 2, arbitrary: fc.constantFrom<EtagChoice>('stale', 'missing', 'live') });
const runtime = fc.oneof({ weight: 5, arbitrary: fc.constant('2.0' as const) }, { weight: 1, arbitrary: fc.constant('1.0' as const) });
const big = fc.nat(6).map((n) => n === 0);
// f1 most of the time, so that one function lives through several commands.
const fnIndex = fc.constantFrom(0, 0, 0, 1, 2);
const storeIndex = fc.nat(STORES.length - 1);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('create-store' as const), store: storeIndex }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete-store' as const), store: storeIndex, etag }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('create' as const), fn: fnIndex, runtime, big, store: storeChoice }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('update' as const), fn: fnIndex, etag, runtime, big, store: storeChoice }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('publish' as const), fn: fnIndex, etag }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), fn: fnIndex, etag }) },
);

/** What one command sends and what the model expects of it. */
class Runner {
  readonly model = new ReferenceFunctions(QUOTAS);
  /** ETags the double issued that are no longer current: the `stale` choice. */
  readonly seen: string[] = [];
  readonly kvs: KvsSimulator;
  readonly cf: CloudFrontClient;
  readonly outcomes: Record<string, number> = {};

  constructor(seed: number) {
    this.kvs = createKvsSimulator({ seed, clock: manualClock('2026-01-01T00:00:00Z'), quotas: QUOTAS });
    this.cf = this.kvs.cloudFrontClient();
  }

  private etagFor(choice: EtagChoice, current: string | undefined, live: string | undefined): string | undefined {
    if (choice === 'missing') return undefined;
    if (choice === 'live') return live ?? 'E0000000000000';
    if (choice === 'stale') return this.seen.find((e) => e !== current) ?? 'E0000000000000';
    return current ?? 'E0000000000000';
  }

  private association(choice: StoreChoice): { name: string | undefined; arn: string | undefined; unknown: boolean } {
    if (choice === 'none') return { name: undefined, arn: undefined, unknown: false };
    if (choice === 'unknown') return { name: undefined, arn: UNKNOWN_STORE, unknown: true };
    const name = STORES[choice.store]!;
    // A store that is not there now: its last ARN, or one that never existed.
    const arn = this.model.stores.get(name)?.arn ?? this.kvs.snapshot().stores.filter((s) => s.name === name).pop()?.arn ?? UNKNOWN_STORE;
    return { name, arn, unknown: !this.model.stores.has(name) };
  }

  async run(cmd: Command): Promise<void> {
    const { model } = this;
    let expected: Expected;
    let send: () => Promise<object>;
    let apply: (out: { ETag?: string }) => void;
    if (cmd.op === 'create-store' || cmd.op === 'delete-store') {
      const name = STORES[cmd.store]!;
      const store = model.stores.get(name);
      if (cmd.op === 'create-store') {
        expected = model.createStore(name);
        send = () => this.cf.send(new CreateKeyValueStoreCommand({ Name: name }));
        apply = (out) => model.stores.set(name, { arn: this.kvs.getStore(name)!.ARN, etag: out.ETag! });
      } else {
        const IfMatch = this.etagFor(cmd.etag, store?.etag, undefined);
        expected = model.deleteStore(name, IfMatch);
        send = () => this.cf.send(new DeleteKeyValueStoreCommand({ Name: name, IfMatch: IfMatch! }));
        apply = () => model.stores.delete(name);
      }
    } else {
      const name = FUNCTIONS[cmd.fn]!;
      const fn = model.functions.get(name);
      if (cmd.op === 'create' || cmd.op === 'update') {
        const code = cmd.big ? BIG : SMALL;
        const target = this.association(cmd.store);
        const FunctionConfig = {
          Comment: '',
          Runtime: `cloudfront-js-${cmd.runtime}` as const,
          ...(target.arn === undefined ? {} : { KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: target.arn }] } }),
        };
        const copy = (etagValue: string) => ({ code, store: target.name, etag: etagValue });
        if (cmd.op === 'create') {
          expected = model.createFunction(name, cmd.runtime, code, target.name, target.unknown);
          send = () => this.cf.send(new CreateFunctionCommand({ Name: name, FunctionConfig, FunctionCode: new TextEncoder().encode(code) }));
          apply = (out) => model.functions.set(name, { runtime: cmd.runtime, dev: copy(out.ETag!), live: undefined });
        } else {
          const IfMatch = this.etagFor(cmd.etag, fn?.dev.etag, fn?.live?.etag);
          expected = model.updateFunction(name, IfMatch, cmd.runtime, code, target.name, target.unknown);
          send = () => this.cf.send(new UpdateFunctionCommand({ Name: name, IfMatch: IfMatch!, FunctionConfig, FunctionCode: new TextEncoder().encode(code) }));
          apply = (out) => {
            this.seen.push(fn!.dev.etag);
            fn!.runtime = cmd.runtime;
            fn!.dev = copy(out.ETag!);
          };
        }
      } else {
        const IfMatch = this.etagFor(cmd.etag, fn?.dev.etag, fn?.live?.etag);
        if (cmd.op === 'publish') {
          expected = model.publishFunction(name, IfMatch);
          send = () => this.cf.send(new PublishFunctionCommand({ Name: name, IfMatch: IfMatch! }));
          apply = () => {
            if (fn!.live) this.seen.push(fn!.live.etag);
            fn!.live = { ...fn!.dev, etag: this.kvs.getFunction(name)!.LIVE!.ETag };
          };
        } else {
          expected = model.deleteFunction(name, IfMatch);
          send = () => this.cf.send(new DeleteFunctionCommand({ Name: name, IfMatch: IfMatch! }));
          apply = () => model.functions.delete(name);
        }
      }
    }
    let got: Expected;
    let out: { ETag?: string } = {};
    try {
      out = (await send()) as { ETag?: string };
      got = { ok: true };
    } catch (error) {
      if (!(error instanceof CloudFrontServiceException)) throw error;
      got = { error: error.name };
    }
    const label = `${cmd.op} → ${'ok' in got ? 'ok' : got.error}`;
    this.outcomes[label] = (this.outcomes[label] ?? 0) + 1;
    if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`${JSON.stringify(cmd)}: the double answered ${JSON.stringify(got)}, the model expects ${JSON.stringify(expected)}`);
    if ('ok' in got) apply(out);
    // The rule at its subtlest: a store only a LIVE copy still uses.
    if (cmd.op === 'delete-store' && 'error' in got && got.error === 'CannotDeleteEntityWhileInUse') {
      const store = STORES[cmd.store]!;
      if ([...this.model.functions.values()].every((fn) => fn.dev.store !== store)) this.outcomes['delete-store → in use by LIVE only'] = (this.outcomes['delete-store → in use by LIVE only'] ?? 0) + 1;
    }
    this.check(cmd);
  }

  /** Every store and function of the double is the model's, stage by stage. */
  check(cmd: Command): void {
    const arnOf = (store: string | undefined) => (store === undefined ? undefined : this.model.stores.get(store)!.arn);
    for (const name of STORES) {
      const state = this.kvs.getStore(name);
      if ((state !== undefined) !== this.model.stores.has(name)) throw new Error(`${JSON.stringify(cmd)}: store ${name} is ${state ? 'live' : 'gone'} in the double`);
    }
    for (const name of FUNCTIONS) {
      const state = this.kvs.getFunction(name);
      const fn = this.model.functions.get(name);
      const view = (copy: { code: string; store: string | undefined; etag: string } | undefined) => copy && { Code: copy.code, KeyValueStoreARN: arnOf(copy.store), ETag: copy.etag };
      const actual = state && { dev: { Code: state.DEVELOPMENT.Code, KeyValueStoreARN: state.DEVELOPMENT.KeyValueStoreARN, ETag: state.DEVELOPMENT.ETag }, live: state.LIVE && { Code: state.LIVE.Code, KeyValueStoreARN: state.LIVE.KeyValueStoreARN, ETag: state.LIVE.ETag } };
      const wanted = fn && { dev: view(fn.dev), live: view(fn.live) };
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) throw new Error(`${JSON.stringify(cmd)}: function ${name} is ${JSON.stringify(actual)} in the double, ${JSON.stringify(wanted)} in the model`);
    }
  }
}

describe('model-based: functions and stores agree with a reference model that knows the in-use rule', () => {
  // At least 300: fewer sequences can miss one of the rules the test requires both sides to hit.
  const runs = Math.max(300, Math.round(envCount('KVS_FC_RUNS', 2000) / 2));

  it(`agrees on ${runs} random sequences of store and function commands`, async () => {
    const outcomes: Record<string, number> = {};
    const property = fc.asyncProperty(fc.integer(), fc.array(command, { minLength: 10, maxLength: 40, size: 'max' }), async (seed, commands) => {
      const runner = new Runner(seed);
      // Both stores exist at first, so that associations and the in-use rule come up early.
      for (const cmd of [{ op: 'create-store', store: 0 }, { op: 'create-store', store: 1 }] as Command[]) await runner.run(cmd);
      for (const cmd of commands) await runner.run(cmd);
      for (const [label, n] of Object.entries(runner.outcomes)) outcomes[label] = (outcomes[label] ?? 0) + n;
    });
    const details = await checkProperty(`agrees on ${runs} random sequences of store and function commands`, FILE, property, runs);
    expect(details.numRuns).toBe(runs);
    // Not a tautology: every rule was met, on both sides of it.
    for (const label of [
      'delete-store → CannotDeleteEntityWhileInUse',
      'delete-store → in use by LIVE only',
      'delete-store → ok',
      'create → ok',
      'create → InvalidArgument',
      'create → TooManyFunctions',
      'create → FunctionSizeLimitExceeded',
      'create → FunctionAlreadyExists',
      'update → ok',
      'update → PreconditionFailed',
      'update → InvalidIfMatchVersion',
      'publish → ok',
      'publish → PreconditionFailed',
      'delete → ok',
    ]) {
      expect([label, outcomes[label] ?? 0]).not.toEqual([label, 0]);
    }
  });
});
