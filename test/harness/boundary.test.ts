import { describe, expect, it } from '@jest/globals';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, KvsMockUsageError } from '../../src';
import { rejection } from '../helpers/clients';
import * as app from './fixtures/app';

const sendOwner = Object.getPrototypeOf(CloudFrontKeyValueStoreClient.prototype) as { send: unknown };
const pristineSend = sendOwner.send;

function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

// Two simulators with the same seed issue the same ARN: isolation cannot come from different ids.
const kvsA = createKvsSimulator({ seed: 'same' });
const kvsB = createKvsSimulator({ seed: 'same' });
const arn = kvsA.seedStore({ name: 'shared', items: { who: 'nobody' } });
kvsB.seedStore({ name: 'shared', items: { who: 'nobody' } });
const aWrote = gate();
const bWrote = gate();

describe('boundary(fn): concurrent tests, one simulator each, through the same module-level clients', () => {
  it.concurrent(
    'test A',
    kvsA.boundary(async () => {
      await app.writeKey(arn, 'who', 'a');
      aWrote.open();
      await bWrote.opened; // B writes the same ARN in its own simulator meanwhile
      expect(await app.readKey(arn, 'who')).toBe('a');
      await app.createStore('only-in-a');
      expect(await app.storeNames()).toEqual(['shared', 'only-in-a']);
    }),
  );

  it.concurrent(
    'test B',
    kvsB.boundary(async () => {
      await aWrote.opened;
      expect(await app.readKey(arn, 'who')).toBe('nobody');
      await app.writeKey(arn, 'who', 'b');
      bWrote.open();
      expect(await app.storeNames()).toEqual(['shared']);
      // A client built inside the boundary is answered by this boundary's simulator too.
      expect(await app.readKey(arn, 'who', app.newKvsClient())).toBe('b');
    }),
  );

  it('kept each simulator to its own calls and state, and unpatched the SDK when the boundaries ended', async () => {
    expect(kvsA.getStore(arn)?.Items).toEqual({ who: 'a' });
    expect(kvsB.getStore(arn)?.Items).toEqual({ who: 'b' });
    expect(kvsA.getStore('only-in-a')).toBeDefined();
    expect(kvsB.getStore('only-in-a')).toBeUndefined();
    expect(kvsA.calls().map((c) => c.operation)).toEqual(['DescribeKeyValueStore', 'PutKey', 'GetKey', 'CreateKeyValueStore', 'ListKeyValueStores']);
    expect(kvsB.calls().map((c) => c.operation)).toEqual(['GetKey', 'DescribeKeyValueStore', 'PutKey', 'ListKeyValueStores', 'GetKey']);
    expect(sendOwner.send).toBe(pristineSend);
    const error = await rejection(app.readKey(arn, 'who'));
    expect(error.message).toBe('Region is missing');
  });
});

describe('boundary(fn) with a simulator installed', () => {
  it('answers from the boundary simulator inside it and from the installed one outside', async () => {
    const global = createKvsSimulator({ seed: 'same' }).install();
    const local = createKvsSimulator({ seed: 'same' });
    try {
      const arn = global.seedStore({ items: { k: 'global' } });
      local.seedStore({ items: { k: 'local' } });
      expect(await app.readKey(arn, 'k')).toBe('global');
      expect(await local.boundary(() => app.readKey(arn, 'k'))()).toBe('local');
      expect(await app.readKey(arn, 'k')).toBe('global');
      // The innermost boundary wins.
      const nested = await local.boundary(async () => [await app.readKey(arn, 'k'), await global.boundary(() => app.readKey(arn, 'k'))()])();
      expect(nested).toEqual(['local', 'global']);
    } finally {
      global.restore();
    }
    expect(sendOwner.send).toBe(pristineSend);
  });

  it('keeps the patch while a boundary runs after restore(), and removes it when the boundary ends', async () => {
    const global = createKvsSimulator().install();
    const local = createKvsSimulator();
    const arn = local.seedStore({ items: { k: 'local' } });
    const run = local.boundary(async () => {
      global.restore();
      return app.readKey(arn, 'k');
    });
    expect(await run()).toBe('local');
    expect(sendOwner.send).toBe(pristineSend);
  });
});

describe('boundary(fn) mechanics', () => {
  it('passes arguments and this, returns what fn returns, and works for synchronous functions', () => {
    const kvs = createKvsSimulator();
    const wrapped = kvs.boundary(function (this: { n: number }, a: number, b: number) {
      return this.n + a + b;
    });
    expect(wrapped.call({ n: 1 }, 2, 3)).toBe(6);
    expect(sendOwner.send).toBe(pristineSend);
  });

  it('ends the boundary when fn throws or rejects', async () => {
    const kvs = createKvsSimulator();
    expect(() => kvs.boundary(() => {
      throw new Error('sync failure');
    })()).toThrow('sync failure');
    await expect(kvs.boundary(async () => {
      throw new Error('async failure');
    })()).rejects.toThrow('async failure');
    expect(sendOwner.send).toBe(pristineSend);
  });

  it('takes a function', () => {
    expect(() => createKvsSimulator().boundary('not a function' as never)).toThrow(KvsMockUsageError);
  });
});
