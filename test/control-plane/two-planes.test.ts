import { describe, expect, it } from '@jest/globals';
import { DeleteKeyValueStoreCommand, PreconditionFailed, UpdateKeyValueStoreCommand } from '@aws-sdk/client-cloudfront';
import {
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  UpdateKeysCommand,
  ValidationException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { CONTROL_ETAG, DATA_ETAG, controlError, createStore, describeStore } from './fixtures';

const T0 = Date.parse('2024-05-08T14:48:45.381Z');

describe('Two planes, one store', () => {
  it('a store created on the control plane is reachable on the data plane by its ARN', async () => {
    const clock = manualClock(T0);
    const { kvs, control, data } = setup({ clock });
    const created = await createStore(control, { Name: 'joined' });
    const arn = created.KeyValueStore!.ARN!;

    const described = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(described).toEqual({
      ETag: expect.stringMatching(DATA_ETAG),
      ItemCount: 0,
      TotalSizeInBytes: 0,
      KvsARN: arn,
      Created: new Date(T0),
      LastModified: new Date(T0),
      Status: 'READY',
      $metadata: metadata(200),
    });

    const put = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'greeting', Value: 'hello', IfMatch: described.ETag }));
    expect(put).toMatchObject({ ItemCount: 1, TotalSizeInBytes: 14, ETag: expect.stringMatching(DATA_ETAG) });
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'greeting' }))).Value).toBe('hello');
    expect(kvs.getStore('joined')!.Items).toEqual({ greeting: 'hello' });
  });

  it('a store from seedStore is visible on both planes', async () => {
    const { kvs, control, data } = setup();
    const arn = kvs.seedStore({ name: 'seeded', comment: 'from the test', items: { a: '1' } });

    const controlView = await describeStore(control, 'seeded');
    expect(controlView.KeyValueStore).toMatchObject({ Name: 'seeded', ARN: arn, Comment: 'from the test', Status: 'READY' });
    expect(controlView.KeyValueStore!.Id).toBe(arn.split('/')[1]);
    const dataView = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(dataView).toMatchObject({ KvsARN: arn, ItemCount: 1, Status: 'READY' });
  });

  it('has two separate ETags, one per plane, in their own formats (D8)', async () => {
    const { control, data } = setup();
    const created = await createStore(control, { Name: 'joined' });
    const dataETag = (await data.send(new DescribeKeyValueStoreCommand({ KvsARN: created.KeyValueStore!.ARN! }))).ETag!;
    expect(created.ETag).toMatch(CONTROL_ETAG);
    expect(dataETag).toMatch(DATA_ETAG);
    expect(dataETag).not.toBe(created.ETag);
  });

  it("a control-plane ETag on a data-plane write → D1's ValidationException 'Pre-Condition failed', nothing written", async () => {
    const { kvs, control, data } = setup();
    const created = await createStore(control, { Name: 'joined' });
    const arn = created.KeyValueStore!.ARN!;
    const before = kvs.getStore(arn);

    for (const write of [
      // One at a time: started together, a later rejection could arrive (over HTTP) before its handler.
      () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: created.ETag })),
      () => data.send(new UpdateKeysCommand({ KvsARN: arn, Puts: [{ Key: 'k', Value: 'v' }], IfMatch: created.ETag })),
      () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'k', IfMatch: created.ETag })),
    ]) {
      const error = await rejection(write());
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata).toEqual(metadata(400));
      expect(error.message).toContain('Pre-Condition failed');
    }
    expect(kvs.getStore(arn)).toEqual(before);
  });

  it("a data-plane ETag on UpdateKeyValueStore or DeleteKeyValueStore → D12's PreconditionFailed, nothing changed", async () => {
    const { kvs, control, data } = setup();
    const arn = kvs.seedStore({ name: 'joined', comment: 'keep' });
    const { ETag: dataETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));

    await controlError(
      control.send(new UpdateKeyValueStoreCommand({ Name: 'joined', Comment: 'lost', IfMatch: dataETag })),
      PreconditionFailed,
      'PreconditionFailed',
      412,
      /is not the current ETag of key value store "joined"/,
    );
    await controlError(
      control.send(new DeleteKeyValueStoreCommand({ Name: 'joined', IfMatch: dataETag })),
      PreconditionFailed,
      'PreconditionFailed',
      412,
      /is not the current ETag of key value store "joined"/,
    );
    expect(kvs.getStore(arn)).toMatchObject({ Comment: 'keep' });
  });

  it('data-plane writes change neither the control-plane ETag nor LastModifiedTime (D8); the comment update changes no data-plane ETag', async () => {
    const clock = manualClock(T0);
    const { control, data } = setup({ clock });
    const created = await createStore(control, { Name: 'joined' });
    const arn = created.KeyValueStore!.ARN!;

    clock.advance(1000);
    let { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    ETag = (await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: '1', IfMatch: ETag }))).ETag;
    ETag = (await data.send(new UpdateKeysCommand({ KvsARN: arn, Puts: [{ Key: 'b', Value: '2' }], IfMatch: ETag }))).ETag;
    ETag = (await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: ETag }))).ETag;

    const controlView = await describeStore(control, 'joined');
    expect(controlView.ETag).toBe(created.ETag);
    expect(controlView.KeyValueStore!.LastModifiedTime).toEqual(new Date(T0));

    // The control-plane ETag still works for an update, which in turn leaves the data-plane ETag alone.
    await control.send(new UpdateKeyValueStoreCommand({ Name: 'joined', Comment: 'after writes', IfMatch: created.ETag }));
    const dataView = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(dataView).toMatchObject({ ETag, ItemCount: 1, LastModified: new Date(T0 + 1000) });
  });

  it('deleting through the control plane makes the data plane answer ConflictException (D3)', async () => {
    const { kvs, control, data } = setup();
    const arn = kvs.seedStore({ name: 'doomed', items: { a: '1' } });
    const { ETag: dataETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    const { ETag } = await describeStore(control, 'doomed');
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'doomed', IfMatch: ETag }));

    for (const call of [
      // One at a time: started together, a later rejection could arrive (over HTTP) before its handler.
      () => data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })),
      () => data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' })),
      () => data.send(new ListKeysCommand({ KvsARN: arn })),
      () => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: dataETag })),
      () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch: dataETag })),
      () => data.send(new UpdateKeysCommand({ KvsARN: arn, Puts: [{ Key: 'b', Value: '2' }], IfMatch: dataETag })),
    ]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(ConflictException);
      expect(error.$metadata).toEqual(metadata(409));
      expect(error.message).toBe(`Key-Value-Store was not in expected state: ${arn} is DELETED, not READY.`);
    }
  });

  it('a new store under a deleted store\'s name gets a new ARN; the old ARN stays in conflict', async () => {
    const { control, data } = setup();
    const first = await createStore(control, { Name: 'reborn' });
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'reborn', IfMatch: first.ETag }));
    const second = await createStore(control, { Name: 'reborn' });

    await expect(data.send(new DescribeKeyValueStoreCommand({ KvsARN: second.KeyValueStore!.ARN! }))).resolves.toMatchObject({ Status: 'READY' });
    const error = await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: first.KeyValueStore!.ARN! })));
    expect(error).toBeInstanceOf(ConflictException);
  });
});
