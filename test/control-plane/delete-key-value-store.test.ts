import { describe, expect, it } from '@jest/globals';
import {
  CannotDeleteEntityWhileInUse,
  CloudFrontServiceException,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteKeyValueStoreCommand,
  EntityNotFound,
  InvalidArgument,
  InvalidIfMatchVersion,
  ListKeyValueStoresCommand,
  PreconditionFailed,
  PublishFunctionCommand,
  UpdateFunctionCommand,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';
import { metadata, rejection, setup } from '../helpers/clients';
import { controlError, createStore, describeStore } from './fixtures';

describe('DeleteKeyValueStore', () => {
  it('answers 204 with nothing but $metadata, and the store is gone from the account', async () => {
    const { kvs, control } = setup();
    const created = await createStore(control, { Name: 'doomed' });
    await createStore(control, { Name: 'survivor' });

    const out = await control.send(new DeleteKeyValueStoreCommand({ Name: 'doomed', IfMatch: created.ETag }));

    expect(out).toEqual({ $metadata: metadata(204) });
    expect(kvs.getStore('doomed')).toBeUndefined();
    expect(kvs.getStore(created.KeyValueStore!.ARN!)).toBeUndefined();
    await controlError(describeStore(control, 'doomed'), EntityNotFound, 'EntityNotFound', 404, /"doomed"/);
    const list = await control.send(new ListKeyValueStoresCommand({}));
    expect(list.KeyValueStoreList!.Items!.map((s) => s.Name)).toEqual(['survivor']);
  });

  it('takes the ETag of the latest update', async () => {
    const { kvs, control } = setup();
    const created = await createStore(control, { Name: 'doomed' });
    const updated = await control.send(new UpdateKeyValueStoreCommand({ Name: 'doomed', Comment: 'x', IfMatch: created.ETag }));
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'doomed', IfMatch: updated.ETag }));
    expect(kvs.getStore('doomed')).toBeUndefined();
  });

  it('deletes a store that still has keys', async () => {
    const { kvs, control } = setup();
    kvs.seedStore({ name: 'full', items: { a: '1', b: '2' } });
    const { ETag } = await describeStore(control, 'full');
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'full', IfMatch: ETag }));
    expect(kvs.getStore('full')).toBeUndefined();
  });

  describe('If-Match (D12)', () => {
    it('missing → InvalidIfMatchVersion (400), the store stays', async () => {
      const { kvs, control } = setup();
      await createStore(control, { Name: 'kept' });
      const before = kvs.getStore('kept');
      await controlError(
        control.send(new DeleteKeyValueStoreCommand({ Name: 'kept' } as never)),
        InvalidIfMatchVersion,
        'InvalidIfMatchVersion',
        400,
        'The If-Match version is missing or not valid for the resource: pass IfMatch, the ETag from DescribeKeyValueStore on the CloudFront client.',
      );
      expect(kvs.getStore('kept')).toEqual(before);
    });

    it('stale → PreconditionFailed (412), the store stays', async () => {
      const { kvs, control } = setup();
      const created = await createStore(control, { Name: 'kept', Comment: 'a' });
      await control.send(new UpdateKeyValueStoreCommand({ Name: 'kept', Comment: 'b', IfMatch: created.ETag }));
      await controlError(
        control.send(new DeleteKeyValueStoreCommand({ Name: 'kept', IfMatch: created.ETag })),
        PreconditionFailed,
        'PreconditionFailed',
        412,
        /didn't meet the preconditions.*IfMatch ".*" is not the current ETag of key value store "kept"/,
      );
      expect(kvs.getStore('kept')).toMatchObject({ Comment: 'b' });
    });
  });

  it('an unknown name → EntityNotFound (404); so does deleting twice', async () => {
    const { control } = setup();
    await controlError(
      control.send(new DeleteKeyValueStoreCommand({ Name: 'nowhere', IfMatch: 'E2QWRUHAPOMQZL' })),
      EntityNotFound,
      'EntityNotFound',
      404,
      'The key value store entity was not found: no key value store is named "nowhere".',
    );
    const created = await createStore(control, { Name: 'once' });
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'once', IfMatch: created.ETag }));
    await controlError(
      control.send(new DeleteKeyValueStoreCommand({ Name: 'once', IfMatch: created.ETag })),
      EntityNotFound,
      'EntityNotFound',
      404,
      /"once"/,
    );
  });

  it('a Name that breaks the model → InvalidArgument', async () => {
    const { control } = setup();
    await controlError(
      control.send(new DeleteKeyValueStoreCommand({ Name: 'no spaces', IfMatch: 'E2QWRUHAPOMQZL' })),
      InvalidArgument,
      'InvalidArgument',
      400,
      /Value at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });

  describe('a store in use by a function (F6)', () => {
    const associate = (name: string, arn: string) => ({
      Name: name,
      FunctionCode: new TextEncoder().encode('function handler(e) { return e.request; }'),
      FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' as const, KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: arn }] } },
    });

    it('→ CannotDeleteEntityWhileInUse (409) naming every function that uses it; the store and its keys stay', async () => {
      const { kvs, control } = setup();
      const created = await createStore(control, { Name: 'associated' });
      const arn = created.KeyValueStore!.ARN!;
      kvs.writeKeys(arn, { puts: { k: 'v' } });
      await control.send(new CreateFunctionCommand(associate('b-fn', arn)));
      await control.send(new CreateFunctionCommand(associate('a-fn', arn)));
      const before = kvs.getStore('associated');

      await controlError(
        control.send(new DeleteKeyValueStoreCommand({ Name: 'associated', IfMatch: created.ETag })),
        CannotDeleteEntityWhileInUse,
        'CannotDeleteEntityWhileInUse',
        409,
        'Cannot delete key value store "associated": it is associated with functions "a-fn", "b-fn". Remove the association from every stage of each (UpdateFunction, then PublishFunction, or DeleteFunction) first.',
      );
      expect(kvs.getStore('associated')).toEqual(before);
      expect((await describeStore(control, 'associated')).ETag).toBe(created.ETag);
    });

    it('counts the LIVE stage too: a store dropped from DEVELOPMENT but still published stays in use until the next publish', async () => {
      const { kvs, control } = setup();
      const created = await createStore(control, { Name: 'live-store' });
      const arn = created.KeyValueStore!.ARN!;
      const fn = await control.send(new CreateFunctionCommand(associate('fn', arn)));
      await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: fn.ETag }));
      const updated = await control.send(
        new UpdateFunctionCommand({ Name: 'fn', IfMatch: fn.ETag, FunctionCode: new TextEncoder().encode('function handler(e) { return e.request; }'), FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } }),
      );

      await controlError(
        control.send(new DeleteKeyValueStoreCommand({ Name: 'live-store', IfMatch: created.ETag })),
        CannotDeleteEntityWhileInUse,
        'CannotDeleteEntityWhileInUse',
        409,
        /associated with function "fn"\./,
      );
      await control.send(new PublishFunctionCommand({ Name: 'fn', IfMatch: updated.ETag }));
      await control.send(new DeleteKeyValueStoreCommand({ Name: 'live-store', IfMatch: created.ETag }));
      expect(kvs.getStore('live-store')).toBeUndefined();
    });

    it('is free again once the function is deleted', async () => {
      const { kvs, control } = setup();
      const created = await createStore(control, { Name: 'freed' });
      const fn = await control.send(new CreateFunctionCommand(associate('fn', created.KeyValueStore!.ARN!)));
      await control.send(new DeleteFunctionCommand({ Name: 'fn', IfMatch: fn.ETag }));
      await control.send(new DeleteKeyValueStoreCommand({ Name: 'freed', IfMatch: created.ETag }));
      expect(kvs.getStore('freed')).toBeUndefined();
    });

    it('a stale IfMatch is refused first, as for any store', async () => {
      const { control } = setup();
      const created = await createStore(control, { Name: 'used' });
      await control.send(new CreateFunctionCommand(associate('fn', created.KeyValueStore!.ARN!)));
      await controlError(control.send(new DeleteKeyValueStoreCommand({ Name: 'used', IfMatch: 'E000000000000' })), PreconditionFailed, 'PreconditionFailed', 412, /IfMatch "E000000000000"/);
    });
  });

  it("a missing Name label → the SDK's own error", async () => {
    const { kvs, control } = setup();
    const error = await rejection(control.send(new DeleteKeyValueStoreCommand({ IfMatch: 'E2QWRUHAPOMQZL' } as never)));
    expect(error).not.toBeInstanceOf(CloudFrontServiceException);
    expect(error.message).toBe('No value provided for input HTTP label: Name.');
    expect(kvs.calls()).toHaveLength(0);
  });
});
