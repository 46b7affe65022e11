import { describe, expect, it } from '@jest/globals';
import {
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  UpdateKeysCommand,
  ValidationException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { CreateKeyValueStoreCommand } from '@aws-sdk/client-cloudfront';
import { KvsMockUsageError, manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';

function expectPreconditionFailed(error: any): void {
  expect(error).toBeInstanceOf(ValidationException);
  expect(error).toMatchObject({ name: 'ValidationException', $fault: 'client', $metadata: metadata(400) });
  expect(error.message).toMatch(/^Pre-Condition failed/);
}

describe('writeKeys(): another writer on the data plane', () => {
  it('writes as UpdateKeys would: new ETag, counts and LastModified, seen by the clients, not in the call log', async () => {
    const clock = manualClock(Date.UTC(2024, 0, 1));
    const { kvs, data } = setup({ clock });
    const arn = kvs.seedStore({ name: 'store', items: { a: '1', gone: 'x' } });
    const before = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    kvs.clearCalls();
    clock.advance(5_000);

    const ETag = kvs.writeKeys('store', { puts: [{ key: 'b', value: '22' }], deletes: ['gone'] });

    expect(ETag).toMatch(/^KV/);
    expect(ETag).not.toBe(before.ETag);
    expect(kvs.calls()).toEqual([]);
    const after = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    // The size the service counts for the same pairs, whatever its per-pair accounting.
    const same = kvs.getStore(kvs.seedStore({ items: { a: '1', b: '22' } }))!;
    expect(after).toMatchObject({ ETag, ItemCount: 2, TotalSizeInBytes: same.TotalSizeInBytes });
    expect(after.LastModified).toEqual(new Date(Date.UTC(2024, 0, 1) + 5_000));
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'b' }))).Value).toBe('22');
    expect(kvs.writeKeys(arn, { puts: { c: '3' } })).toBe(kvs.getStore(arn)?.ETag);
  });

  it('leaves a client holding the old ETag with Pre-Condition failed', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    kvs.writeKeys(arn, { puts: { k: 'theirs' } });

    expectPreconditionFailed(await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'mine', IfMatch: ETag }))));
    expect(kvs.getStore(arn)?.Items).toEqual({ k: 'theirs' });
  });

  it.each([
    ['an unknown store', 'nope', { puts: { k: 'v' } }, /no live store "nope"/],
    ['a non-string value', undefined, { puts: { k: 1 } }, /value of key "k" must be a string/],
    ['a key over the quota', undefined, { puts: { ['x'.repeat(1025)]: 'v' } }, /refused/],
    ['a value over the quota', undefined, { puts: { k: 'x'.repeat(1024 * 1024) } }, /ServiceQuotaExceededException/],
    ['a missing delete', undefined, { puts: { k: 'v' }, deletes: ['missing'] }, /"missing" was not found/],
    ['an unknown option', undefined, { put: { k: 'v' } }, /unknown option "put"/],
  ])('throws a KvsMockUsageError for %s and applies nothing', (_, name, writes, message) => {
    const { kvs } = setup();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const before = kvs.getStore(arn);
    let error: unknown;
    try {
      kvs.writeKeys(name ?? arn, writes as any);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KvsMockUsageError);
    expect((error as Error).message).toMatch(message);
    expect(kvs.getStore(arn)).toEqual(before);
  });

  it('refuses a store that is not READY, and applies nothing', async () => {
    const { kvs, control } = setup({ clock: manualClock(), provisioningDelayMs: 1_000 });
    // seedStore makes READY stores; a PROVISIONING one comes from the control plane.
    await control.send(new CreateKeyValueStoreCommand({ Name: 'new' }));
    const before = kvs.getStore('new');
    expect(before?.Status).toBe('PROVISIONING');
    expect(() => kvs.writeKeys('new', { puts: { k: 'v' } })).toThrow(/PROVISIONING, not READY/);
    expect(() => kvs.writeKeys('new', { puts: { k: 'v' } })).toThrow(KvsMockUsageError);
    expect(kvs.getStore('new')).toEqual(before);
  });
});

describe("injectFault({ before }): another writer's write between two calls", () => {
  it("fails a two-batch writer's second batch with Pre-Condition failed; the other writer and the first batch stay", async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { seed: '0' } });
    const seen: unknown[] = [];
    kvs.injectFault({
      operation: 'UpdateKeys',
      when: (input) => input.Puts?.[0]?.Key === 'second',
      before: async (input, call) => {
        seen.push([input.Puts[0].Key, call.operation]);
        await Promise.resolve();
        kvs.writeKeys(arn, { puts: { other: 'writer' } });
      },
    });
    const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));

    const first = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, Puts: [{ Key: 'first', Value: '1' }] }));
    const error = await rejection(data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: first.ETag, Puts: [{ Key: 'second', Value: '2' }] })));

    expectPreconditionFailed(error);
    expect(seen).toEqual([['second', 'UpdateKeys']]);
    const { Items } = await data.send(new ListKeysCommand({ KvsARN: arn }));
    expect(Items).toEqual([
      { Key: 'first', Value: '1' },
      { Key: 'other', Value: 'writer' },
      { Key: 'seed', Value: '0' },
    ]);
    expect(kvs.calls('UpdateKeys').map((c) => c.error?.name)).toEqual([undefined, 'ValidationException']);
  });

  it('fails the call with the error the callback throws, and runs nothing else', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    const boom = new Error('other writer crashed');
    kvs.injectFault({ operation: 'PutKey', before: () => { throw boom; } });

    expect(await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'new', IfMatch: ETag })))).toBe(boom);
    expect(kvs.getStore(arn)).toMatchObject({ ETag, Items: { k: 'v' } });
    expect(kvs.calls('PutKey')).toHaveLength(1);
  });

  it('takes only a function', () => {
    const { kvs } = setup();
    expect(() => kvs.injectFault({ operation: 'UpdateKeys', before: 'writeKeys' as any })).toThrow(KvsMockUsageError);
    expect(() => kvs.injectFault({ operation: 'UpdateKeys', before: 'writeKeys' as any })).toThrow(/before must be a function/);
  });
});
