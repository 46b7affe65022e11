import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontClient,
  DeleteKeyValueStoreCommand,
  InvalidArgument,
  InvalidTagging,
  ListTagsForResourceCommand,
  NoSuchResource,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudfront';
import { metadata, setup } from '../helpers/clients';
import { arnOf, controlError, createStore } from './fixtures';

async function tagsOf(control: CloudFrontClient, arn: string) {
  return (await control.send(new ListTagsForResourceCommand({ Resource: arn }))).Tags!.Items;
}

describe('Tags on key value stores', () => {
  it('CreateKeyValueStore with Tags; ListTagsForResource on the ARN answers them (200)', async () => {
    const { kvs, control } = setup();
    const created = await createStore(control, {
      Name: 'tagged',
      Tags: { Items: [{ Key: 'team', Value: 'edge' }, { Key: 'env', Value: 'prod' }, { Key: 'no-value' }] },
    });
    const arn = created.KeyValueStore!.ARN!;

    const out = await control.send(new ListTagsForResourceCommand({ Resource: arn }));

    expect(out).toEqual({
      Tags: { Items: [{ Key: 'team', Value: 'edge' }, { Key: 'env', Value: 'prod' }, { Key: 'no-value', Value: '' }] },
      $metadata: metadata(200),
    });
    expect(kvs.getStore(arn)!.Tags).toEqual({ team: 'edge', env: 'prod', 'no-value': '' });
  });

  it('a store with no tags (created or seeded) lists Items []', async () => {
    const { kvs, control } = setup();
    const created = await createStore(control, { Name: 'plain' });
    expect(await tagsOf(control, created.KeyValueStore!.ARN!)).toEqual([]);
    expect(await tagsOf(control, kvs.seedStore())).toEqual([]);
  });

  it('TagResource adds and replaces tags (204) and does not touch the store\'s ETags', async () => {
    const { kvs, control } = setup();
    const created = await createStore(control, { Name: 'tagged', Tags: { Items: [{ Key: 'team', Value: 'edge' }] } });
    const arn = created.KeyValueStore!.ARN!;
    const before = kvs.getStore(arn)!;

    const out = await control.send(new TagResourceCommand({ Resource: arn, Tags: { Items: [{ Key: 'team', Value: 'platform' }, { Key: 'cost-center', Value: '42' }] } }));

    expect(out).toEqual({ $metadata: metadata(204) });
    expect(await tagsOf(control, arn)).toEqual([{ Key: 'team', Value: 'platform' }, { Key: 'cost-center', Value: '42' }]);
    const after = kvs.getStore(arn)!;
    expect(after.ControlETag).toBe(before.ControlETag);
    expect(after.ETag).toBe(before.ETag);
  });

  it('UntagResource removes tags by key (204); keys that are not there are ignored', async () => {
    const { control } = setup();
    const created = await createStore(control, { Name: 'tagged', Tags: { Items: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }] } });
    const arn = created.KeyValueStore!.ARN!;

    const out = await control.send(new UntagResourceCommand({ Resource: arn, TagKeys: { Items: ['a', 'c', 'never-there'] } }));

    expect(out).toEqual({ $metadata: metadata(204) });
    expect(await tagsOf(control, arn)).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('accepts the widest tags the model allows', async () => {
    const { control } = setup();
    const created = await createStore(control, { Name: 'wide' });
    const arn = created.KeyValueStore!.ARN!;
    const key = 'k'.repeat(120) + ' _.:/=+-@'.slice(0, 8); // 128 characters of the allowed set
    const tags = [{ Key: key, Value: 'v'.repeat(256) }, { Key: 'Ünïcödé 数字 ٣', Value: '' }];
    await control.send(new TagResourceCommand({ Resource: arn, Tags: { Items: tags } }));
    expect(await tagsOf(control, arn)).toEqual(tags);
  });

  describe('bad tags → InvalidArgument, nothing changed', () => {
    it.each([
      ['an empty key', { Key: '' }, /Value at 'Tags.Items.1.member.Key' failed to satisfy constraint: Member must have length greater than or equal to 1/],
      ['a 129-character key', { Key: 'k'.repeat(129) }, /'Tags.Items.1.member.Key' failed to satisfy constraint: Member must have length less than or equal to 128/],
      ['a key with a forbidden character', { Key: 'team#1' }, /'Tags.Items.1.member.Key' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      ['a 257-character value', { Key: 'k', Value: 'v'.repeat(257) }, /'Tags.Items.1.member.Value' failed to satisfy constraint: Member must have length less than or equal to 256/],
      ['a value with a forbidden character', { Key: 'k', Value: 'a*b' }, /'Tags.Items.1.member.Value' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ])('TagResource with %s', async (_, tag, message) => {
      const { kvs, control } = setup();
      const created = await createStore(control, { Name: 'tagged', Tags: { Items: [{ Key: 'keep', Value: 'me' }] } });
      const arn = created.KeyValueStore!.ARN!;
      await controlError(control.send(new TagResourceCommand({ Resource: arn, Tags: { Items: [tag] } })), InvalidArgument, 'InvalidArgument', 400, message);
      expect(kvs.getStore(arn)!.Tags).toEqual({ keep: 'me' });
    });

    it('TagResource with the same key twice', async () => {
      const { control } = setup();
      const arn = (await createStore(control, { Name: 'tagged' })).KeyValueStore!.ARN!;
      await controlError(
        control.send(new TagResourceCommand({ Resource: arn, Tags: { Items: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })),
        InvalidArgument,
        'InvalidArgument',
        400,
        /Member must have unique items: "a" appears more than once/,
      );
      expect(await tagsOf(control, arn)).toEqual([]);
    });

    it('UntagResource with a bad key', async () => {
      const { control } = setup();
      const arn = (await createStore(control, { Name: 'tagged', Tags: { Items: [{ Key: 'a', Value: '1' }] } })).KeyValueStore!.ARN!;
      await controlError(
        control.send(new UntagResourceCommand({ Resource: arn, TagKeys: { Items: ['a', 'bad#key'] } })),
        InvalidArgument,
        'InvalidArgument',
        400,
        /Value at 'TagKeys.Items.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
      expect(await tagsOf(control, arn)).toEqual([{ Key: 'a', Value: '1' }]);
    });

    it('CreateKeyValueStore with a bad tag key creates nothing', async () => {
      const { kvs, control } = setup();
      await controlError(
        createStore(control, { Name: 'never', Tags: { Items: [{ Key: 'bad#key', Value: 'v' }] } }),
        InvalidArgument,
        'InvalidArgument',
        400,
        /'Tags.Items.1.member.Key' failed to satisfy constraint/,
      );
      expect(kvs.getStore('never')).toBeUndefined();
    });
  });

  it('more than 50 tags on one resource → InvalidTagging, nothing changed', async () => {
    const { kvs, control } = setup();
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const arn = (await createStore(control, { Name: 'full', Tags: { Items: fifty } })).KeyValueStore!.ARN!;
    // Replacing an existing tag keeps the count at 50.
    await control.send(new TagResourceCommand({ Resource: arn, Tags: { Items: [{ Key: 'k0', Value: 'w' }] } }));

    await controlError(
      control.send(new TagResourceCommand({ Resource: arn, Tags: { Items: [{ Key: 'k50', Value: 'v' }] } })),
      InvalidTagging,
      'InvalidTagging',
      400,
      'A resource may have at most 50 tags; this request would give it 51.',
    );
    expect(Object.keys(kvs.getStore(arn)!.Tags)).toHaveLength(50);
  });

  it('CreateKeyValueStore with more than 50 tags → InvalidTagging, no store', async () => {
    const { kvs, control } = setup();
    const fiftyOne = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await controlError(
      createStore(control, { Name: 'overtagged', Tags: { Items: fiftyOne } }),
      InvalidTagging,
      'InvalidTagging',
      400,
      'A resource may have at most 50 tags; this request gives it 51.',
    );
    expect(kvs.getStore('overtagged')).toBeUndefined();
  });

  describe('resources', () => {
    const unknown = arnOf('00000000-0000-4000-8000-000000000000');

    it.each([
      ['ListTagsForResource', (c: CloudFrontClient, arn: string) => c.send(new ListTagsForResourceCommand({ Resource: arn }))],
      ['TagResource', (c: CloudFrontClient, arn: string) => c.send(new TagResourceCommand({ Resource: arn, Tags: { Items: [{ Key: 'a', Value: 'b' }] } }))],
      ['UntagResource', (c: CloudFrontClient, arn: string) => c.send(new UntagResourceCommand({ Resource: arn, TagKeys: { Items: ['a'] } }))],
    ])('%s: an unknown ARN → NoSuchResource (404); a malformed one → InvalidArgument', async (_, send) => {
      const { control } = setup();
      await controlError(send(control, unknown), NoSuchResource, 'NoSuchResource', 404, `The specified resource does not exist: ${unknown}.`);
      await controlError(
        send(control, 'not-an-arn'),
        InvalidArgument,
        'InvalidArgument',
        400,
        'Resource "not-an-arn" is not a CloudFront resource ARN (arn:aws:cloudfront::{account}:{resource}).',
      );
      await controlError(send(control, 'arn:aws:s3:::bucket/key'), InvalidArgument, 'InvalidArgument', 400, /is not a CloudFront resource ARN/);
    });

    it("a deleted store's ARN → NoSuchResource", async () => {
      const { control } = setup();
      const created = await createStore(control, { Name: 'gone', Tags: { Items: [{ Key: 'a', Value: '1' }] } });
      await control.send(new DeleteKeyValueStoreCommand({ Name: 'gone', IfMatch: created.ETag }));
      await controlError(
        control.send(new ListTagsForResourceCommand({ Resource: created.KeyValueStore!.ARN! })),
        NoSuchResource,
        'NoSuchResource',
        404,
        /does not exist/,
      );
    });

    it("another account's store → NoSuchResource", async () => {
      const { kvs, control } = setup();
      const theirs = kvs.seedStore({ accountId: '210987654321' });
      await controlError(control.send(new ListTagsForResourceCommand({ Resource: theirs })), NoSuchResource, 'NoSuchResource', 404, /does not exist/);
    });
  });
});
