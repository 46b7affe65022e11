import {
  CreateFunctionCommand,
  CreateKeyValueStoreCommand,
  DeleteFunctionCommand,
  DeleteKeyValueStoreCommand,
  DescribeFunctionCommand,
  DescribeKeyValueStoreCommand as DescribeControl,
  ListTagsForResourceCommand,
  PublishFunctionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCommand,
  UpdateKeyValueStoreCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront';
import {
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  UpdateKeysCommand,
  type CloudFrontKeyValueStoreClient,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { KvsSimulator } from '../../../src';
import type { StateFile } from '../../../src/server/state';

const code = (text: string) => new TextEncoder().encode(text);
const SOURCE = 'arn:aws:s3:::state-bucket/import.json';

interface Clients {
  data: CloudFrontKeyValueStoreClient;
  control: CloudFrontClient;
}

async function createStore({ control }: Clients, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const out = await control.send(new CreateKeyValueStoreCommand({ Name: name, ...extra }));
  return out.KeyValueStore!.ARN!;
}

async function etagOf({ data }: Clients, arn: string): Promise<string> {
  return (await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).ETag!;
}

/** A chain of key writes on one store, each with the ETag the one before returned. */
async function keyWrites(clients: Clients, arn: string, prefix: string, count: number): Promise<void> {
  let etag = await etagOf(clients, arn);
  for (let i = 0; i < count; i++) {
    if (i % 3 === 2) {
      etag = (await clients.data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts: [{ Key: `${prefix}u${i}`, Value: `v${i}` }], Deletes: [{ Key: `${prefix}${i - 1}` }] }))).ETag!;
    } else {
      etag = (await clients.data.send(new PutKeyCommand({ KvsARN: arn, Key: `${prefix}${i}`, Value: `value ${i} ✓`, IfMatch: etag }))).ETag!;
    }
  }
}

/**
 * Every kind of write the state file keeps, through real clients: stores created (one from an
 * S3 import), keys put, updated and deleted (chains on four stores at once), a store's comment
 * changed, tags added and removed, a store deleted, functions created, updated, published,
 * tagged and deleted. `admin` runs after the S3 object is put, as a server's admin API would.
 */
export async function workload(kvs: KvsSimulator, clients: Clients, state: () => StateFile): Promise<{ alpha: string; beta: string }> {
  const { data, control } = clients;
  const alpha = await createStore(clients, 'alpha', { Comment: 'first' });
  kvs.putS3Object(SOURCE, { data: [{ key: 'imported', value: 'from S3' }, { key: 'second', value: '2' }] });
  await state().afterAdmin();
  const beta = await createStore(clients, 'beta', { ImportSource: { SourceType: 'S3', SourceARN: SOURCE } });
  const more = await Promise.all(['c1', 'c2'].map((name) => createStore(clients, name)));
  await Promise.all([alpha, beta, ...more].map((arn, i) => keyWrites(clients, arn, `s${i}-`, 7)));
  await data.send(new DeleteKeyCommand({ KvsARN: alpha, Key: 's0-0', IfMatch: await etagOf(clients, alpha) }));

  const alphaControl = (await control.send(new DescribeControl({ Name: 'alpha' }))).ETag!;
  await control.send(new UpdateKeyValueStoreCommand({ Name: 'alpha', Comment: 'renamed comment', IfMatch: alphaControl }));
  await control.send(new TagResourceCommand({ Resource: alpha, Tags: { Items: [{ Key: 'team', Value: 'edge' }, { Key: 'env', Value: 'test' }, { Key: 'x', Value: '' }] } }));
  await control.send(new UntagResourceCommand({ Resource: alpha, TagKeys: { Items: ['env'] } }));
  const gamma = (await control.send(new CreateKeyValueStoreCommand({ Name: 'gamma' }))).ETag!;
  await control.send(new DeleteKeyValueStoreCommand({ Name: 'gamma', IfMatch: gamma }));

  const config = { Comment: 'redirects', Runtime: 'cloudfront-js-2.0' as const, KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: alpha }] } };
  let fnEtag = (await control.send(new CreateFunctionCommand({ Name: 'redirect', FunctionConfig: config, FunctionCode: code('function handler(e) { return e.request; }') }))).ETag!;
  fnEtag = (await control.send(new UpdateFunctionCommand({ Name: 'redirect', IfMatch: fnEtag, FunctionConfig: config, FunctionCode: code('function handler(e) { return e.request; } // v2') }))).ETag!;
  await control.send(new PublishFunctionCommand({ Name: 'redirect', IfMatch: fnEtag }));
  await control.send(new UpdateFunctionCommand({ Name: 'redirect', IfMatch: fnEtag, FunctionConfig: { ...config, Comment: 'v3' }, FunctionCode: code('function handler(e) { return e.request; } // v3') }));
  const fnArn = (await control.send(new DescribeFunctionCommand({ Name: 'redirect' }))).FunctionSummary!.FunctionMetadata!.FunctionARN!;
  await control.send(new TagResourceCommand({ Resource: fnArn, Tags: { Items: [{ Key: 'owner', Value: 'me' }] } }));
  const gone = (await control.send(new CreateFunctionCommand({ Name: 'gone', FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-1.0' }, FunctionCode: code('function handler(e) { return e.request; }') }))).ETag!;
  await control.send(new DeleteFunctionCommand({ Name: 'gone', IfMatch: gone }));
  return { alpha, beta };
}

/** What a caller reads of the state: keys, both planes' ETags, functions' stages, tags. */
export async function answers(clients: Clients, stores: string[]): Promise<unknown> {
  const { data, control } = clients;
  const out: Record<string, unknown> = {};
  for (const arn of stores) {
    const { $metadata: _d, ...described } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    const { $metadata: _l, ...keys } = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 3 }));
    const { $metadata: _g, ...imported } = await data.send(new GetKeyCommand({ KvsARN: arn, Key: 's1-0' })).catch((error: Error) => ({ $metadata: 0, error: error.name }));
    const { $metadata: _t, ...tags } = await control.send(new ListTagsForResourceCommand({ Resource: arn }));
    out[arn] = { described, keys, imported, tags };
  }
  const stages: Record<string, unknown> = {};
  for (const Stage of ['DEVELOPMENT', 'LIVE'] as const) {
    const { $metadata: _f, ...fn } = await control.send(new DescribeFunctionCommand({ Name: 'redirect', Stage }));
    stages[Stage] = fn;
  }
  const alphaControl = await control.send(new DescribeControl({ Name: 'alpha' }));
  return { stores: out, stages, alphaControl: { ETag: alphaControl.ETag, KeyValueStore: alphaControl.KeyValueStore } };
}
