import { describe, expect, it } from '@jest/globals';
import { CreateDistributionCommand, DeleteKeyValueStoreCommand, DescribeFunctionCommand, PublishFunctionCommand, TestFunctionCommand, UpdateFunctionCommand, CannotDeleteEntityWhileInUse } from '@aws-sdk/client-cloudfront';
import { createKvsSimulator, KvsMockUsageError, manualClock, type KvsSnapshot } from '../../src';
import '../../src/jest';
import { rejection } from '../helpers/clients';

const CODE = 'function handler(event) { return event.request; }';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('seedFunction()', () => {
  it('creates a 2.0 function from its code in one call and returns its ARN; getFunction() reads it back', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    const kvs = createKvsSimulator({ seed: 'seed', clock });
    const arn = kvs.seedFunction({ name: 'fn', code: CODE });
    expect(arn).toBe('arn:aws:cloudfront::123456789012:function/fn');
    expect(kvs.getFunction('fn')).toEqual({
      Name: 'fn',
      ARN: arn,
      AccountId: '123456789012',
      Created: new Date('2026-01-01T00:00:00Z'),
      DEVELOPMENT: { Status: 'UNPUBLISHED', Comment: '', Runtime: 'cloudfront-js-2.0', Code: CODE, ETag: expect.stringMatching(/^E[0-9A-Z]{13}$/), LastModified: new Date('2026-01-01T00:00:00Z') },
      Tags: {},
    });
    expect(kvs.getFunction(arn)).toEqual(kvs.getFunction('fn'));
    expect(kvs.calls()).toHaveLength(0);
  });

  it('associates a store by name or ARN and publishes on request', () => {
    const kvs = createKvsSimulator();
    const store = kvs.seedStore({ name: 'redirects' });
    kvs.seedFunction({ name: 'by-name', code: CODE, keyValueStore: 'redirects', publish: true });
    kvs.seedFunction({ name: 'by-arn', code: CODE, keyValueStore: store, comment: 'c' });
    const published = kvs.getFunction('by-name')!;
    expect(published.DEVELOPMENT).toMatchObject({ KeyValueStoreARN: store, Status: 'UNASSOCIATED' });
    expect(published.LIVE).toMatchObject({ KeyValueStoreARN: store, Code: CODE, Status: 'UNASSOCIATED' });
    expect(published.LIVE!.ETag).not.toBe(published.DEVELOPMENT.ETag);
    expect(kvs.getFunction('by-arn')).toMatchObject({ DEVELOPMENT: { KeyValueStoreARN: store, Comment: 'c' } });
    expect(kvs.getFunction('by-arn')!.LIVE).toBeUndefined();
  });

  it('names default to the first free seeded-function-N', () => {
    const kvs = createKvsSimulator();
    kvs.seedFunction({ name: 'seeded-function-1', code: CODE });
    expect(kvs.seedFunction({ code: CODE })).toMatch(/function\/seeded-function-2$/);
  });

  it("refuses, as usage errors that say why, what the service would refuse", () => {
    const kvs = createKvsSimulator({ quotas: { functionSizeBytes: 100 } });
    kvs.seedFunction({ name: 'fn', code: CODE });
    const cases: Array<[unknown, RegExp]> = [
      [{ name: 'fn', code: CODE }, /the service would refuse this function \(FunctionAlreadyExists\): A function with the same name already exists/],
      [{ name: 'big', code: 'x'.repeat(101) }, /\(FunctionSizeLimitExceeded\)/],
      [{ name: 'old', code: CODE, runtime: 'cloudfront-js-1.0', keyValueStore: kvs.seedStore() }, /\(InvalidArgument\).*cloudfront-js-2.0 functions only/],
      [{ name: 'no-store', code: CODE, keyValueStore: 'nope' }, /keyValueStore "nope" is not the ARN or the name of a live store of account 123456789012/],
      [{ name: 'bad name', code: CODE }, /\(InvalidArgument\).*Value at 'Name'/],
      [{ name: 'x', code: 42 }, /code must be the function's JavaScript/],
      [{ name: 'x', code: CODE, colour: 'red' }, /unknown option "colour"/],
      [{ name: 'x', code: CODE, publish: 'yes' }, /publish must be true or false/],
    ];
    for (const [options, message] of cases) {
      const error = (() => {
        try {
          kvs.seedFunction(options as never);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(KvsMockUsageError);
      expect((error as Error).message).toMatch(message);
    }
    expect(kvs.snapshot().functions!.map((f) => f.name)).toEqual(['fn']);
  });

  it('getFunction() answers a copy, and undefined for an unknown function', () => {
    const kvs = createKvsSimulator();
    kvs.seedFunction({ name: 'fn', code: CODE });
    kvs.getFunction('fn')!.DEVELOPMENT.Code = 'changed';
    expect(kvs.getFunction('fn')!.DEVELOPMENT.Code).toBe(CODE);
    expect(kvs.getFunction('nope')).toBeUndefined();
    expect(kvs.getFunction('fn', '210987654321')).toBeUndefined();
  });
});

describe('functions in snapshots and reset()', () => {
  async function withFunctions() {
    const kvs = createKvsSimulator({ seed: 'functions', clock: manualClock('2026-01-01T00:00:00Z') });
    const cf = kvs.cloudFrontClient();
    const store = kvs.seedStore({ name: 'store', items: { '/a': '/b' } });
    kvs.seedFunction({ name: 'live', code: CODE, keyValueStore: store, publish: true });
    kvs.seedFunction({ name: 'binary', code: new Uint8Array([0x66, 0xff, 0x00]), runtime: 'cloudfront-js-1.0' });
    const { ETag } = await cf.send(new DescribeFunctionCommand({ Name: 'live' }));
    await cf.send(new UpdateFunctionCommand({ Name: 'live', IfMatch: ETag, FunctionCode: bytes('function handler(e) { return e.response; }'), FunctionConfig: { Comment: 'v2', Runtime: 'cloudfront-js-2.0' } }));
    return { kvs, store };
  }

  it('a snapshot holds both stages, code (text or base64), ETags and associations; it round-trips', async () => {
    const { kvs, store } = await withFunctions();
    const snapshot = kvs.snapshot();
    expect(snapshot.functions).toEqual([
      expect.objectContaining({ name: 'live', development: expect.objectContaining({ comment: 'v2', code: { text: 'function handler(e) { return e.response; }' } }), live: expect.objectContaining({ keyValueStoreArn: store, code: { text: CODE } }) }),
      expect.objectContaining({ name: 'binary', development: expect.objectContaining({ runtime: 'cloudfront-js-1.0', code: { base64: 'Zv8A' } }) }),
    ]);
    const loaded = createKvsSimulator({ snapshot: JSON.stringify(snapshot) });
    expect(loaded.snapshot()).toEqual(snapshot);
    expect(loaded.getFunction('live')).toEqual(kvs.getFunction('live'));
    // The in-use rule holds in the loaded simulator.
    const cf = loaded.cloudFrontClient();
    const error = await rejection(cf.send(new DeleteKeyValueStoreCommand({ Name: 'store', IfMatch: loaded.getStore('store')!.ControlETag })));
    expect(error).toBeInstanceOf(CannotDeleteEntityWhileInUse);
  });

  it('reset() forgets functions, or returns to the snapshot the simulator was created from', async () => {
    const { kvs } = await withFunctions();
    const fromSnapshot = createKvsSimulator({ snapshot: kvs.snapshot() });
    kvs.reset();
    expect(kvs.getFunction('live')).toBeUndefined();
    fromSnapshot.seedFunction({ name: 'extra', code: CODE });
    fromSnapshot.reset();
    expect(fromSnapshot.getFunction('extra')).toBeUndefined();
    expect(fromSnapshot.getFunction('live')!.LIVE!.Code).toBe(CODE);
  });

  it('a snapshot from before functions (no functions, no function quotas) still loads, with the default quotas', () => {
    const kvs = createKvsSimulator({ seed: 'old' });
    kvs.seedStore({ name: 'store' });
    const old = kvs.snapshot() as KvsSnapshot & Record<string, any>;
    delete old.functions;
    for (const quota of ['functionsPerAccount', 'functionSizeBytes', 'functionsPerKeyValueStore'] as const) delete (old.config.quotas as Partial<typeof old.config.quotas>)[quota];
    const loaded = createKvsSimulator({ snapshot: old });
    expect(loaded.snapshot().config.quotas).toMatchObject({ functionsPerAccount: 100, functionSizeBytes: 10240, functionsPerKeyValueStore: 100 });
    expect(loaded.snapshot().functions).toEqual([]);
  });

  const corruptions: Array<[string, (s: any) => void, RegExp]> = [
    ['functions not an array', (s) => (s.functions = {}), /snapshot\.functions must be an array when present/],
    ['a bad name', (s) => (s.functions[0].name = 'a b'), /snapshot\.functions\[0\]\.name must match/],
    ['an unknown runtime', (s) => (s.functions[0].development.runtime = 'node'), /snapshot\.functions\[0\]\.development\.runtime must be one of/],
    ['an association with a deleted or unknown store', (s) => (s.functions[0].live.keyValueStoreArn = 'arn:aws:cloudfront::123456789012:key-value-store/x'), /snapshot\.functions\[0\]\.live\.keyValueStoreArn must be the ARN of a live key value store/],
    ['code with no body', (s) => (s.functions[0].development.code = {}), /snapshot\.functions\[0\]\.development\.code must be \{ text \} or \{ base64 \}/],
    ['a repeated function', (s) => s.functions.push(s.functions[0]), /snapshot\.functions\[2\]\.name repeats the name of another function/],
  ];

  it.each(corruptions)('%s is a usage error that says where', async (_name, corrupt, message) => {
    const { kvs } = await withFunctions();
    const snapshot = JSON.parse(JSON.stringify(kvs.snapshot()));
    corrupt(snapshot);
    expect(() => createKvsSimulator({ snapshot })).toThrow(message);
    const before = kvs.snapshot();
    expect(() => kvs.loadSnapshot(snapshot)).toThrow(KvsMockUsageError);
    expect(kvs.snapshot()).toEqual(before);
  });
});

describe('the call log, faults, onUnhandled and matchers know the function operations', () => {
  it('logs each call with its input and output; toHaveReceivedKvsCommand matches them', async () => {
    const kvs = createKvsSimulator();
    const cf = kvs.cloudFrontClient();
    kvs.seedFunction({ name: 'fn', code: CODE });
    const { ETag } = await cf.send(new DescribeFunctionCommand({ Name: 'fn' }));
    await cf.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: ETag }));
    const event = bytes(JSON.stringify({ version: '1.0', context: { eventType: 'viewer-request' }, request: { method: 'GET', uri: '/', headers: {}, querystring: {}, cookies: {} } }));
    await cf.send(new TestFunctionCommand({ Name: 'fn', IfMatch: ETag, EventObject: event }));
    expect(kvs.calls().map((c) => c.operation)).toEqual(['DescribeFunction', 'PublishFunction', 'TestFunction']);
    expect(kvs.calls('TestFunction')[0]!.output).toMatchObject({ TestResult: { FunctionErrorMessage: '' } });
    expect(kvs.calls({ operation: 'PublishFunction', plane: 'control' })).toHaveLength(1);
    expect(kvs).toHaveReceivedKvsCommand('PublishFunction', { Name: 'fn' });
    expect(kvs).toHaveReceivedKvsCommandTimes('TestFunction', 1);
    expect(() => kvs.calls('TestFunctions' as never)).toThrow(/TestFunction, ListFunctions, DeleteFunction/);
    expect(() => kvs.injectFault({ operation: 'TestFunction', plane: 'data' })).toThrow(KvsMockUsageError);
  });

  it('a fault with a delay or a before callback delays or races the function operations', async () => {
    const kvs = createKvsSimulator({ clock: manualClock('2026-01-01T00:00:00Z') });
    const cf = kvs.cloudFrontClient();
    kvs.seedFunction({ name: 'fn', code: CODE });
    const { ETag } = await cf.send(new DescribeFunctionCommand({ Name: 'fn' }));
    // Another deploy updates the function just before ours arrives: ours meets a stale ETag.
    kvs.injectFault({ operation: 'UpdateFunction', before: () => cf.send(new UpdateFunctionCommand({ Name: 'fn', IfMatch: ETag!, FunctionCode: bytes('theirs'), FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } })) });
    const error = await rejection(cf.send(new UpdateFunctionCommand({ Name: 'fn', IfMatch: ETag!, FunctionCode: bytes('ours'), FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } })));
    expect(error.name).toBe('PreconditionFailed');
    expect(kvs.getFunction('fn')!.DEVELOPMENT.Code).toBe('theirs');
    expect(kvs).toHaveRejectedStaleETag('UpdateFunction');
  });

  it('other CloudFront commands still follow onUnhandled', async () => {
    const kvs = createKvsSimulator({ onUnhandled: () => ({ Distribution: { Id: 'E1' } }) });
    const cf = kvs.cloudFrontClient();
    const out = await cf.send(new CreateDistributionCommand({} as never));
    expect(out).toMatchObject({ Distribution: { Id: 'E1' } });
    const strict = createKvsSimulator().cloudFrontClient();
    const error = await rejection(strict.send(new CreateDistributionCommand({} as never)));
    expect(error.message).toMatch(/answers the key value store and CloudFront Functions operations only/);
  });
});

