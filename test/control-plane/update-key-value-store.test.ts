import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontServiceException,
  EntityNotFound,
  InvalidArgument,
  InvalidIfMatchVersion,
  PreconditionFailed,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';
import { manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { CONTROL_ETAG, arnOf, controlError, createStore, describeStore } from './fixtures';

const T0 = Date.parse('2024-05-08T14:48:45.381Z');

describe('UpdateKeyValueStore', () => {
  it('sets the comment and answers 200 with the store, a new ETag and a new LastModifiedTime', async () => {
    const clock = manualClock(T0);
    const { control } = setup({ clock });
    const created = await createStore(control, { Name: 'updated', Comment: 'old' });
    const id = created.KeyValueStore!.Id!;
    clock.advance(60_000);

    const out = await control.send(new UpdateKeyValueStoreCommand({ Name: 'updated', Comment: 'new', IfMatch: created.ETag }));

    expect(out).toEqual({
      KeyValueStore: {
        Name: 'updated',
        Id: id,
        Comment: 'new',
        ARN: arnOf(id),
        Status: 'READY',
        LastModifiedTime: new Date(T0 + 60_000),
      },
      ETag: expect.stringMatching(CONTROL_ETAG),
      $metadata: metadata(200),
    });
    expect(out.ETag).not.toBe(created.ETag);

    const described = await describeStore(control, 'updated');
    expect(described.ETag).toBe(out.ETag);
    expect(described.KeyValueStore).toEqual(out.KeyValueStore);
  });

  it('accepts an empty Comment, which clears it', async () => {
    const { control } = setup();
    const created = await createStore(control, { Name: 'cleared', Comment: 'something' });
    const out = await control.send(new UpdateKeyValueStoreCommand({ Name: 'cleared', Comment: '', IfMatch: created.ETag }));
    expect(out.KeyValueStore!.Comment).toBe('');
    expect((await describeStore(control, 'cleared')).KeyValueStore!.Comment).toBe('');
  });

  it('chains: each update needs the ETag the previous one returned', async () => {
    const { control } = setup();
    let etag = (await createStore(control, { Name: 'chained' })).ETag;
    const seen = new Set([etag]);
    for (const comment of ['one', 'two', 'three']) {
      etag = (await control.send(new UpdateKeyValueStoreCommand({ Name: 'chained', Comment: comment, IfMatch: etag }))).ETag;
      seen.add(etag);
    }
    expect(seen.size).toBe(4);
    expect((await describeStore(control, 'chained')).KeyValueStore!.Comment).toBe('three');
  });

  it('does not change the data-plane ETag or the keys', async () => {
    const { kvs, control } = setup();
    const arn = kvs.seedStore({ name: 'with-keys', items: { a: '1' } });
    const before = kvs.getStore(arn)!;
    const { ETag } = await describeStore(control, 'with-keys');
    await control.send(new UpdateKeyValueStoreCommand({ Name: 'with-keys', Comment: 'x', IfMatch: ETag }));
    const after = kvs.getStore(arn)!;
    expect(after.ETag).toBe(before.ETag);
    expect(after.LastModified).toEqual(before.LastModified);
    expect(after.Items).toEqual({ a: '1' });
  });

  describe('If-Match (D12)', () => {
    it('missing → InvalidIfMatchVersion (400), nothing changed', async () => {
      const { kvs, control } = setup();
      await createStore(control, { Name: 'guarded', Comment: 'keep' });
      const before = kvs.getStore('guarded');
      await controlError(
        control.send(new UpdateKeyValueStoreCommand({ Name: 'guarded', Comment: 'lost' } as never)),
        InvalidIfMatchVersion,
        'InvalidIfMatchVersion',
        400,
        /^The If-Match version is missing or not valid for the resource/,
      );
      expect(kvs.getStore('guarded')).toEqual(before);
    });

    it('empty → InvalidIfMatchVersion', async () => {
      const { control } = setup();
      await createStore(control, { Name: 'guarded' });
      await controlError(
        control.send(new UpdateKeyValueStoreCommand({ Name: 'guarded', Comment: 'x', IfMatch: '' })),
        InvalidIfMatchVersion,
        'InvalidIfMatchVersion',
        400,
        /If-Match version is missing/,
      );
    });

    it('stale → PreconditionFailed (412), nothing changed', async () => {
      const { kvs, control } = setup();
      const created = await createStore(control, { Name: 'guarded', Comment: 'first' });
      await control.send(new UpdateKeyValueStoreCommand({ Name: 'guarded', Comment: 'second', IfMatch: created.ETag }));
      const before = kvs.getStore('guarded');

      await controlError(
        control.send(new UpdateKeyValueStoreCommand({ Name: 'guarded', Comment: 'third', IfMatch: created.ETag })),
        PreconditionFailed,
        'PreconditionFailed',
        412,
        `The request failed because it didn't meet the preconditions in one or more request-header fields: IfMatch "${created.ETag}" is not the current ETag of key value store "guarded".`,
      );
      expect(kvs.getStore('guarded')).toEqual(before);
      expect(before!.Comment).toBe('second');
    });

    it("another store's ETag → PreconditionFailed", async () => {
      const { control } = setup();
      await createStore(control, { Name: 'mine' });
      const other = await createStore(control, { Name: 'other' });
      await controlError(
        control.send(new UpdateKeyValueStoreCommand({ Name: 'mine', Comment: 'x', IfMatch: other.ETag })),
        PreconditionFailed,
        'PreconditionFailed',
        412,
        /preconditions/,
      );
    });
  });

  it('an unknown name → EntityNotFound (404), also without IfMatch: the store is looked up first', async () => {
    const { control } = setup();
    await controlError(
      control.send(new UpdateKeyValueStoreCommand({ Name: 'nowhere', Comment: 'x', IfMatch: 'E2QWRUHAPOMQZL' })),
      EntityNotFound,
      'EntityNotFound',
      404,
      'The key value store entity was not found: no key value store is named "nowhere".',
    );
    await controlError(control.send(new UpdateKeyValueStoreCommand({ Name: 'nowhere', Comment: 'x' } as never)), EntityNotFound, 'EntityNotFound', 404, /"nowhere"/);
  });

  it('a Comment over 128 characters → InvalidArgument, nothing changed', async () => {
    const { kvs, control } = setup();
    const created = await createStore(control, { Name: 'long', Comment: 'short' });
    const before = kvs.getStore('long');
    await controlError(
      control.send(new UpdateKeyValueStoreCommand({ Name: 'long', Comment: 'c'.repeat(129), IfMatch: created.ETag })),
      InvalidArgument,
      'InvalidArgument',
      400,
      "1 validation error detected: Value at 'Comment' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    expect(kvs.getStore('long')).toEqual(before);
  });

  it('a missing Comment (required by the model) → InvalidArgument', async () => {
    const { control } = setup();
    const created = await createStore(control, { Name: 'no-comment' });
    await controlError(
      control.send(new UpdateKeyValueStoreCommand({ Name: 'no-comment', IfMatch: created.ETag } as never)),
      InvalidArgument,
      'InvalidArgument',
      400,
      "1 validation error detected: Value null at 'Comment' failed to satisfy constraint: Member must not be null",
    );
  });

  it('a Name that breaks the model → InvalidArgument', async () => {
    const { control } = setup();
    await controlError(
      control.send(new UpdateKeyValueStoreCommand({ Name: 'a'.repeat(65), Comment: 'x', IfMatch: 'E2QWRUHAPOMQZL' })),
      InvalidArgument,
      'InvalidArgument',
      400,
      /Value at 'Name' failed to satisfy constraint: Member must have length less than or equal to 64/,
    );
  });

  it("a missing Name label → the SDK's own error", async () => {
    const { control } = setup();
    const error = await rejection(control.send(new UpdateKeyValueStoreCommand({ Comment: 'x', IfMatch: 'E2QWRUHAPOMQZL' } as never)));
    expect(error).not.toBeInstanceOf(CloudFrontServiceException);
    expect(error.message).toBe('No value provided for input HTTP label: Name.');
  });
});
