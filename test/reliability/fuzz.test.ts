/**
 * Fuzzing every input field of every operation of both planes (tag operations included),
 * through the real clients. Whatever the input, the caller gets a modeled service error (an
 * instance of the client package's own class, with the modeled status) or exactly the error
 * the bare SDK throws for that input before sending (checked against the real SDK with no
 * double, see model/sdk-oracle.ts), never another error from our code; a failed call changes
 * nothing (the whole snapshot, byte for byte); the input object is never changed; and the
 * state always satisfies the invariants of model/invariants.ts. `KVS_FUZZ_INPUTS` runs more.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as cf from '@aws-sdk/client-cloudfront';
import * as kv from '@aws-sdk/client-cloudfront-keyvaluestore';
import { manualClock, type KvsSimulator } from '../../src';
import { setup } from '../helpers/clients';
import { fuzzCase, type FieldPlan, type FuzzCase } from './model/fuzz-inputs';
import { storeProblems, type StoreLike } from './model/invariants';
import { ERROR_STATUS, REQUEST_ID } from './model/outcome';
import { AWS_QUOTAS, type ModelQuotas } from './model/reference-kvs';
import { SdkOracle } from './model/sdk-oracle';
import { checkProperty, envCount } from './model/settings';
import { byteOrder } from './model/text';

const FILE = 'test/reliability/fuzz.test.ts';
const ACCOUNT = '123456789012';
/** Cases per simulator (the array's mean length): enough to reach deep states, few enough to shrink. */
const CASES_PER_RUN = 250;
/** Non-service errors of one kind checked against the SDK oracle before sampling sets in. */
const ORACLE_PER_KIND = 12;

// ------------------------------------------------------------------ valid values of the moment

interface Ctx {
  kvs: KvsSimulator;
  arns: string[];
  token: string | undefined;
  marker: string | undefined;
}

const KEYS = ['a', 'é', '__proto__', 'constructor', 'no-such-key', '😀'];
const VALUES = ['v', '', 'é', '😀'];
const S3 = ['arn:aws:s3:::bucket/good.json', 'arn:aws:s3:::bucket/missing.json', 'arn:aws:s3:::bucket/bad.json'];

function state(ctx: Ctx, arnOrName: unknown): StoreLike | undefined {
  return typeof arnOrName === 'string' ? (ctx.kvs.getStore(arnOrName) as unknown as StoreLike | undefined) : undefined;
}
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
const liveNames = (ctx: Ctx) => ctx.arns.map((a) => state(ctx, a)?.Name).filter((n): n is string => n !== undefined);
/** A valid string with something odd inside it. */
const spoil = (valid: string, n: number) => valid + pick(['\u0000', '\uD800', '/', '%', ' ', 'é'.repeat(600), '\n'], n);

interface Field {
  name: string;
  valid(n: number, ctx: Ctx, input: Record<string, unknown>): unknown;
  /** A valid shape broken one level down (an item, a member); strings get an odd character. */
  deep?(n: number, v: unknown, ctx: Ctx, input: Record<string, unknown>): unknown;
}

