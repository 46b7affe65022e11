import {
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { DescribeKeyValueStoreCommand as DescribeControl } from '@aws-sdk/client-cloudfront';
import type { CaseContext, ConformanceCase } from '../harness/case';
import { missingStoreArn } from '../harness/resources';

/** A READY store with `items` put through the data plane; its ARN and current data-plane ETag. */
async function storeWith(t: CaseContext, items: Record<string, string> = {}) {
  const { arn } = await t.res.store();
  let { ETag } = await t.data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
  const puts = Object.entries(items).map(([Key, Value]) => ({ Key, Value }));
  if (puts.length) ({ ETag } = await t.data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag!, Puts: puts })));
  return { arn, etag: ETag! };
}


const KEY_513_BYTES = 'é'.repeat(256) + 'a';

export const dataPlaneCases: ConformanceCase[] = [
  {
    id: 'data-stale-ifmatch',
    settles: 'D1',
    title: 'PutKey with a stale IfMatch',
    async run(t) {
      const { arn, etag } = await storeWith(t, { a: '1' });
      await t.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '2', IfMatch: etag }));
      const { answer } = await t.step('PutKey, stale IfMatch', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '3', IfMatch: etag }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'ValidationException', message: t.expect.stringContaining('Pre-Condition failed') } });
    },
  },
  {
    id: 'data-missing-ifmatch',
    settles: 'D2',
    title: 'PutKey without IfMatch',
    async run(t) {
      const { arn } = await storeWith(t);
      const { answer } = await t.step('PutKey, no IfMatch', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '1' } as never));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'ValidationException' } });
    },
  },
  {
    id: 'data-provisioning-store',
    settles: 'D3',
    title: 'a data-plane call on a store still PROVISIONING',
    simulator: { provisioningDelayMs: 60_000 },
    async run(t) {
      const { arn } = await t.res.storeNow();
      const { answer } = await t.step('DescribeKeyValueStore at once', t.data, new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      // AWS may be READY already: the recording says which.
      if (t.kvs) t.expect(answer).toMatchObject({ status: 409, error: { name: 'ConflictException' } });
    },
  },
  {
    id: 'data-deletekey-missing',
    settles: 'D4',
    title: 'DeleteKey of a key that is not there',
    async run(t) {
      const { arn, etag } = await storeWith(t, { a: '1' });
      const { answer } = await t.step('DeleteKey, missing key', t.data, new DeleteKeyCommand({ KvsARN: arn, Key: 'nope', IfMatch: etag }));
      t.expect(answer).toMatchObject({ status: 404, error: { name: 'ResourceNotFoundException' } });
    },
  },
  {
    id: 'data-updatekeys-atomic',
    settles: 'D5',
    title: 'UpdateKeys that deletes a missing key applies nothing',
    async run(t) {
      const { arn, etag } = await storeWith(t, { a: '1' });
      const { answer } = await t.step('UpdateKeys, put b and delete a missing key', t.data, new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts: [{ Key: 'b', Value: '2' }], Deletes: [{ Key: 'nope' }] }));
      t.expect(answer).toMatchObject({ status: 404, error: { name: 'ResourceNotFoundException' } });
      const after = await t.step('ListKeys after', t.data, new ListKeysCommand({ KvsARN: arn }));
      t.expect(after.output.Items).toEqual([{ Key: 'a', Value: '1' }]);
    },
  },
  {
    id: 'data-updatekeys-shape',
    settles: 'D5',
    title: 'UpdateKeys with a key twice, a key in both lists, or no item',
    async run(t) {
      const { arn, etag } = await storeWith(t, { a: '1' });
      const twice = await t.step('a key twice in Puts', t.data, new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts: [{ Key: 'x', Value: '1' }, { Key: 'x', Value: '2' }] }));
      const both = await t.step('a key in Puts and Deletes', t.data, new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts: [{ Key: 'a', Value: '2' }], Deletes: [{ Key: 'a' }] }));
      const none = await t.step('no item', t.data, new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag }));
      for (const { answer } of [twice, both, none]) t.expect(answer).toMatchObject({ status: 400, error: { name: 'ValidationException' } });
    },
  },
  {
    id: 'data-updatekeys-shape-first',
    settles: 'Caveat',
    title: 'UpdateKeys request-shape rules come before the store is looked up',
    async run(t) {
      const { arn, etag } = await storeWith(t);
      const { answer } = await t.step('a key twice, unknown store', t.data, new UpdateKeysCommand({ KvsARN: missingStoreArn(arn), IfMatch: etag, Puts: [{ Key: 'x', Value: '1' }, { Key: 'x', Value: '2' }] }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'ValidationException' } });
    },
  },
  {
    id: 'data-updatekeys-over-50',
    settles: 'D5',
    title: 'UpdateKeys with 51 puts',
    async run(t) {
      const { arn, etag } = await storeWith(t);
      const Puts = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      const { answer } = await t.step('51 puts', t.data, new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts }));
      t.expect(answer).toMatchObject({ status: 402, error: { name: 'ServiceQuotaExceededException' } });
    },
  },
  {
    id: 'data-sizes',
    settles: 'D6',
    title: 'a key over 512 bytes, a value over 1024 bytes, an empty value, a key over 1024 characters',
    async run(t) {
      const { arn, etag } = await storeWith(t);
      const key = await t.step('key of 513 UTF-8 bytes', t.data, new PutKeyCommand({ KvsARN: arn, Key: KEY_513_BYTES, Value: 'v', IfMatch: etag }));
      t.expect(key.answer).toMatchObject({ status: 402, error: { name: 'ServiceQuotaExceededException' } });
      const value = await t.step('value of 1025 UTF-8 bytes', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: '€'.repeat(341) + 'xy', IfMatch: etag }));
      t.expect(value.answer).toMatchObject({ status: 402, error: { name: 'ServiceQuotaExceededException' } });
      const empty = await t.step('empty value', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: '', IfMatch: etag }));
      t.expect(empty.answer).toMatchObject({ status: 200 });
      const long = await t.step('key of 1025 characters', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'x'.repeat(1025), Value: 'v', IfMatch: empty.output.ETag }));
      t.expect(long.answer).toMatchObject({ status: 400, error: { name: 'ValidationException', message: t.expect.stringMatching(/^1 validation error detected: Value at '.*' failed to satisfy constraint: /) } });
    },
  },
  {
    id: 'data-store-size-quota',
    settles: 'D6',
    title: 'a write that takes the store over 5 MB',
    simulatorOnly: 'filling a store to 5 MB takes about 70 full UpdateKeys batches; seeded here',
    async run(t) {
      const items = Array.from({ length: 3411 }, (_, i) => ({ key: `k${String(i).padStart(4, '0')}`.padEnd(512, 'k'), value: 'v'.repeat(1024) }));
      const arn = t.kvs!.seedStore({ items });
      const { ETag } = await t.data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      const { answer } = await t.step('PutKey past 5 MB', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'z'.repeat(512), Value: 'v'.repeat(1024), IfMatch: ETag! }));
      t.expect(answer).toMatchObject({ status: 402, error: { name: 'ServiceQuotaExceededException' } });
    },
  },
  {
    id: 'data-total-size',
    settles: 'D7',
    title: 'TotalSizeInBytes counts UTF-8 bytes of key and value plus one',
    async run(t) {
      const { arn } = await storeWith(t, { k: 'v', é: '€' });
      const { answer } = await t.step('DescribeKeyValueStore', t.data, new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      t.expect(answer.output).toMatchObject({ ItemCount: 2, TotalSizeInBytes: 3 + 6 });
    },
  },
  {
    id: 'data-writes-keep-control-etag',
    settles: 'D8',
    title: 'a data-plane write changes neither the control-plane ETag nor LastModifiedTime',
    async run(t) {
      const { arn, etag } = await storeWith(t);
      const name = t.res.created[0]!.name;
      const before = await t.control.send(new DescribeControl({ Name: name }));
      await t.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '1', IfMatch: etag }));
      const { output } = await t.step('control-plane DescribeKeyValueStore after a PutKey', t.control, new DescribeControl({ Name: name }));
      t.expect([output.ETag, output.KeyValueStore.LastModifiedTime]).toEqual([before.ETag, before.KeyValueStore!.LastModifiedTime]);
    },
  },
  {
    id: 'data-listkeys-order',
    settles: 'D9',
    title: 'ListKeys order (UTF-8 bytes) and a NextToken not issued for the store',
    async run(t) {
      const { arn } = await storeWith(t, { b: '1', a: '2', é: '3', Z: '4', '~': '5' });
      const { answer } = await t.step('ListKeys', t.data, new ListKeysCommand({ KvsARN: arn }));
      t.expect((answer.output as { Items: Array<{ Key: string }> }).Items.map((i) => i.Key)).toEqual(['Z', 'a', 'b', '~', 'é']);
      const bogus = await t.step('ListKeys, foreign NextToken', t.data, new ListKeysCommand({ KvsARN: arn, NextToken: 'bogus' }));
      t.expect(bogus.answer).toMatchObject({ status: 400, error: { name: 'ValidationException' } });
    },
  },
  {
    id: 'data-listkeys-paging',
    settles: 'Caveat',
    title: 'ListKeys of an empty store, and a NextToken whose last key was deleted since',
    async run(t) {
      const empty = await storeWith(t);
      const none = await t.step('ListKeys, empty store', t.data, new ListKeysCommand({ KvsARN: empty.arn }));
      t.expect(none.answer.output).toEqual({ Items: [] });
      const { arn, etag } = await storeWith(t, { a: '1', b: '2', c: '3' });
      const first = await t.step('ListKeys, MaxResults 1', t.data, new ListKeysCommand({ KvsARN: arn, MaxResults: 1 }));
      await t.data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: etag }));
      const rest = await t.step('ListKeys from the token after a is deleted', t.data, new ListKeysCommand({ KvsARN: arn, NextToken: first.output.NextToken }));
      t.expect(rest.output.Items.map((i: { Key: string }) => i.Key)).toEqual(['b', 'c']);
    },
  },
  {
    id: 'data-lone-surrogate',
    settles: 'Caveat',
    title: 'a value with a lone surrogate',
    async run(t) {
      const { arn, etag } = await storeWith(t);
      const { answer } = await t.step('PutKey, value "\\ud800"', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: '\ud800', IfMatch: etag }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'ValidationException' } });
    },
  },
  {
    id: 'data-check-order',
    settles: 'Caveat',
    title: 'a stale IfMatch and a value over the quota: which error wins',
    async run(t) {
      const { arn, etag } = await storeWith(t, { a: '1' });
      await t.data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '2', IfMatch: etag }));
      const { answer } = await t.step('PutKey, stale and oversized', t.data, new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: 'x'.repeat(1025), IfMatch: etag }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'ValidationException', message: t.expect.stringContaining('Pre-Condition failed') } });
    },
  },
  {
    id: 'data-long-key-read-delete',
    settles: 'Caveat',
    title: 'GetKey and DeleteKey of a key over 512 bytes',
    async run(t) {
      const { arn, etag } = await storeWith(t);
      const get = await t.step('GetKey, 513-byte key', t.data, new GetKeyCommand({ KvsARN: arn, Key: KEY_513_BYTES }));
      t.expect(get.answer).toMatchObject({ status: 404, error: { name: 'ResourceNotFoundException' } });
      const del = await t.step('DeleteKey, 513-byte key', t.data, new DeleteKeyCommand({ KvsARN: arn, Key: KEY_513_BYTES, IfMatch: etag }));
      t.expect(del.answer).toMatchObject({ status: 402, error: { name: 'ServiceQuotaExceededException' } });
    },
  },
];
