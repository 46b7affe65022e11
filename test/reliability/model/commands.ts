/**
 * Random command sequences for the model-based test: abstract commands (which store, which
 * key, which kind of ETag) that the interpreter turns into concrete SDK inputs against the
 * state of the moment, so that a shrunk counterexample still makes sense.
 */
import fc from 'fast-check';
import * as cf from '@aws-sdk/client-cloudfront';
import * as kv from '@aws-sdk/client-cloudfront-keyvaluestore';
import { Divergence, type Call, type Lockstep } from './lockstep';
import type { Outcome } from './outcome';
import type { ModelQuotas, ReferenceKvs } from './reference-kvs';

/** Keys collide often on purpose; several are unusual for a JavaScript object. */
export const KEYS = ['a', 'b', 'é', '😀', 'ｱ', '__proto__', 'a/b', 'constructor'] as const;
const ODD_KEYS = ['', 'k'.repeat(1025), 'é'.repeat(300), '\uD800', undefined] as const;
const VALUES = ['', 'v', 'w', 'ü', '😀', 'x'.repeat(8)] as const;
const ODD_VALUES = ['y'.repeat(1025), '\uDC00', undefined] as const;
export const NAMES = ['s1', 's2', 's3'] as const;
const ODD_NAMES = ['', 'bad name!', 'n'.repeat(65), 'é'] as const;

export const ACCOUNT_A = '123456789012';
export const ACCOUNT_B = '210987654321';
export const UNKNOWN_ACCOUNT = '999999999999';

/** S3 objects every run registers for ImportSource, by object ARN. */
export const S3_OBJECTS: Record<string, string> = {
  'arn:aws:s3:::bucket/good.json': JSON.stringify({ data: [{ key: 'a', value: '1' }, { key: 'é', value: '2' }, { key: '__proto__', value: '3' }] }),
  'arn:aws:s3:::bucket/empty.json': '{"data":[]}',
  'arn:aws:s3:::bucket/dup.json': '{"data":[{"key":"a","value":"1"},{"key":"a","value":"2"}]}',
  'arn:aws:s3:::bucket/not-json.json': 'not json',
  'arn:aws:s3:::bucket/shape.json': '{"data":[{"key":1,"value":"x"}]}',
  'arn:aws:s3:::bucket/no-data.json': '{"items":[]}',
  'arn:aws:s3:::bucket/empty-key.json': '{"data":[{"key":"","value":"x"}]}',
  'arn:aws:s3:::bucket/big-value.json': JSON.stringify({ data: [{ key: 'b', value: 'z'.repeat(1025) }] }),
  'arn:aws:s3:::bucket/lone.json': '{"data":[{"key":"\\ud800","value":"x"}]}',
};
const SOURCES = [...Object.keys(S3_OBJECTS), 'arn:aws:s3:::bucket/missing.json'];
const BAD_SOURCES = ['arn:aws:s3:::bucket', 's3://bucket/good.json', 'arn:aws:s3:::/x'];

export type KeyPick = { key: string | undefined };
export type EtagPick = 'current' | 'stale' | 'other-store' | 'other-plane' | 'missing' | 'empty' | 'garbage';
export type StorePick = { index: number } | 'unknown' | 'foreign';

export type Write =
  | { op: 'put'; key: string | undefined; value: string | undefined }
  | { op: 'delete'; key: string | undefined }
  | { op: 'update'; puts?: Array<[string | undefined, string | undefined]>; deletes?: Array<string | undefined> }
  /** Puts, and deletes of keys that exist then (picked by position when the command runs). */
  | { op: 'bulk'; puts: Array<[string, string]>; deleteExisting: number[] }
  | { op: 'get'; key: string | undefined }
  | { op: 'describe' }
  | { op: 'list'; max?: number };

