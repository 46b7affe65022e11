import { describe, expect, it } from '@jest/globals';
import {
  CreateKeyValueStoreCommand,
  DeleteKeyValueStoreCommand,
  EntityAlreadyExists,
  EntityLimitExceeded,
  InvalidArgument,
  ListKeyValueStoresCommand,
} from '@aws-sdk/client-cloudfront';
import { manualClock } from '../../src';
import { metadata, setup } from '../helpers/clients';
import { CONTROL_ETAG, UUID, arnOf, controlError, createStore, describeStore, locationOf } from './fixtures';

const T0 = Date.parse('2024-05-08T14:48:45.381Z');

describe('CreateKeyValueStore', () => {
  it('answers 201 with the new store (PROVISIONING), its control-plane ETag and its Location (D10, D13)', async () => {
    const clock = manualClock(T0);
    const { kvs, control } = setup({ clock });

    const out = await control.send(new CreateKeyValueStoreCommand({ Name: 'my-store' }));

    const id = out.KeyValueStore!.Id!;
    expect(id).toMatch(UUID);
    expect(out).toEqual({
      KeyValueStore: {
        Name: 'my-store',
        Id: id,
        Comment: '',
        ARN: arnOf(id),
        Status: 'PROVISIONING',
        LastModifiedTime: new Date(T0),
      },
      ETag: expect.stringMatching(CONTROL_ETAG),
      Location: locationOf(arnOf(id)),
      $metadata: metadata(201),
    });
    expect(out.KeyValueStore!.LastModifiedTime).toBeInstanceOf(Date);
    expect(kvs.getStore('my-store')).toMatchObject({ Id: id, ARN: arnOf(id), ControlETag: out.ETag, Comment: '', ItemCount: 0 });
  });

  it('echoes the Comment, and the ETag is the one Describe gives', async () => {
    const { control } = setup();
    const out = await createStore(control, { Name: 'commented', Comment: 'Redirects for www & <api>' });
    expect(out.KeyValueStore!.Comment).toBe('Redirects for www & <api>');

    const described = await describeStore(control, 'commented');
    expect(described.ETag).toBe(out.ETag);
    expect(described.KeyValueStore).toEqual({ ...out.KeyValueStore, Status: 'READY' });
  });

  it('accepts the widest name and comment the model allows', async () => {
    const { control } = setup();
    const name = 'Az09-_'.repeat(10) + 'abcd'; // 64 characters of the allowed set
    const comment = 'c'.repeat(128);
    const out = await createStore(control, { Name: name, Comment: comment });
    expect(out.KeyValueStore).toMatchObject({ Name: name, Comment: comment });
  });

  it('gives every store its own Id, ARN and ETag', async () => {
    const { control } = setup();
    const a = await createStore(control, { Name: 'a' });
    const b = await createStore(control, { Name: 'b' });
    expect(a.KeyValueStore!.Id).not.toBe(b.KeyValueStore!.Id);
    expect(a.KeyValueStore!.ARN).not.toBe(b.KeyValueStore!.ARN);
    expect(a.ETag).not.toBe(b.ETag);
  });

  describe('name constraints → InvalidArgument, nothing created', () => {
    it.each([
      ['empty', '', /Value at 'Name' failed to satisfy constraint: Member must have length greater than or equal to 1/],
      ['65 characters', 'a'.repeat(65), /Value at 'Name' failed to satisfy constraint: Member must have length less than or equal to 64/],
      ['a space', 'my store', /Value at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      ['a slash', 'a/b', /Value at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      ['a dot', 'my.store', /Value at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      ['a non-ASCII letter', 'café', /Value at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ])('%s', async (_, name, message) => {
      const { kvs, control } = setup();
      await controlError(createStore(control, { Name: name }), InvalidArgument, 'InvalidArgument', 400, message);
      const list = await control.send(new ListKeyValueStoresCommand({}));
      expect(list.KeyValueStoreList!.Quantity).toBe(0);
      expect(kvs.getStore(name)).toBeUndefined();
    });

    it('a missing Name (a body member: the SDK sends the request as it is)', async () => {
      const { control } = setup();
      await controlError(
        control.send(new CreateKeyValueStoreCommand({} as never)),
        InvalidArgument,
        'InvalidArgument',
        400,
        "1 validation error detected: Value null at 'Name' failed to satisfy constraint: Member must not be null",
      );
    });
  });

  it('rejects a comment over 128 characters with InvalidArgument and creates nothing', async () => {
    const { kvs, control } = setup();
    await controlError(
      createStore(control, { Name: 'long-comment', Comment: 'c'.repeat(129) }),
      InvalidArgument,
      'InvalidArgument',
      400,
      "1 validation error detected: Value at 'Comment' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    expect(kvs.getStore('long-comment')).toBeUndefined();
  });

  it('lists every broken constraint in one message', async () => {
    const { control } = setup();
    const error = await controlError(
      createStore(control, { Name: 'bad name', Comment: 'c'.repeat(129) }),
      InvalidArgument,
      'InvalidArgument',
      400,
      /^2 validation errors detected: /,
    );
    expect(error.message).toMatch(/'Name'/);
    expect(error.message).toMatch(/'Comment'/);
  });

  describe('EntityAlreadyExists (D14)', () => {
    it('a second store with a live store\'s name → 409, and the first store is untouched', async () => {
      const { kvs, control } = setup();
      const first = await createStore(control, { Name: 'taken', Comment: 'first' });
      const before = kvs.getStore('taken');

      await controlError(
        createStore(control, { Name: 'taken', Comment: 'second' }),
        EntityAlreadyExists,
        'EntityAlreadyExists',
        409,
        'A key value store named "taken" already exists in this account.',
      );
      expect(kvs.getStore('taken')).toEqual(before);
      expect((await describeStore(control, 'taken')).KeyValueStore!.Id).toBe(first.KeyValueStore!.Id);
    });

    it('a seeded store\'s name is taken too', async () => {
      const { kvs, control } = setup();
      kvs.seedStore({ name: 'seeded' });
      await controlError(createStore(control, { Name: 'seeded' }), EntityAlreadyExists, 'EntityAlreadyExists', 409, /"seeded" already exists/);
    });

    it('a deleted store\'s name is free again, for a new store with a new Id', async () => {
      const { control } = setup();
      const first = await createStore(control, { Name: 'reused' });
      await control.send(new DeleteKeyValueStoreCommand({ Name: 'reused', IfMatch: first.ETag }));

      const second = await createStore(control, { Name: 'reused' });
      expect(second.$metadata.httpStatusCode).toBe(201);
      expect(second.KeyValueStore!.Id).not.toBe(first.KeyValueStore!.Id);
      expect(second.KeyValueStore!.ARN).not.toBe(first.KeyValueStore!.ARN);
    });

    it('names are unique per account: another account may use the same name', async () => {
      const { kvs, control } = setup();
      kvs.seedStore({ name: 'shared-name', accountId: '210987654321' });
      const out = await createStore(control, { Name: 'shared-name' });
      expect(out.$metadata.httpStatusCode).toBe(201);
    });
  });

  describe('EntityLimitExceeded (D14)', () => {
    it('with quotas.keyValueStoresPerAccount 2, the third store → EntityLimitExceeded; a deletion makes room', async () => {
      const { kvs, control } = setup({ quotas: { keyValueStoresPerAccount: 2 } });
      const one = await createStore(control, { Name: 'one' });
      await createStore(control, { Name: 'two' });

      await controlError(
        createStore(control, { Name: 'three' }),
        EntityLimitExceeded,
        'EntityLimitExceeded',
        400,
        'This account already has 2 key value stores, the most it may have (2). Delete one first.',
      );
      expect(kvs.getStore('three')).toBeUndefined();

      await control.send(new DeleteKeyValueStoreCommand({ Name: 'one', IfMatch: one.ETag }));
      await expect(createStore(control, { Name: 'three' })).resolves.toMatchObject({ $metadata: { httpStatusCode: 201 } });
    });

    it('seeded stores count against the quota', async () => {
      const { kvs, control } = setup({ quotas: { keyValueStoresPerAccount: 2 } });
      kvs.seedStore();
      kvs.seedStore();
      await controlError(createStore(control, { Name: 'third' }), EntityLimitExceeded, 'EntityLimitExceeded', 400, /already has 2 key value stores/);
    });

    it('the default quota is 200 stores per account: the 201st → EntityLimitExceeded', async () => {
      const { kvs, control } = setup();
      for (let i = 1; i <= 200; i++) await createStore(control, { Name: `store-${i}` });

      await controlError(
        createStore(control, { Name: 'store-201' }),
        EntityLimitExceeded,
        'EntityLimitExceeded',
        400,
        'This account already has 200 key value stores, the most it may have (200). Delete one first.',
      );
      expect(kvs.getStore('store-201')).toBeUndefined();
      expect(kvs.getStore('store-200')).toBeDefined();
      const first = await control.send(new ListKeyValueStoresCommand({}));
      const second = await control.send(new ListKeyValueStoresCommand({ Marker: first.KeyValueStoreList!.NextMarker }));
      expect(first.KeyValueStoreList!.Quantity! + second.KeyValueStoreList!.Quantity!).toBe(200);
    });

    it('a duplicate name at the limit is EntityAlreadyExists: the name is checked first', async () => {
      const { control } = setup({ quotas: { keyValueStoresPerAccount: 1 } });
      await createStore(control, { Name: 'only' });
      await controlError(createStore(control, { Name: 'only' }), EntityAlreadyExists, 'EntityAlreadyExists', 409, /"only" already exists/);
    });
  });
});