const kvsArn: Field = { name: 'KvsARN', valid: (n, ctx) => pick(ctx.arns, n), deep: (n, _v, ctx) => spoil(pick(ctx.arns, n), n) };
const key: Field = { name: 'Key', valid: (n) => pick(KEYS, n), deep: (n) => spoil(pick(KEYS, n), n >> 3) };
const value: Field = { name: 'Value', valid: (n) => pick(VALUES, n), deep: (n) => spoil(pick(VALUES, n), n >> 2) };
const dataIfMatch: Field = {
  name: 'IfMatch',
  valid: (n, ctx, input) => (n % 5 === 0 ? 'KV0000000000000' : (state(ctx, input['KvsARN'])?.ETag ?? 'KV0000000000001')),
  deep: (n, _v, ctx, input) => spoil(state(ctx, input['KvsARN'])?.ETag ?? 'KV', n),
};
const controlIfMatch: Field = {
  name: 'IfMatch',
  valid: (n, ctx, input) => (n % 5 === 0 ? 'E000000000000' : (state(ctx, input['Name'])?.ControlETag ?? 'E000000000001')),
  deep: (n, _v, ctx, input) => spoil(state(ctx, input['Name'])?.ControlETag ?? 'E', n),
};
const existingKeys = (ctx: Ctx, input: Record<string, unknown>) => Object.keys(state(ctx, input['KvsARN'])?.Items ?? {});
const puts: Field = {
  name: 'Puts',
  valid: (n) => Array.from({ length: 1 + (n % 3) }, (_, i) => ({ Key: pick(KEYS, n + i), Value: pick(VALUES, n + i) })),
  deep: (n, v) => {
    switch (n % 8) {
      case 0:
        return [{ Key: v, Value: 'x' }];
      case 1:
        return [{ Key: 'a', Value: v }];
      case 2:
        return [v];
      case 3:
        return [{ Key: 'a', Value: 'b' }, v];
      case 4: // now and then a huge batch: 10,001 valid items
        return n % 3 === 0 ? Array.from({ length: 10_001 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) : Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      case 5:
        return [{ Key: 'a', Value: 'b' }, { Key: 'a', Value: 'c' }];
      case 6:
        return [{ Key: v }];
      default:
        return [{ Key: 'b', Value: 'b', Extra: v }];
    }
  },
};
const deletes: Field = {
  name: 'Deletes',
  valid: (n, ctx, input) => {
    const keys = existingKeys(ctx, input);
    return keys.length === 0 ? [{ Key: 'a' }] : [{ Key: pick(keys, n) }];
  },
  deep: (n, v) => {
    switch (n % 5) {
      case 0:
        return [{ Key: v }];
      case 1:
        return [v];
      case 2:
        return Array.from({ length: n % 3 === 0 ? 10_001 : 51 }, (_, i) => ({ Key: `k${i}` }));
      case 3:
        return [{ Key: 'a' }, { Key: 'a' }];
      default:
        return [{}];
    }
  },
};
const nextToken: Field = { name: 'NextToken', valid: (n, ctx) => (n % 4 === 0 ? 'hVTTZndkpBZ0VRZ0R1RF' : ctx.token), deep: (n, _v, ctx) => spoil(ctx.token ?? '', n) };
const maxResults: Field = { name: 'MaxResults', valid: (n) => 1 + (n % 50) };
const name: Field = {
  name: 'Name',
  valid: (n, ctx) => (n % 3 === 0 ? `fuzz-${n % 7}` : pick(liveNames(ctx).concat('gone'), n)),
  deep: (n, _v, ctx) => spoil(pick(liveNames(ctx).concat('x'), n), n >> 2),
};
const comment: Field = { name: 'Comment', valid: (n) => pick(['', 'c', 'ç'.repeat(128)], n), deep: (n) => spoil('c', n) };
const importSource: Field = {
  name: 'ImportSource',
  valid: (n) => ({ SourceType: 'S3', SourceARN: pick(S3, n) }),
  deep: (n, v) => pick([{ SourceType: v, SourceARN: S3[0] }, { SourceType: 'S3', SourceARN: v }, { SourceType: 'S3' }, { SourceARN: S3[0] }], n),
};
const tags: Field = {
  name: 'Tags',
  valid: (n) => ({ Items: [{ Key: pick(['team', 'env', 'a:b'], n), Value: pick(['blue', '', 'é'], n) }] }),
  deep: (n, v) =>
    pick(
      [
        { Items: v },
        { Items: [v] },
        { Items: [{ Key: v, Value: 'x' }] },
        { Items: [{ Key: 'k', Value: v }] },
        { Items: Array.from({ length: 60 }, (_, i) => ({ Key: `t${i}`, Value: 'v' })) },
        { Items: [{ Key: 'k', Value: 'a' }, { Key: 'k', Value: 'b' }] },
      ],
      n,
    ),
};
const marker: Field = { name: 'Marker', valid: (n, ctx) => (n % 3 === 0 ? '' : ctx.marker), deep: (n, _v, ctx) => spoil(ctx.marker ?? '', n) };
const maxItems: Field = { name: 'MaxItems', valid: (n) => 1 + (n % 100) };
const status: Field = { name: 'Status', valid: (n) => pick(['READY', 'PROVISIONING', 'IMPORT_FAILURE'], n) };
const resource: Field = { name: 'Resource', valid: (n, ctx) => pick(ctx.arns, n), deep: (n, _v, ctx) => spoil(pick(ctx.arns, n), n) };
const tagKeys: Field = { name: 'TagKeys', valid: (n) => ({ Items: [pick(['team', 'env', 'none'], n)] }), deep: (n, v) => pick([{ Items: v }, { Items: [v] }, {}], n) };

interface Spec {
  plane: 'data' | 'control';
  operation: string;
  Command: new (input: any) => any;
  fields: Field[];
  /** Reads change nothing, even when they succeed. */
  read: boolean;
}

const SPECS: Spec[] = [
  { plane: 'data', operation: 'DescribeKeyValueStore', Command: kv.DescribeKeyValueStoreCommand, fields: [kvsArn], read: true },
  { plane: 'data', operation: 'GetKey', Command: kv.GetKeyCommand, fields: [kvsArn, key], read: true },
  { plane: 'data', operation: 'ListKeys', Command: kv.ListKeysCommand, fields: [kvsArn, nextToken, maxResults], read: true },
  { plane: 'data', operation: 'PutKey', Command: kv.PutKeyCommand, fields: [kvsArn, key, value, dataIfMatch], read: false },
  { plane: 'data', operation: 'DeleteKey', Command: kv.DeleteKeyCommand, fields: [kvsArn, key, dataIfMatch], read: false },
  { plane: 'data', operation: 'UpdateKeys', Command: kv.UpdateKeysCommand, fields: [kvsArn, dataIfMatch, puts, deletes], read: false },
  { plane: 'control', operation: 'CreateKeyValueStore', Command: cf.CreateKeyValueStoreCommand, fields: [name, comment, importSource, tags], read: false },
  { plane: 'control', operation: 'DescribeKeyValueStore', Command: cf.DescribeKeyValueStoreCommand, fields: [name], read: true },
  { plane: 'control', operation: 'ListKeyValueStores', Command: cf.ListKeyValueStoresCommand, fields: [marker, maxItems, status], read: true },
  { plane: 'control', operation: 'UpdateKeyValueStore', Command: cf.UpdateKeyValueStoreCommand, fields: [name, comment, controlIfMatch], read: false },
  { plane: 'control', operation: 'DeleteKeyValueStore', Command: cf.DeleteKeyValueStoreCommand, fields: [name, controlIfMatch], read: false },
  { plane: 'control', operation: 'ListTagsForResource', Command: cf.ListTagsForResourceCommand, fields: [resource], read: true },
  { plane: 'control', operation: 'TagResource', Command: cf.TagResourceCommand, fields: [resource, tags], read: false },
  { plane: 'control', operation: 'UntagResource', Command: cf.UntagResourceCommand, fields: [resource, tagKeys], read: false },
];
const MAX_FIELDS = Math.max(...SPECS.map((s) => s.fields.length));

function build(spec: Spec, c: FuzzCase, ctx: Ctx): unknown {
  if (c.whole) return c.whole.make();
  const input: Record<string, unknown> = {};
  spec.fields.forEach((field, i) => {
    const plan: FieldPlan = c.fields[i]!;
    if (plan.t === 'valid') input[field.name] = field.valid(plan.n, ctx, input);
    else if (plan.t === 'hostile') input[field.name] = plan.v.make();
    else if (plan.t === 'deep') input[field.name] = field.deep ? field.deep(plan.n, plan.v.make(), ctx, input) : plan.v.make();
  });
  // Own properties, even for __proto__, as JSON.parse would make them.
  for (const [k, v] of c.extras) Object.defineProperty(input, k, { value: v.make(), enumerable: true, writable: true, configurable: true });
  if (c.wrap === 'own-proto') return Object.defineProperty({}, '__proto__', { value: input, enumerable: true, writable: true, configurable: true });
  if (c.wrap === 'inherit') return Object.create(input);
  return input;
}

// ------------------------------------------------------------------ observation

/** A structural fingerprint of any value: the input must come back from a call unchanged. */
function fingerprint(value: unknown, depth = 0): string {
  if (depth > 6) return '…';
  switch (typeof value) {
    case 'string':
      return value.length > 200 ? `s${value.length}:${value.slice(0, 40)}…${value.slice(-40)}` : `s${JSON.stringify(value)}`;
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return String(value);
    case 'function':
      return 'fn';
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Date) return `Date(${value.getTime()})`;
      if (value instanceof Map) return `Map(${fingerprint([...value], depth + 1)})`;
      if (value instanceof Set) return `Set(${fingerprint([...value], depth + 1)})`;
      if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${Array.from(value as Uint8Array).join(',')})`;
      if (Array.isArray(value) && value.length > 100) return `array${value.length}:${fingerprint(value[0], depth + 1)}…${fingerprint(value[value.length - 1], depth + 1)}`;
      const proto = Object.getPrototypeOf(value);
      const tag = proto === null ? 'null-proto' : proto === Object.prototype ? '' : proto === Array.prototype ? 'array' : `proto(${fingerprint(proto, depth + 1)})`;
      const keys = Reflect.ownKeys(value).filter((k) => !(Array.isArray(value) && k === 'length'));
      return `${tag}{${keys.map((k) => `${String(k)}:${fingerprint(Object.getOwnPropertyDescriptor(value, k)?.value, depth + 1)}`).join(',')}}`;
    }
    default:
      return Object.is(value, -0) ? '-0' : String(value);
  }
}

/** The whole simulated service, byte for byte, minus where the id generator stands (request ids move it). */
function digest(kvs: KvsSimulator, arns: () => string[]): string {
  const snapshot = (kvs as unknown as { snapshot?: () => Record<string, unknown> }).snapshot;
  if (typeof snapshot === 'function') return JSON.stringify({ ...snapshot.call(kvs), generator: undefined });
  // Without the snapshot API: every store the run knows, as getStore() sees it.
  return JSON.stringify(arns().map((arn) => kvs.getStore(arn) ?? null));
}

function liveStores(kvs: KvsSimulator, arns: string[]): StoreLike[] {
  const snapshot = (kvs as unknown as { snapshot?: () => { stores: Array<{ arn: string; deleted: boolean }> } }).snapshot;
  const all = typeof snapshot === 'function' ? snapshot.call(kvs).stores.filter((s) => !s.deleted).map((s) => s.arn) : arns;
  return all.map((arn) => kvs.getStore(arn) as unknown as StoreLike | undefined).filter((s): s is StoreLike => s !== undefined);
}

const DATA_ERRORS = new Set(['AccessDeniedException', 'ConflictException', 'ResourceNotFoundException', 'ServiceQuotaExceededException', 'ValidationException']);
const CONTROL_ERRORS = new Set([
  'AccessDenied',
  'CannotDeleteEntityWhileInUse',
  'EntityAlreadyExists',
  'EntityLimitExceeded',
  'EntityNotFound',
  'EntitySizeLimitExceeded',
  'InvalidArgument',
  'InvalidIfMatchVersion',
  'PreconditionFailed',
  'UnsupportedOperation',
  'NoSuchResource',
  'InvalidTagging',
]);
const SUCCESS_STATUS: Record<string, number> = { CreateKeyValueStore: 201, DeleteKeyValueStore: 204, TagResource: 204, UntagResource: 204 };

/** Why a thrown value is not a proper modeled service error of this plane, or undefined. */
function serviceErrorProblem(plane: 'data' | 'control', error: any): string | undefined {
  const Base = plane === 'data' ? kv.CloudFrontKeyValueStoreServiceException : cf.CloudFrontServiceException;
  if (!(error instanceof Base)) return 'not a service exception';
  const allowed = plane === 'data' ? DATA_ERRORS : CONTROL_ERRORS;
  if (!allowed.has(error.name)) return `unexpected code ${error.name}`;
  const Modeled = (plane === 'data' ? (kv as Record<string, unknown>) : (cf as Record<string, unknown>))[error.name];
  if (typeof Modeled !== 'function' || !(error instanceof (Modeled as new () => unknown))) return `not an instance of the package's ${error.name}`;
  if (error.$fault !== 'client') return `$fault ${error.$fault}`;
  if (error.$metadata?.httpStatusCode !== ERROR_STATUS[error.name]) return `status ${error.$metadata?.httpStatusCode} for ${error.name}`;
  if (!REQUEST_ID.test(error.$metadata?.requestId ?? '') || error.$metadata?.attempts !== 1) return `$metadata ${JSON.stringify(error.$metadata)}`;
  if (typeof error.message !== 'string' || error.message.length === 0) return 'no message';
  return undefined;
}

