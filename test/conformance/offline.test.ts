import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFrontClient, CreateFunctionCommand, CreateKeyValueStoreCommand, ListFunctionsCommand, ListKeyValueStoresCommand, PublishFunctionCommand } from '@aws-sdk/client-cloudfront';
import { createKvsSimulator } from '../../src';
import { targetName } from '../helpers/target';
import { CASES } from './cases';
import { answerOf } from './harness/answer';
import { runCase } from './harness/case';
import { cleanup } from './harness/cleanup';
import { maskValue } from './harness/mask';
import { formatPlan, planRun } from './harness/plan';
import { differences, readRecording, writeRecording } from './harness/recording';
import { deleteAll } from './harness/resources';
import { resourceName, runPrefix } from './harness/run-prefix';
import { inProcess } from '../helpers/targets/inprocess';

/**
 * The AWS target's code paths that can run offline: prefixes and names, masking, the comparison
 * with a recording (against a hand-written, clearly synthetic one), the dry run, and the cleanup
 * (its listing and deletes sent through a real CloudFrontClient to the double, standing in for
 * an account).
 */

const FIXTURES = join(__dirname, 'fixtures');
const env = { prefix: 'kvsmock-local', simulator: true, expect: expect as never, clients: (kvs: any) => inProcess.clients(kvs, {}), pollMs: 0 };
const byId = (id: string) => CASES.find((c) => c.id === id)!;

describe('the target switch', () => {
  it('reads KVS_TARGET and refuses an unknown one', () => {
    expect(targetName({})).toBe('inprocess');
    expect(targetName({ KVS_TARGET: 'server' })).toBe('server');
    expect(targetName({ KVS_TARGET: 'aws' })).toBe('aws');
    expect(() => targetName({ KVS_TARGET: 'AWS' })).toThrow('KVS_TARGET must be one of inprocess, server, aws; got "AWS"');
  });
});

describe('run prefixes and names', () => {
  it('takes KVS_AWS_RUN_PREFIX when it is a valid prefix, else refuses it', () => {
    expect(runPrefix({ KVS_AWS_RUN_PREFIX: 'ci-run-7' })).toBe('ci-run-7');
    expect(() => runPrefix({ KVS_AWS_RUN_PREFIX: 'a b' })).toThrow('a run prefix is 3-24 of [a-zA-Z0-9-]');
    expect(() => runPrefix({ KVS_AWS_RUN_PREFIX: 'x'.repeat(25) })).toThrow();
  });

  it('generates one from the time and a random part when none is given', () => {
    expect(runPrefix({}, new Date('2026-12-07T19:53:02Z'), () => 0.5)).toBe('kvsmock-202612071953-i000');
    expect(runPrefix({}, new Date('2026-12-07T19:53:02Z'), () => 0)).toBe('kvsmock-202612071953-0000');
  });

  it('names resources within the 64 characters and the alphabet stores and functions allow', () => {
    expect(resourceName('kvsmock-202612071953-i000', 'rt-origin-helper-unknown-member', 12)).toBe('kvsmock-202612071953-i000-rt-origin-helper-unknown-member-12');
    const long = resourceName('kvsmock-202612071953-i000', 'x'.repeat(60), 12);
    expect(long).toHaveLength(64);
    expect(long.endsWith('xx-12')).toBe(true);
    expect(resourceName('p-x', 'a.b', 1)).toBe('p-x-a-b-1');
  });
});

describe('masking', () => {
  it('masks ids, ETags, times, accounts, request ids and the prefix, and keeps the rest', () => {
    const arn = 'arn:aws:cloudfront::123456789012:key-value-store/9d3e54b3-2c9a-4c3b-a3a7-0a1e6a1e9f47';
    const masked = maskValue(
      { $metadata: { httpStatusCode: 200 }, KeyValueStore: { Name: 'kvsmock-x-case-1', ARN: arn, LastModifiedTime: new Date(), Status: 'READY' }, ETag: 'E2QWRUHEXAMPLE', DataETag: 'KV1F83G8C2ARO7P', RequestId: 'r-1', ComputeUtilization: '12', Code: new TextEncoder().encode('x') },
      'kvsmock-x',
    );
    expect(masked).toEqual({
      KeyValueStore: { Name: '<prefix>-case-1', ARN: 'arn:aws:cloudfront::<account>:key-value-store/<id>', LastModifiedTime: '<time>', Status: 'READY' },
      ETag: '<etag>',
      DataETag: '<data-etag>',
      RequestId: '<request-id>',
      ComputeUtilization: '<number>',
      Code: { $bytes: 'x' },
    });
  });

  it('turns an SDK error into status, name, fault and a masked message', () => {
    const error = Object.assign(new Error('Key value store arn:aws:cloudfront::123456789012:key-value-store/9d3e54b3-2c9a-4c3b-a3a7-0a1e6a1e9f47 not found'), { name: 'ResourceNotFoundException', $fault: 'client', $metadata: { httpStatusCode: 404 } });
    expect(answerOf('s', 'GetKey', { error }, 'p')).toEqual({ step: 's', operation: 'GetKey', status: 404, error: { name: 'ResourceNotFoundException', fault: 'client', message: 'Key value store arn:aws:cloudfront::<account>:key-value-store/<id> not found' } });
    expect(answerOf('s', 'GetKey', { error: Object.assign(new Error('Region is missing'), { name: 'Error' }) }, 'p')).toMatchObject({ status: null, error: { fault: null } });
  });
});