describe('runFunction() of a simulated function, by name or ARN and stage', () => {
  const event = { version: '1.0', context: { eventType: 'viewer-request' }, request: { method: 'GET', uri: '/old', headers: {}, querystring: {}, cookies: {} } };
  const REDIRECT = "import cf from 'cloudfront';\nasync function handler(event) { const target = await cf.kvs().get(event.request.uri); return { statusCode: 301, headers: { location: { value: target } } }; }";

  it("runs the stage's code and runtime against its store as it is now", () => {
    const kvs = createKvsSimulator();
    const store = kvs.seedStore({ name: 'redirects', items: { '/old': '/v1' } });
    const arn = kvs.seedFunction({ name: 'fn', code: REDIRECT, keyValueStore: store, publish: true });
    expect(kvs.runFunction({ function: 'fn', stage: 'LIVE', event }).output).toMatchObject({ response: { headers: { location: { value: '/v1' } } } });
    kvs.writeKeys(store, { puts: { '/old': '/v2' } });
    expect(kvs.runFunction({ function: arn, event }).output).toMatchObject({ response: { headers: { location: { value: '/v2' } } } });
  });

  it('DEVELOPMENT and LIVE run their own code', async () => {
    const kvs = createKvsSimulator();
    const cf = kvs.cloudFrontClient();
    kvs.seedFunction({ name: 'fn', code: 'function handler(event) { return { statusCode: 200 }; }', publish: true });
    const { ETag } = await cf.send(new DescribeFunctionCommand({ Name: 'fn' }));
    await cf.send(new UpdateFunctionCommand({ Name: 'fn', IfMatch: ETag, FunctionCode: bytes('function handler(event) { return { statusCode: 418 }; }'), FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } }));
    expect(kvs.runFunction({ function: 'fn', event }).output).toMatchObject({ response: { statusCode: 418 } });
    expect(kvs.runFunction({ function: 'fn', stage: 'LIVE', event }).output).toMatchObject({ response: { statusCode: 200 } });
  });

  it('an unknown function, an unpublished LIVE stage or a bad stage is a usage error that says what to do', () => {
    const kvs = createKvsSimulator();
    kvs.seedFunction({ name: 'fn', code: CODE });
    expect(() => kvs.runFunction({ function: 'nope', event })).toThrow(/runFunction\(\): no function "nope" in this simulator \(account 123456789012\); create it first/);
    expect(() => kvs.runFunction({ function: 'fn', stage: 'LIVE', event })).toThrow(/function "fn" has no LIVE stage yet; publish it first/);
    expect(() => kvs.runFunction({ function: 'fn', stage: 'live' as never, event })).toThrow(KvsMockUsageError);
  });
});