// ------------------------------------------------------------------ the run

interface Stats {
  inputs: number;
  outcomes: Map<string, number>;
  /** The SDK refuses the input client-side; the double answers a service error instead (stricter, not a failure). */
  stricter: Map<string, number>;
  /** Both refuse client-side but with different errors (see fuzzOne). */
  otherClientError: Map<string, number>;
  oracleCalls: number;
  longestMessage: number;
}

/** The client-side errors the SDK documents for these clients, which the double reproduces. */
function documentedClientError(error: any): boolean {
  return (
    error?.name === 'EndpointError' ||
    (error?.name === 'URIError' && error?.message === 'URI malformed') ||
    (error?.constructor === Error && /^No value provided for input HTTP label: \w+\.$/.test(error?.message))
  );
}

const stats: Stats = { inputs: 0, outcomes: new Map(), stricter: new Map(), otherClientError: new Map(), oracleCalls: 0, longestMessage: 0 };
const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const oracle = new SdkOracle();

const describeCase = (spec: Spec, c: FuzzCase, input: unknown) => `${spec.plane} ${spec.operation} ${fc.stringify(c)}\n input: ${fingerprint(input).slice(0, 600)}`;

async function newRun(seed: number, quotas: Partial<ModelQuotas> | undefined) {
  const { kvs, data, control } = setup({ seed, clock: manualClock(Date.UTC(2024, 0, 1)), accountId: ACCOUNT, ...(quotas ? { quotas } : {}) });
  const data2 = kvs.attach(new kv.CloudFrontKeyValueStoreClient({ cacheMiddleware: true }));
  kvs.putS3Object('arn:aws:s3:::bucket/good.json', { data: [{ key: 'a', value: '1' }] });
  kvs.putS3Object('arn:aws:s3:::bucket/bad.json', 'not json');
  const seeded = [
    kvs.seedStore({ name: 'alpha', items: JSON.parse('{"a":"1","é":"2","__proto__":"3","constructor":"4"}') }),
    kvs.seedStore({ name: 'beta', items: [{ key: '__proto__', value: 'p' }, { key: 'b', value: '' }] }),
    kvs.seedStore({ name: 'gamma' }),
  ];
  const failed = await control.send(new cf.CreateKeyValueStoreCommand({ Name: 'failed', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/missing.json' } }));
  const doomed = await control.send(new cf.CreateKeyValueStoreCommand({ Name: 'doomed' }));
  await control.send(new cf.DeleteKeyValueStoreCommand({ Name: 'doomed', IfMatch: doomed.ETag }));
  const ctx: Ctx = {
    kvs,
    arns: [
      ...seeded,
      ...seeded,
      failed.KeyValueStore!.ARN!,
      doomed.KeyValueStore!.ARN!,
      `arn:aws:cloudfront::${ACCOUNT}:key-value-store/00000000-0000-4000-8000-000000000000`,
      'arn:aws:cloudfront::999999999999:key-value-store/00000000-0000-4000-8000-000000000000',
    ],
    token: (await data.send(new kv.ListKeysCommand({ KvsARN: seeded[0], MaxResults: 1 }))).NextToken,
    marker: (await control.send(new cf.ListKeyValueStoresCommand({ MaxItems: 1 }))).KeyValueStoreList?.NextMarker,
  };
  return { kvs, ctx, clients: { data: [data, data2], control: [control, control] }, quotas: { ...AWS_QUOTAS, ...quotas } };
}

type Run = Awaited<ReturnType<typeof newRun>>;

async function fuzzOne(run: Run, c: FuzzCase, before: string): Promise<string> {
  const spec = SPECS[c.op % SPECS.length]!;
  const { kvs, ctx } = run;
  const input = build(spec, c, ctx);
  // Whether the call leaves its input untouched: checked on a quarter of the cases (it costs as much as the call).
  const print = c.sample < 25 ? fingerprint(input) : undefined;
  const client: { send(command: unknown): Promise<any> } = spec.plane === 'data' ? run.clients.data[c.client]! : run.clients.control[c.client]!;
  let command: unknown;
  try {
    command = new spec.Command(input);
  } catch {
    count(stats.outcomes, `${spec.plane}:${spec.operation} SDK command constructor threw`);
    return before;
  }
  stats.inputs++;
  let result: { ok: true; value: any } | { ok: false; error: any; sync: boolean };
  try {
    const promise = client.send(command);
    try {
      result = { ok: true, value: await promise };
    } catch (error) {
      result = { ok: false, error, sync: false };
    }
  } catch (error) {
    result = { ok: false, error, sync: true };
  }
  const fail = (why: string) => {
    throw new Error(`${why}\n case: ${describeCase(spec, c, input)}`);
  };
  if (print !== undefined && fingerprint(input) !== print) fail('the call changed its input object');
  const weird = c.whole !== undefined || c.extras.length > 0 || c.wrap !== 'none' || c.fields.some((f, i) => i < spec.fields.length && f.t !== 'valid');

  if (result.ok) {
    count(stats.outcomes, `${spec.plane}:${spec.operation} ok`);
    const meta = result.value?.$metadata;
    if (meta?.httpStatusCode !== (SUCCESS_STATUS[spec.operation] ?? 200) || !REQUEST_ID.test(meta?.requestId ?? '')) fail(`success with $metadata ${JSON.stringify(meta)}`);
    if (weird && c.sample < 10) {
      const verdict = await oracle.verdict(spec.plane, spec.Command, input);
      stats.oracleCalls++;
      if (!verdict.sent) fail(`the double accepted an input the SDK itself refuses (${verdict.error?.name}: ${verdict.error?.message})`);
    }
  } else {
    const error = result.error;
    const problem = serviceErrorProblem(spec.plane, error);
    if (problem === undefined) {
      count(stats.outcomes, `${spec.plane}:${spec.operation} ${error.name}`);
      stats.longestMessage = Math.max(stats.longestMessage, error.message.length);
      if (weird && c.sample < 3) {
        const verdict = await oracle.verdict(spec.plane, spec.Command, input);
        stats.oracleCalls++;
        if (!verdict.sent) count(stats.stricter, `${spec.plane}:${spec.operation}: SDK ${verdict.error?.name} "${String(verdict.error?.message).slice(0, 80)}" → double ${error.name}`);
      }
    } else if (error instanceof kv.CloudFrontKeyValueStoreServiceException || error instanceof cf.CloudFrontServiceException) {
      fail(`a service error that is not right: ${problem}: ${error.name}: ${error.message}`);
    } else {
      // Not a service error: it must be exactly what the bare SDK throws for this input. Every
      // kind is checked many times; past that, a sample (the oracle costs ~0.4 ms a call).
      const kind = `${spec.plane}:${spec.operation} SDK-own ${error?.name}: ${String(error?.message).slice(0, 60)}`;
      count(stats.outcomes, kind);
      if ((stats.outcomes.get(kind) ?? 0) > ORACLE_PER_KIND && c.sample >= 1 && !result.sync) return checkState(run, spec, c, input, result, before);
      const verdict = await oracle.verdict(spec.plane, spec.Command, input);
      stats.oracleCalls++;
      if (verdict.sent) fail(`the double threw ${error?.name}: ${error?.message} where the SDK would have sent the request\n${error?.stack}`);
      else if (verdict.error?.name !== error?.name || verdict.error?.message !== error?.message) {
        // Both refuse client-side, for different reasons: the SDK stumbles on a body member of the
        // wrong type before it encodes the query string. Allowed only for the SDK's documented
        // client-side errors, and reported.
        if (!documentedClientError(error)) {
          fail(`the double threw ${error?.name}: ${error?.message}; the SDK itself throws ${verdict.error?.name}: ${verdict.error?.message}\n${error?.stack}`);
        }
        count(stats.otherClientError, `${spec.plane}:${spec.operation}: SDK ${verdict.error?.name} "${String(verdict.error?.message).slice(0, 60)}" → double ${error?.name} "${String(error?.message).slice(0, 60)}"`);
      }
      if (result.sync && !verdict.sent && !verdict.sync) fail(`the double threw synchronously from send(): ${error?.name}: ${error?.message}`);
    }
  }
  return checkState(run, spec, c, input, result, before);
}

/** After one call: a failed call or a read changed nothing; a write left a sound state. */
async function checkState(run: Run, spec: Spec, c: FuzzCase, input: unknown, result: { ok: boolean }, before: string): Promise<string> {
  const { kvs, ctx } = run;
  const fail = (why: string) => {
    throw new Error(`${why}\n case: ${describeCase(spec, c, input)}`);
  };

  const after = digest(kvs, () => ctx.arns);
  if ((!result.ok || spec.read) && after !== before) {
    fail(`${result.ok ? 'a successful read' : 'a failed call'} changed the state\n before: ${before.slice(0, 2000)}\n after:  ${after.slice(0, 2000)}`);
  }
  if (result.ok && !spec.read) {
    const problems = liveStores(kvs, ctx.arns).flatMap((s) => storeProblems(s, run.quotas));
    if (problems.length > 0) fail(`after a successful write the state breaks an invariant:\n ${problems.join('\n ')}`);
    // The store's sorted index agrees with its pairs: a full ListKeys scan through the client.
    const arn = spec.plane === 'data' ? (input as Record<string, unknown>)['KvsARN'] : undefined;
    const store = typeof arn === 'string' ? state(ctx, arn) : undefined;
    if (store && store.Status === 'READY') {
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await run.clients.data[0]!.send(new kv.ListKeysCommand({ KvsARN: store.ARN, MaxResults: 50, ...(NextToken ? { NextToken } : {}) }));
        for (const item of page.Items ?? []) seen.push(item.Key!);
        NextToken = page.NextToken;
      } while (NextToken);
      const expected = Object.keys(store.Items).sort(byteOrder);
      if (seen.join('\u0001') !== expected.join('\u0001')) fail(`ListKeys scan ${JSON.stringify(seen)} is not the pairs in UTF-8 order ${JSON.stringify(expected)}`);
    }
  }
  return after;
}

describe('fuzzing: hostile input gets a modeled error or the SDK’s own, and changes nothing', () => {
  const inputs = envCount('KVS_FUZZ_INPUTS', 100_000);
  // Every run holds exactly CASES_PER_RUN cases, so the count of inputs is exact, not a chance.
  const runs = Math.ceil(inputs / CASES_PER_RUN);

  it(`survives ${inputs} fuzzed inputs across all ${SPECS.length} operations`, async () => {
    // One run in three with small quotas, so that quota errors are reached too.
    const quotas = fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ storeSizeBytes: fc.constantFrom(40, 200), keysPerUpdate: fc.constantFrom(2, 5), keyValueStoresPerAccount: fc.constantFrom(6, 8) }, { requiredKeys: [] }) },
    );
    const property = fc.asyncProperty(fc.integer(), quotas, fc.array(fuzzCase(SPECS.length, MAX_FIELDS), { minLength: CASES_PER_RUN, maxLength: CASES_PER_RUN, size: 'max' }), async (seed, q, cases) => {
      const run = await newRun(seed, q);
      let state = digest(run.kvs, () => run.ctx.arns);
      for (const c of cases) state = await fuzzOne(run, c, state);
    });
    await checkProperty(`survives ${inputs} fuzzed inputs`, FILE, property, runs);
    const report = {
      inputs: stats.inputs,
      oracleCalls: stats.oracleCalls,
      longestMessage: stats.longestMessage,
      outcomes: Object.fromEntries([...stats.outcomes].sort((a, b) => b[1] - a[1])),
      stricterThanTheSdk: Object.fromEntries([...stats.stricter].sort((a, b) => b[1] - a[1])),
      otherClientSideError: Object.fromEntries([...stats.otherClientError].sort((a, b) => b[1] - a[1])),
    };
    if (process.env['KVS_FUZZ_REPORT']) console.log(JSON.stringify(report, null, 2));
    expect(stats.inputs).toBeGreaterThanOrEqual(inputs);
    // Every operation was reached with both answers the double can give.
    for (const spec of SPECS) {
      const mine = [...stats.outcomes.keys()].filter((k) => k.startsWith(`${spec.plane}:${spec.operation} `));
      expect(mine.some((k) => k.endsWith(' ok'))).toBe(true);
      expect(mine.some((k) => !k.endsWith(' ok'))).toBe(true);
    }
  });
});