describe('comparing the double with a recording', () => {
  it('finds where the double differs from the (synthetic) recording, step by step', async () => {
    const recording = readRecording('SYNTHETIC-data-stale-ifmatch', FIXTURES)!;
    expect(recording.recordedAt).toMatch(/^SYNTHETIC/);
    const { answers } = await runCase(byId('data-stale-ifmatch'), env);
    expect(differences(recording.answers, answers)).toEqual([
      expect.stringMatching(/^step 1 \(PutKey, stale IfMatch\) error: AWS \{"fault":"client","message":"Pre-Condition failed: the IfMatch ETag does not match the store's current ETag \(synthetic text\)","name":"ValidationException"\}, the double \{.*"name":"ValidationException"\}$/),
    ]);
    // Where the recording says what the double says, there is no difference.
    const agreeing = answers.map((a) => ({ ...a }));
    expect(differences(agreeing, answers)).toEqual([]);
  });

  it('reports steps missing on either side, and ignores the order of members', () => {
    const a = { step: 'x', operation: 'GetKey', status: 200, output: { Key: 'k', Value: 'v' } };
    const b = { step: 'x', operation: 'GetKey', status: 200, output: { Value: 'v', Key: 'k' } };
    expect(differences([a], [b])).toEqual([]);
    expect(differences([a, a], [b])).toEqual(['step 2 (x): recorded, not taken by the double']);
    expect(differences([], [b])).toEqual(['step 1 (x): not in the recording']);
  });

  it('writes a recording that reads back the same, one file per case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kvs-recordings-'));
    const recording = { case: 'c1', settles: 'D1', recordedAt: '2026-12-07', region: 'us-east-1', sdk: {}, answers: [{ step: 's', operation: 'GetKey', status: 200, output: { Key: 'k' } }] };
    const path = writeRecording(recording, dir);
    expect(path).toBe(join(dir, 'c1.json'));
    expect(readRecording('c1', dir)).toEqual(recording);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });
});

describe('the cases', () => {
  it('have unique ids, each settling a decision or a Caveat', () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) expect(c.settles).toMatch(/^(D\d+|F\d+|Caveat)$/);
  });

  it('are the ones the Caveats name, and each is named by a Caveat', () => {
    const docs = ['fidelity.md', 'functions-control-plane.md', 'functions-runtime.md', 'sdk-pipeline.md'].map((page) => readFileSync(join(__dirname, '..', '..', 'docs', page), 'utf8')).join('\n');
    const named = new Set([...docs.matchAll(/Settled by ((?:`[a-z0-9-]+`(?:, )?)+)\./g)].flatMap((m) => [...m[1]!.matchAll(/`([a-z0-9-]+)`/g)].map((n) => n[1]!)));
    expect([...named].filter((id) => !CASES.some((c) => c.id === id))).toEqual([]);
    expect(CASES.map((c) => c.id).filter((id) => !named.has(id))).toEqual([]);
  });

  it('delete all they created in teardown, also when the body fails', async () => {
    const failing = { ...byId('fn-associations'), id: 'failing', run: async (t: any) => (await byId('fn-associations').run(t), t.expect(1).toBe(2)) };
    const result = await runCase(failing, env);
    expect(result.failure).toBeDefined();
    expect(result.created.length).toBeGreaterThanOrEqual(3);
    expect(result.leftovers).toEqual([]);
    const control = inProcess.clients(result.kvs, {}).control;
    expect((await control.send(new ListKeyValueStoresCommand({}))).KeyValueStoreList?.Quantity).toBe(0);
    expect((await control.send(new ListFunctionsCommand({}))).FunctionList?.Quantity).toBe(0);
  });
});

