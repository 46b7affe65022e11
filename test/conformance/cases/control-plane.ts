import {
  CreateKeyValueStoreCommand,
  DescribeKeyValueStoreCommand,
  ListKeyValueStoresCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';
import type { ConformanceCase } from '../harness/case';
import { missingStoreArn } from '../harness/resources';


export const controlPlaneCases: ConformanceCase[] = [
  {
    id: 'control-create-location',
    settles: 'D13',
    title: "CreateKeyValueStore's answer and Location header",
    async run(t) {
      const name = t.res.track('store', t.res.name());
      const { answer } = await t.step('CreateKeyValueStore', t.control, new CreateKeyValueStoreCommand({ Name: name, Comment: 'c', Tags: t.res.tags() }));
      t.expect(answer).toMatchObject({ status: 201, output: { Location: 'https://cloudfront.amazonaws.com/2020-05-31/key-value-store/arn:aws:cloudfront::<account>:key-value-store/<id>' } });
    },
  },
  {
    id: 'control-import-missing-object',
    settles: 'D11',
    title: 'an import from an S3 object that cannot be read',
    async run(t) {
      const name = t.res.track('store', t.res.name());
      const source = { SourceType: 'S3' as const, SourceARN: `arn:aws:s3:::${t.res.prefix}-no-such-bucket/none.json` };
      const created = await t.step('CreateKeyValueStore with ImportSource', t.control, new CreateKeyValueStoreCommand({ Name: name, ImportSource: source, Tags: t.res.tags() }));
      if (created.error) return;
      await t.res.settled(name);
      const { answer } = await t.step('DescribeKeyValueStore once settled', t.control, new DescribeKeyValueStoreCommand({ Name: name }));
      t.expect(answer.output).toMatchObject({ KeyValueStore: { Status: 'IMPORT_FAILURE' } });
    },
  },
  {
    id: 'control-import-limits',
    settles: 'D11',
    title: 'an import file with a key of 512 characters but more than 512 bytes, and an empty key',
    simulatorOnly: 'needs S3 objects in the account, which the suite (CloudFront clients only) does not upload',
    async run(t) {
      for (const [label, key] of [['a 257-character key of 513 bytes', 'é'.repeat(256) + 'a'], ['an empty key', '']] as const) {
        const SourceARN = `arn:aws:s3:::${t.res.prefix}-imports/${label.replace(/\W+/g, '-')}.json`;
        t.kvs!.putS3Object(SourceARN, { data: [{ key, value: 'v' }] });
        const name = t.res.track('store', t.res.name());
        await t.control.send(new CreateKeyValueStoreCommand({ Name: name, ImportSource: { SourceType: 'S3', SourceARN } }));
        await t.res.settled(name);
        const { answer } = await t.step(`DescribeKeyValueStore after importing ${label}`, t.control, new DescribeKeyValueStoreCommand({ Name: name }));
        t.expect(answer.output).toMatchObject({ KeyValueStore: { Status: 'IMPORT_FAILURE' } });
      }
    },
  },
  {
    id: 'control-list-paging',
    settles: 'Caveat',
    title: 'ListKeyValueStores MaxItems out of range and a Marker not issued',
    async run(t) {
      for (const MaxItems of [0, 101]) {
        const { answer } = await t.step(`MaxItems ${MaxItems}`, t.control, new ListKeyValueStoresCommand({ MaxItems }));
        t.expect(answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
      }
      const { answer } = await t.step('Marker "bogus"', t.control, new ListKeyValueStoresCommand({ Marker: 'bogus' }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
    },
  },
  {
    id: 'control-list-empty',
    settles: 'Caveat',
    title: 'ListKeyValueStores of an account with no store',
    simulatorOnly: 'needs an account without any store',
    async run(t) {
      const { answer } = await t.step('ListKeyValueStores', t.control, new ListKeyValueStoresCommand({}));
      t.expect(answer.output).toEqual({ KeyValueStoreList: { NextMarker: '', MaxItems: 100, Quantity: 0 } });
    },
  },
  {
    id: 'control-store-quota',
    settles: 'D14',
    title: 'one store more than the account may have',
    simulatorOnly: 'reaching the quota takes 200 stores: the quota is lowered here',
    simulator: { quotas: { keyValueStoresPerAccount: 2 } },
    async run(t) {
      await t.res.store();
      await t.res.store();
      const name = t.res.track('store', t.res.name());
      const { answer } = await t.step('CreateKeyValueStore past the quota', t.control, new CreateKeyValueStoreCommand({ Name: name }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'EntityLimitExceeded' } });
    },
  },
  {
    id: 'control-ifmatch',
    settles: 'D12',
    title: 'UpdateKeyValueStore with no If-Match, a stale one, and on an unknown store',
    async run(t) {
      const { name } = await t.res.store();
      const none = await t.step('no IfMatch', t.control, new UpdateKeyValueStoreCommand({ Name: name, Comment: 'x' } as never));
      t.expect(none.answer).toMatchObject({ status: 400, error: { name: 'InvalidIfMatchVersion' } });
      const stale = await t.step('IfMatch "E000000000000"', t.control, new UpdateKeyValueStoreCommand({ Name: name, Comment: 'x', IfMatch: 'E000000000000' }));
      t.expect(stale.answer).toMatchObject({ status: 412, error: { name: 'PreconditionFailed' } });
      const unknown = await t.step('unknown store', t.control, new UpdateKeyValueStoreCommand({ Name: `${name}-none`, Comment: 'x', IfMatch: 'E000000000000' }));
      t.expect(unknown.answer).toMatchObject({ status: 404, error: { name: 'EntityNotFound' } });
    },
  },
  {
    id: 'control-update-provisioning',
    settles: 'D12',
    title: 'UpdateKeyValueStore while the store is PROVISIONING',
    simulator: { provisioningDelayMs: 60_000 },
    async run(t) {
      const { name, etag } = await t.res.storeNow();
      const { answer } = await t.step('UpdateKeyValueStore at once', t.control, new UpdateKeyValueStoreCommand({ Name: name, Comment: 'x', IfMatch: etag }));
      if (t.kvs) t.expect(answer).toMatchObject({ status: 200 });
    },
  },
  {
    id: 'control-tags',
    settles: 'Caveat',
    title: 'TagResource on an unknown store, a non-CloudFront ARN, 51 tags, and a tag without Value',
    async run(t) {
      const { arn } = await t.res.store();
      const tag = (Resource: string, Items: Array<{ Key: string; Value?: string }>) => new TagResourceCommand({ Resource, Tags: { Items } });
      const unknown = await t.step('unknown store', t.control, tag(missingStoreArn(arn), [{ Key: 'a', Value: 'b' }]));
      t.expect(unknown.answer).toMatchObject({ status: 404, error: { name: 'NoSuchResource' } });
      const foreign = await t.step('an S3 ARN', t.control, tag('arn:aws:s3:::bucket', [{ Key: 'a', Value: 'b' }]));
      t.expect(foreign.answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
      const many = await t.step('51 tags', t.control, tag(arn, Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))));
      t.expect(many.answer).toMatchObject({ status: 400, error: { name: 'InvalidTagging' } });
      await t.step('a tag without Value', t.control, tag(arn, [{ Key: 'novalue' }]));
      const listed = await t.step('ListTagsForResource', t.control, new ListTagsForResourceCommand({ Resource: arn }));
      t.expect(listed.output.Tags.Items).toContainEqual({ Key: 'novalue', Value: '' });
    },
  },
  {
    id: 'control-empty-name',
    settles: 'Caveat',
    title: 'DescribeKeyValueStore with an empty Name',
    async run(t) {
      const { answer } = await t.step('Name ""', t.control, new DescribeKeyValueStoreCommand({ Name: '' }));
      t.expect(answer).toMatchObject({ status: 400, error: { name: 'InvalidArgument' } });
    },
  },
];
