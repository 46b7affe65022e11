import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontClient,
  CloudFrontServiceException,
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand,
  EntityNotFound,
  InvalidArgument,
} from '@aws-sdk/client-cloudfront';
import { manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { CONTROL_ETAG, UUID, arnOf, controlError, createStore, describeStore } from './fixtures';

const T0 = Date.parse('2024-05-08T14:48:45.381Z');

describe('DescribeKeyValueStore (control plane)', () => {
  it('answers 200 with the store, READY once provisioned, and its control-plane ETag', async () => {
    const clock = manualClock(T0);
    const { control } = setup({ clock });
    const created = await createStore(control, { Name: 'described', Comment: 'hello' });
    const id = created.KeyValueStore!.Id!;
    clock.advance(1000);

    const out = await control.send(new DescribeKeyValueStoreCommand({ Name: 'described' }));

    expect(id).toMatch(UUID);
    expect(out).toEqual({
      KeyValueStore: {
        Name: 'described',
        Id: id,
        Comment: 'hello',
        ARN: arnOf(id),
        Status: 'READY',
        // Reads do not move LastModifiedTime: it is still the creation time.
        LastModifiedTime: new Date(T0),
      },
      ETag: created.ETag,
      $metadata: metadata(200),
    });
    expect(out.ETag).toMatch(CONTROL_ETAG);
  });

  it('describes a seeded store, with Comment "" when none was given', async () => {
    const { kvs, control } = setup();
    const arn = kvs.seedStore({ name: 'seeded', items: { a: '1' } });
    const out = await describeStore(control, 'seeded');
    expect(out.KeyValueStore).toMatchObject({ Name: 'seeded', ARN: arn, Comment: '', Status: 'READY' });
    expect(out.ETag).toBe(kvs.getStore(arn)!.ControlETag);
  });

  it('never changes the ETag, however often it is called', async () => {
    const { kvs, control } = setup();
    const created = await createStore(control, { Name: 'stable' });
    const before = kvs.getStore('stable');
    const etags = [];
    for (let i = 0; i < 3; i++) etags.push((await describeStore(control, 'stable')).ETag);
    expect(etags).toEqual([created.ETag, created.ETag, created.ETag]);
    expect(kvs.getStore('stable')).toEqual(before);
  });

  it('an unknown name → EntityNotFound (404)', async () => {
    const { control } = setup();
    await controlError(
      describeStore(control, 'nowhere'),
      EntityNotFound,
      'EntityNotFound',
      404,
      'The key value store entity was not found: no key value store is named "nowhere".',
    );
  });

  it('a deleted store → EntityNotFound', async () => {
    const { control } = setup();
    const created = await createStore(control, { Name: 'gone' });
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'gone', IfMatch: created.ETag }));
    await controlError(describeStore(control, 'gone'), EntityNotFound, 'EntityNotFound', 404, /"gone"/);
  });

  it("another account's store → EntityNotFound: a client sees its own account only", async () => {
    const { kvs, control } = setup();
    kvs.seedStore({ name: 'theirs', accountId: '210987654321' });
    await controlError(describeStore(control, 'theirs'), EntityNotFound, 'EntityNotFound', 404, /"theirs"/);

    const theirClient = kvs.attach(new CloudFrontClient({}), { accountId: '210987654321' });
    await expect(describeStore(theirClient, 'theirs')).resolves.toMatchObject({ KeyValueStore: { Name: 'theirs' } });
  });

  it.each([
    ['empty', '', /Member must have length greater than or equal to 1/],
    ['65 characters', 'a'.repeat(65), /Member must have length less than or equal to 64/],
    ['bad characters', 'a b/c', /Member must satisfy regular expression pattern/],
  ])('a Name that breaks the model (%s) → InvalidArgument', async (_, name, message) => {
    const { control } = setup();
    const error = await controlError(describeStore(control, name), InvalidArgument, 'InvalidArgument', 400, message);
    expect(error.message).toMatch(/^1 validation error detected: Value at 'Name' failed to satisfy constraint/);
  });

  it("a missing Name label → the SDK's own error, thrown before anything is sent", async () => {
    const { kvs, control } = setup();
    const error = await rejection(control.send(new DescribeKeyValueStoreCommand({} as never)));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CloudFrontServiceException);
    expect(error.message).toBe('No value provided for input HTTP label: Name.');
    expect(error.$metadata).toBeUndefined();
    expect(kvs.calls('DescribeKeyValueStore')).toHaveLength(0);
  });
});