describe('the dry run', () => {
  it('lists what each case would create and send, skips the simulator-only ones, and prices the calls', async () => {
    const cases = ['data-stale-ifmatch', 'control-store-quota', 'fn-live-etag'].map(byId);
    const plan = await planRun(cases, 'kvsmock-plan', expect as never);
    expect(plan.cases).toEqual([
      { id: 'data-stale-ifmatch', settles: 'D1', stores: ['kvsmock-plan-data-stale-ifmatch-1'], functions: [], dataCalls: 4, controlCalls: 4 + 15, testFunctionCalls: 0 },
      expect.objectContaining({ id: 'control-store-quota', skipped: expect.stringContaining('200 stores'), stores: [] }),
      { id: 'fn-live-etag', settles: 'F4', stores: [], functions: ['kvsmock-plan-fn-live-etag-1'], dataCalls: 0, controlCalls: 6, testFunctionCalls: 0 },
    ]);
    expect(plan.totals).toEqual({ stores: 1, functions: 1, dataCalls: 4, controlCalls: 25, testFunctionCalls: 0, calls: 29 });
    expect(plan.costUsd).toBe(0.03);
    const text = formatPlan(plan);
    expect(text).toContain('would create 1 key value stores and 1 functions, every one named kvsmock-plan-<case>-<n>');
    expect(text).toContain('rough cost: at most $0.03');
  });
});

describe('the cleanup', () => {
  /** An "account" (the double) holding a run's leftovers, another run's and unrelated resources. */
  async function account() {
    const kvs = createKvsSimulator({ seed: 'cleanup' });
    const control = kvs.attach(new CloudFrontClient({}));
    for (const Name of ['run-a-case-1', 'run-a-case-2', 'run-ab-case-1', 'production', 'run-a']) await control.send(new CreateKeyValueStoreCommand({ Name }));
    const code = new TextEncoder().encode('function handler(event) { return event.request; }');
    for (const Name of ['run-a-fn-1', 'other-fn']) {
      const { ETag } = await control.send(new CreateFunctionCommand({ Name, FunctionCode: code, FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } }));
      await control.send(new PublishFunctionCommand({ Name, IfMatch: ETag! }));
    }
    return { kvs, control };
  }

  it('with --dry-run lists what the prefix names and deletes nothing', async () => {
    const { control } = await account();
    const { found, failed } = await cleanup(control, 'run-a', { execute: false });
    expect(found).toEqual([
      { kind: 'store', name: 'run-a-case-1' },
      { kind: 'store', name: 'run-a-case-2' },
      { kind: 'function', name: 'run-a-fn-1' },
    ]);
    expect(failed).toEqual([]);
    expect((await control.send(new ListKeyValueStoresCommand({}))).KeyValueStoreList?.Quantity).toBe(5);
  });

  it('deletes exactly the run’s leftovers, across pages, functions of both stages once', async () => {
    const { control } = await account();
    const { failed } = await cleanup(control, 'run-a', { pageSize: 2 });
    expect(failed).toEqual([]);
    const stores = (await control.send(new ListKeyValueStoresCommand({}))).KeyValueStoreList?.Items?.map((s) => s.Name);
    expect(stores).toEqual(['run-ab-case-1', 'production', 'run-a']);
    const functions = (await control.send(new ListFunctionsCommand({}))).FunctionList?.Items?.map((f) => f.Name);
    expect(new Set(functions)).toEqual(new Set(['other-fn']));
  });

  it('refuses a prefix a run would not have made', async () => {
    const { control } = await account();
    await expect(cleanup(control, '')).rejects.toThrow('a run prefix is 3-24 of');
    await expect(cleanup(control, 'r')).rejects.toThrow('a run prefix is 3-24 of');
  });

  it('reports what it could not delete and counts what is already gone as deleted', async () => {
    const { kvs, control } = await account();
    kvs.injectFault({ operation: 'DeleteKeyValueStore', error: 'AccessDenied' });
    const failed = await deleteAll(control, [{ kind: 'store', name: 'run-a-case-1' }, { kind: 'store', name: 'never-created' }]);
    expect(failed).toEqual([expect.stringMatching(/^store:run-a-case-1 \(AccessDenied: /)]);
  });
});