export type Command =
  | { op: 'tick'; ms: number }
  | { op: 'create'; client: number; name: string; comment?: string; source?: { SourceType: string; SourceARN: string }; tags?: Array<[string, string]> }
  | { op: 'describe-control'; client: number; name: string | undefined }
  | { op: 'update-control'; client: number; name: string; comment: string | undefined; etag: EtagPick; n: number }
  | { op: 'delete-control'; client: number; name: string; etag: EtagPick; n: number }
  | { op: 'list-stores'; client: number; max?: number; status?: string; pages: number }
  | { op: 'describe-data'; store: StorePick }
  | { op: 'get'; store: StorePick; key: string | undefined }
  | { op: 'list'; store: StorePick; sizes: Array<number | undefined>; resume: 'none' | 'any' | 'garbage'; pages: number; n: number }
  | { op: 'write'; store: StorePick; write: Write; etag: EtagPick; n: number; client: number }
  | { op: 'race'; store: StorePick; a: Write; b: Write; sameClient: boolean }
  | { op: 'race-control'; name: string; a: 'update' | 'delete'; b: 'update' | 'delete' }
  | { op: 'tags'; client: number; store: StorePick; kind: 'list' | 'tag' | 'untag'; tags: Array<[string, string]> }
  /** The SDK's own paginators, which follow the tokens themselves. */
  | { op: 'paginate'; store: StorePick; pageSize: number; client: number }
  | { op: 'paginate-stores'; client: number; pageSize: number };

const key = fc.oneof({ weight: 12, arbitrary: fc.constantFrom<string | undefined>(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...ODD_KEYS) });
const value = fc.oneof({ weight: 12, arbitrary: fc.constantFrom<string | undefined>(...VALUES) }, { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...ODD_VALUES) });
const name = fc.oneof({ weight: 10, arbitrary: fc.constantFrom<string>(...NAMES) }, { weight: 1, arbitrary: fc.constantFrom<string>(...ODD_NAMES) });
const etag = fc.oneof(
  { weight: 10, arbitrary: fc.constant<EtagPick>('current') },
  { weight: 4, arbitrary: fc.constantFrom<EtagPick>('stale', 'other-store', 'other-plane', 'missing', 'empty', 'garbage') },
);
const store = fc.oneof(
  { weight: 12, arbitrary: fc.nat(5).map((index): StorePick => ({ index })) },
  { weight: 1, arbitrary: fc.constantFrom<StorePick>('unknown', 'foreign') },
);
const controlClient = fc.constantFrom(0, 0, 0, 1, 2);
const pageSize = fc.constantFrom<number | undefined>(undefined, 1, 1, 2, 2, 3, 10, 50, 0, 51);
const comment = fc.constantFrom<string | undefined>(undefined, '', 'c', 'ç'.repeat(128), 'x'.repeat(129));
const tagPairs = fc.array(fc.tuple(fc.constantFrom('team', 'env', 'a:b', 'x y'), fc.constantFrom('', 'blue', 'é')), { maxLength: 3 }).map((pairs) => [...new Map(pairs)]);

const write: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('put' as const), key, value }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        op: fc.constant('update' as const),
        puts: fc.array(fc.tuple(key, value), { maxLength: 4 }),
        deletes: fc.array(key, { maxLength: 3 }),
      },
      { requiredKeys: ['op'] },
    ),
  },
);
const read: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ op: fc.constant('get' as const), key }),
  fc.constant<Write>({ op: 'describe' }),
  fc.record({ op: fc.constant('list' as const), max: fc.constantFrom(1, 2, 50) }),
);

export const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.constantFrom(400, 1000) }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        op: fc.constant('create' as const),
        client: controlClient,
        name,
        comment: comment.filter((c): c is string => c !== undefined),
        source: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...SOURCES).map((SourceARN) => ({ SourceType: 'S3', SourceARN })) },
          { weight: 1, arbitrary: fc.constantFrom(...BAD_SOURCES).map((SourceARN) => ({ SourceType: 'S3', SourceARN })) },
          { weight: 1, arbitrary: fc.constant({ SourceType: 'S4', SourceARN: 'arn:aws:s3:::bucket/good.json' }) },
        ),
        tags: tagPairs,
      },
      { requiredKeys: ['op', 'client', 'name'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('describe-control' as const), client: controlClient, name: fc.option(name, { nil: undefined, freq: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update-control' as const), client: controlClient, name, comment, etag, n: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete-control' as const), client: controlClient, name, etag, n: fc.nat(7) }) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        op: fc.constant('list-stores' as const),
        client: controlClient,
        max: fc.constantFrom(1, 2, 100),
        status: fc.constantFrom('READY', 'PROVISIONING', 'IMPORT_FAILURE'),
        pages: fc.integer({ min: 1, max: 4 }),
      },
      { requiredKeys: ['op', 'client', 'pages'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('describe-data' as const), store }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('get' as const), store, key }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('list' as const),
      store,
      sizes: fc.array(pageSize, { minLength: 1, maxLength: 3 }),
      resume: fc.constantFrom<'none' | 'any' | 'garbage'>('none', 'none', 'any', 'garbage'),
      pages: fc.integer({ min: 1, max: 6 }),
      n: fc.nat(20),
    }),
  },
  { weight: 12, arbitrary: fc.record({ op: fc.constant('write' as const), store, write, etag, n: fc.nat(7), client: fc.constantFrom(0, 1) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('race' as const), store, a: write, b: fc.oneof({ weight: 3, arbitrary: write }, { weight: 1, arbitrary: read }), sameClient: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('race-control' as const), name: fc.constantFrom(...NAMES), a: fc.constantFrom<'update' | 'delete'>('update', 'delete'), b: fc.constantFrom<'update' | 'delete'>('update', 'update', 'delete') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tags' as const), client: controlClient, store, kind: fc.constantFrom<'list' | 'tag' | 'untag'>('list', 'tag', 'untag'), tags: tagPairs }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('paginate' as const), store, pageSize: fc.constantFrom(1, 2, 3, 50), client: fc.constantFrom(0, 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('paginate-stores' as const), client: controlClient, pageSize: fc.constantFrom(1, 2, 100) }) },
);

/** A sequence: a few stores first so that most commands find one, then anything. */
export const sequence: fc.Arbitrary<Command[]> = fc
  .tuple(
    fc.array(
      fc.record({ op: fc.constant('create' as const), client: fc.constantFrom(0, 0, 2), name: fc.constantFrom(...NAMES) }, { requiredKeys: ['op', 'client', 'name'] }),
      { minLength: 1, maxLength: 3 },
    ),
    fc.array(command, { minLength: 5, maxLength: 40, size: 'medium' }),
  )
  .map(([creates, rest]) => [...creates, ...rest]);

/** Small quotas so that every quota edge is reached with a handful of small keys. */
export const smallQuotas: fc.Arbitrary<Partial<ModelQuotas>> = fc.record(
  {
    keyValueStoresPerAccount: fc.constantFrom(1, 2, 3),
    storeSizeBytes: fc.constantFrom(12, 30, 60),
    keySizeBytes: fc.constantFrom(2, 4, 9),
    valueSizeBytes: fc.constantFrom(1, 3, 8),
    keysPerUpdate: fc.constantFrom(1, 2, 3),
    updatePayloadBytes: fc.constantFrom(4, 10, 40),
    importFileSizeBytes: fc.constantFrom(40, 120, 5_000),
  },
  { requiredKeys: [] },
);

function arnFor(model: ReferenceKvs, pick: StorePick): string {
  const stores = model.state.stores;
  if (pick === 'foreign') return `arn:aws:cloudfront::${UNKNOWN_ACCOUNT}:key-value-store/5e4d4ab5-0b4f-4e0c-9a3e-0c2b7c1f0a11`;
  if (pick === 'unknown' || stores.length === 0) return `arn:aws:cloudfront::${ACCOUNT_A}:key-value-store/00000000-0000-4000-8000-000000000000`;
  return model.arnOf(stores[pick.index % stores.length]!);
}

function dataEtag(model: ReferenceKvs, arn: string, pick: EtagPick, n: number): string | undefined {
  const s = model.storeByArn(arn);
  const others = model.state.stores.filter((o) => o !== s);
  switch (pick) {
    case 'current':
      return s?.etag ?? 'KV0000000000000';
    case 'stale':
      return s && s.etags.length > 1 ? s.etags[n % (s.etags.length - 1)] : 'KV0000000000001';
    case 'other-store':
      return others.length > 0 ? others[n % others.length]!.etag : 'KV0000000000002';
    case 'other-plane':
      return s?.controlEtag ?? 'E000000000000';
    case 'missing':
      return undefined;
    case 'empty':
      return '';
    case 'garbage':
      return 'KVNOTANETAG0000';
  }
}

function controlEtag(model: ReferenceKvs, accountId: string, name: string, pick: EtagPick, n: number): string | undefined {
  const s = model.liveStore(accountId, name);
  switch (pick) {
    case 'current':
      return s?.controlEtag ?? 'E000000000000';
    case 'stale':
      return s && s.controlEtags.length > 1 ? s.controlEtags[n % (s.controlEtags.length - 1)] : 'E000000000001';
    case 'other-store': {
      const others = model.state.stores.filter((o) => o !== s);
      return others.length > 0 ? others[n % others.length]!.controlEtag : 'E000000000002';
    }
    case 'other-plane':
      return s?.etag ?? 'KV0000000000000';
    case 'missing':
      return undefined;
    case 'empty':
      return '';
    case 'garbage':
      return 'ENOTANETAG000';
  }
}

function writeCall(arn: string, w: Write, ifMatch: string | undefined, client: number): Call {
  const withEtag = (input: Record<string, unknown>) => (ifMatch === undefined ? input : { ...input, IfMatch: ifMatch });
  switch (w.op) {
    case 'put':
      return { plane: 'data', client, operation: 'PutKey', input: withEtag({ KvsARN: arn, Key: w.key, Value: w.value }) };
    case 'delete':
      return { plane: 'data', client, operation: 'DeleteKey', input: withEtag({ KvsARN: arn, Key: w.key }) };
    case 'update': {
      const input: Record<string, unknown> = { KvsARN: arn };
      if (w.puts) input['Puts'] = w.puts.map(([Key, Value]) => ({ Key, Value }));
      if (w.deletes) input['Deletes'] = w.deletes.map((Key) => ({ Key }));
      return { plane: 'data', client, operation: 'UpdateKeys', input: withEtag(input) };
    }
    case 'bulk':
      throw new Error('resolve a bulk write with resolveBulk() first');
    case 'get':
      return { plane: 'data', client, operation: 'GetKey', input: { KvsARN: arn, Key: w.key } };
    case 'describe':
      return { plane: 'data', client, operation: 'DescribeKeyValueStore', input: { KvsARN: arn } };
    case 'list':
      return { plane: 'data', client, operation: 'ListKeys', input: { KvsARN: arn, MaxResults: w.max } };
  }
}

/** Runs one abstract command through both the double and the model. */
export async function run(step: Lockstep, cmd: Command, tick: (ms: number) => void): Promise<void> {
  const model = () => step.model;
  const accountOf = (client: number) => step.clients.control[client]!.accountId;
  switch (cmd.op) {
    case 'tick':
      tick(cmd.ms);
      return;
    case 'create': {
      const input: Record<string, unknown> = { Name: cmd.name };
      if (cmd.comment !== undefined) input['Comment'] = cmd.comment;
      if (cmd.source) input['ImportSource'] = cmd.source;
      if (cmd.tags && cmd.tags.length > 0) input['Tags'] = { Items: cmd.tags.map(([Key, Value]) => ({ Key, Value })) };
      await step.call({ plane: 'control', client: cmd.client, operation: 'CreateKeyValueStore', input });
      return;
    }
    case 'describe-control':
      await step.call({ plane: 'control', client: cmd.client, operation: 'DescribeKeyValueStore', input: { Name: cmd.name } });
      return;
    case 'update-control':
    case 'delete-control': {
      const IfMatch = controlEtag(model(), accountOf(cmd.client), cmd.name, cmd.etag, cmd.n);
      const input: Record<string, unknown> = { Name: cmd.name, IfMatch };
      if (cmd.op === 'update-control') input['Comment'] = cmd.comment;
      await step.call({ plane: 'control', client: cmd.client, operation: cmd.op === 'update-control' ? 'UpdateKeyValueStore' : 'DeleteKeyValueStore', input });
      return;
    }
    case 'list-stores': {
      let Marker: string | undefined;
      for (let page = 0; page < cmd.pages; page++) {
        const input = { MaxItems: cmd.max, Status: cmd.status, Marker };
        const answer = await step.call({ plane: 'control', client: cmd.client, operation: 'ListKeyValueStores', input });
        Marker = answer.ok ? (answer.value['KeyValueStoreList'] as { NextMarker?: string } | undefined)?.NextMarker : undefined;
        if (!Marker) return;
      }
      return;
    }
    case 'describe-data':
      await step.call({ plane: 'data', client: 0, operation: 'DescribeKeyValueStore', input: { KvsARN: arnFor(model(), cmd.store) } });
      return;
    case 'get':
      await step.call({ plane: 'data', client: 0, operation: 'GetKey', input: { KvsARN: arnFor(model(), cmd.store), Key: cmd.key } });
      return;
    case 'list': {
      const KvsARN = arnFor(model(), cmd.store);
      let NextToken: string | undefined;
      if (cmd.resume === 'any') {
        const issued = [...model().state.tokens.keys()];
        NextToken = issued.length > 0 ? issued[cmd.n % issued.length] : undefined;
      } else if (cmd.resume === 'garbage') NextToken = 'hVTTZndkpBZ0VRZ0R1RF';
      for (let page = 0; page < cmd.pages; page++) {
        const input: Record<string, unknown> = { KvsARN, MaxResults: cmd.sizes[page % cmd.sizes.length] };
        if (NextToken !== undefined) input['NextToken'] = NextToken;
        const answer = await step.call({ plane: 'data', client: page % 2, operation: 'ListKeys', input });
        NextToken = answer.ok ? (answer.value['NextToken'] as string | undefined) : undefined;
        if (NextToken === undefined) return;
      }
      return;
    }
    case 'write': {
      const arn = arnFor(model(), cmd.store);
      await step.call(writeCall(arn, resolveBulk(model(), arn, cmd.write), dataEtag(model(), arn, cmd.etag, cmd.n), cmd.client));
      return;
    }
    case 'race': {
      const arn = arnFor(model(), cmd.store);
      const ifMatch = dataEtag(model(), arn, 'current', 0);
      await step.race(writeCall(arn, resolveBulk(model(), arn, cmd.a), ifMatch, 0), writeCall(arn, resolveBulk(model(), arn, cmd.b), ifMatch, cmd.sameClient ? 0 : 1));
      return;
    }
    case 'race-control': {
      const IfMatch = controlEtag(model(), accountOf(0), cmd.name, 'current', 0);
      const call = (op: 'update' | 'delete', client: number): Call =>
        op === 'update'
          ? { plane: 'control', client, operation: 'UpdateKeyValueStore', input: { Name: cmd.name, IfMatch, Comment: `by ${client}` } }
          : { plane: 'control', client, operation: 'DeleteKeyValueStore', input: { Name: cmd.name, IfMatch } };
      await step.race(call(cmd.a, 0), call(cmd.b, 1));
      return;
    }
    case 'paginate': {
      const KvsARN = arnFor(model(), cmd.store);
      // The first page decides: an error there is the paginator's error.
      const first = model().clone().data('ListKeys', { KvsARN, MaxResults: cmd.pageSize });
      const client = step.clients.data[cmd.client]! as kv.CloudFrontKeyValueStoreClient;
      const pages: Array<Array<{ Key?: string; Value?: string }>> = [];
      let error: any;
      try {
        for await (const page of kv.paginateListKeys({ client, pageSize: cmd.pageSize }, { KvsARN })) pages.push(page.Items ?? []);
      } catch (e) {
        error = e;
      }
      const store = model().storeByArn(KvsARN);
      const expected = first.kind === 'ok' && store ? model().sortedItems(store).map(([Key, Value]) => ({ Key, Value })) : undefined;
      const why = paginationProblem(first, error, pages, expected, cmd.pageSize);
      if (why) throw new Divergence(`paginateListKeys(${cmd.pageSize}) of ${KvsARN}: ${why}\n${step.history()}`);
      return;
    }
    case 'paginate-stores': {
      const { client, accountId } = step.clients.control[cmd.client]!;
      const pages: Array<Array<Record<string, unknown>>> = [];
      let error: any;
      try {
        for await (const page of cf.paginateListKeyValueStores({ client: client as cf.CloudFrontClient, pageSize: cmd.pageSize }, {})) pages.push((page.KeyValueStoreList?.Items ?? []) as unknown as Array<Record<string, unknown>>);
      } catch (e) {
        error = e;
      }
      const live = model().state.stores.filter((s) => !s.deleted && s.accountId === accountId).map((s) => model().controlView(s));
      const problem = paginationProblem({ kind: 'ok', status: 200, output: {} }, error, pages, live, cmd.pageSize);
      if (problem) throw new Divergence(`paginateListKeyValueStores(${cmd.pageSize}) for ${accountId}: ${problem}\n${step.history()}`);
      return;
    }
    case 'tags': {
      const Resource = arnFor(model(), cmd.store);
      const operation = cmd.kind === 'list' ? 'ListTagsForResource' : cmd.kind === 'tag' ? 'TagResource' : 'UntagResource';
      const input: Record<string, unknown> = { Resource };
      if (cmd.kind === 'tag') input['Tags'] = { Items: cmd.tags.map(([Key, Value]) => ({ Key, Value })) };
      if (cmd.kind === 'untag') input['TagKeys'] = { Items: cmd.tags.map(([k]) => k) };
      await step.call({ plane: 'control', client: cmd.client, operation, input });
      return;
    }
  }
}

/** A bulk write as UpdateKeys: its deletes are keys the store holds now, none of them also put. */
function resolveBulk(model: ReferenceKvs, arn: string, w: Write): Write {
  if (w.op !== 'bulk') return w;
  const held = model.storeByArn(arn) ? model.sortedItems(model.storeByArn(arn)!).map(([k]) => k) : [];
  const putKeys = new Set(w.puts.map(([k]) => k));
  const deletes = held.length === 0 ? [] : [...new Set(w.deleteExisting.map((i) => held[i % held.length]!))].filter((k) => !putKeys.has(k));
  return { op: 'update', puts: w.puts, deletes };
}

/** Keys over a wide alphabet, so that stores grow past the index's 512-key chunks; some sort differently in UTF-16 and UTF-8. */
const wideKey = fc.tuple(fc.constantFrom('k', 'é', '😀', 'ｱ', 'Z', '~', '\u007f', '\uE000', ''), fc.nat(2999)).map(([prefix, n]) => `${prefix}${n}`);

const bulkWrite: fc.Arbitrary<Write> = fc.record({
  op: fc.constant('bulk' as const),
  puts: fc.uniqueArray(fc.tuple(wideKey, fc.constantFrom('', 'v', 'ü')), { minLength: 25, maxLength: 48, selector: ([k]) => k, size: 'max' }),
  deleteExisting: fc.array(fc.nat(), { maxLength: 5 }),
});

/** Big stores: bulk writes of up to 50 keys, single writes, and long ListKeys walks with odd page sizes. */
export const bigSequence: fc.Arbitrary<Command[]> = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.record({ op: fc.constant('write' as const), store: fc.constant<StorePick>({ index: 0 }), write: bulkWrite, etag: fc.constant<EtagPick>('current'), n: fc.constant(0), client: fc.constantFrom(0, 1) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('write' as const), store: fc.constant<StorePick>({ index: 0 }), write: fc.oneof(fc.record({ op: fc.constant('put' as const), key: wideKey, value: fc.constant('p') }), fc.record({ op: fc.constant('delete' as const), key: wideKey })), etag: fc.constant<EtagPick>('current'), n: fc.constant(0), client: fc.constant(0) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant('list' as const),
          store: fc.constant<StorePick>({ index: 0 }),
          sizes: fc.array(fc.constantFrom<number | undefined>(50, 49, 17, 10, undefined, 1), { minLength: 1, maxLength: 3 }),
          resume: fc.constantFrom<'none' | 'any'>('none', 'none', 'any'),
          pages: fc.integer({ min: 5, max: 60 }),
          n: fc.nat(50),
        }),
      },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('get' as const), store: fc.constant<StorePick>({ index: 0 }), key: wideKey }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('race' as const), store: fc.constant<StorePick>({ index: 0 }), a: bulkWrite, b: fc.record({ op: fc.constant('list' as const), max: fc.constant(50) }), sameClient: fc.boolean() }) },
    ),
    { minLength: 30, maxLength: 50, size: 'max' },
  )
  .map((rest): Command[] => [{ op: 'create', client: 0, name: 's1' }, ...rest]);

/** Why a paginator's pages are not the model's list cut in pages of `size`, or undefined. */
function paginationProblem(first: Outcome, error: any, pages: unknown[][], expected: unknown[] | undefined, size: number): string | undefined {
  if (first.kind !== 'ok') {
    if (!error) return `expected ${first.name}, got ${pages.length} pages`;
    return error.name === first.name ? undefined : `expected ${first.name}, got ${error.name}: ${error.message}`;
  }
  if (error) return `threw ${error.name}: ${error.message}`;
  const all = normalise(pages.flat());
  const want = normalise(expected);
  if (all !== want) return `got ${all.slice(0, 400)}, expected ${want.slice(0, 400)}`;
  if (pages.some((page, i) => page.length > size || (i < pages.length - 1 && page.length !== size))) return `page sizes ${pages.map((p) => p.length).join(',')} for pages of ${size}`;
  return undefined;
}

/** JSON with sorted keys, no undefined members, dates as ISO text. */
function normalise(value: unknown): string {
  return JSON.stringify(value, (_, v) => {
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => [k, v[k]]));
    return v;
  });
}
