/**
 * The matcher suite, written once and run by both runners: `matchers.test.ts` under jest,
 * `matchers.vitest.ts` under vitest. Each passes its own `describe`, `it`, `expect` and
 * `useKvsSimulator`, so every assertion, message snapshot and `.not` runs through that runner's
 * `expect.extend`, `this.utils` and `this.equals`.
 */
import {
  CloudFrontClient,
  CreateKeyValueStoreCommand,
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand as DescribeControlCommand,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';
import {
  CloudFrontKeyValueStoreClient,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, KvsMockUsageError, manualClock, type KvsSimulator, type KvsSimulatorOptions } from '../../src';
import type { KvsMatchers } from '../../src/matchers';
import { KVS_OPERATIONS } from '../../src/matchers/operations';
import { CONTROL_PLANE, DATA_PLANE } from '../../src/operations';

/** What the suite uses of a runner's `expect`: the KVS matchers and a few built-ins. */
interface Assertion extends KvsMatchers<void> {
  not: KvsMatchers<void> & { toBe(expected: unknown): void; toThrow(expected?: unknown): void };
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatch(expected: string | RegExp): void;
  toMatchSnapshot(): void;
  toThrow(expected?: unknown): void;
  toBeInstanceOf(expected: unknown): void;
}

export interface Runner {
  name: 'jest' | 'vitest';
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: () => Promise<void> | void): unknown;
  beforeEach(fn: () => Promise<void> | void): unknown;
  expect: (<T>(actual: T) => Assertion) & {
    stringContaining(expected: string): any;
    stringMatching(expected: string | RegExp): any;
    objectContaining(expected: object): any;
    any(constructor: unknown): any;
  };
  useKvsSimulator(options?: KvsSimulatorOptions): KvsSimulator;
}

// Colours depend on the terminal; messages are compared without them.
const ANSI = /\u001b\[[0-9;]*m/g;

/** The message an assertion fails with; throws when it passes. */
export function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message.replace(ANSI, '');
  }
  throw new Error('expected the assertion to fail, it passed');
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

export function matcherSuite(runner: Runner): void {
  const { describe, it, beforeEach, expect } = runner;

  /** A store seeded with two pairs, one PutKey, one rejected (stale) PutKey and one GetKey, via real commands. */
  async function scenario() {
    const clock = manualClock('2025-01-01T00:00:00Z');
    const kvs = createKvsSimulator({ seed: 'matchers', clock, provisioningDelayMs: 1000 });
    const data = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const control = kvs.attach(new CloudFrontClient({}));
    const arn = kvs.seedStore({ name: 'redirects', items: { '/old': '/new', '/docs': '/help' } });
    const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    await data.send(new PutKeyCommand({ KvsARN: arn, Key: '/a', Value: '/b', IfMatch: ETag }));
    await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: '/a', Value: '/stale', IfMatch: ETag })));
    await data.send(new GetKeyCommand({ KvsARN: arn, Key: '/a' }));
    return { kvs, data, control, arn, clock };
  }

  let s: Awaited<ReturnType<typeof scenario>>;

  describe('matchers on expect(kvs)', () => {
    beforeEach(async () => {
      s = await scenario();
    });

    describe('toHaveKey', () => {
      it('passes when the store holds the key, with the value or one the asymmetric matcher accepts', () => {
        expect(s.kvs).toHaveKey(s.arn, '/a');
        expect(s.kvs).toHaveKey('redirects', '/a', '/b');
        expect(s.kvs).toHaveKey(s.arn, '/old', expect.stringContaining('ne'));
        expect(s.kvs).not.toHaveKey(s.arn, '/missing');
        expect(s.kvs).not.toHaveKey(s.arn, '/a', '/stale');
      });

      it('fails with the store, the key and the keys or value it holds', () => {
        expect(failure(() => expect(s.kvs).toHaveKey(s.arn, '/missing'))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).toHaveKey(s.arn, '/a', '/stale'))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).toHaveKey(s.arn, '/a', expect.stringMatching(/^\/z/)))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveKey(s.arn, '/a'))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveKey(s.arn, '/a', '/b'))).toMatchSnapshot();
      });

      it('lists at most ten keys and says how many more there are', async () => {
        const arn = s.kvs.seedStore({ name: 'many', items: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'v'])) });
        expect(failure(() => expect(s.kvs).toHaveKey(arn, 'nope'))).toMatch(/Received keys: "k00", .*"k09", … and 3 more$/);
        const empty = s.kvs.seedStore({ name: 'empty' });
        expect(failure(() => expect(s.kvs).toHaveKey(empty, 'nope'))).toMatch(/Received keys: none \(the store is empty\)$/);
      });
    });

    describe('toHaveItems', () => {
      it('passes on exactly the store items; objectContaining checks some of them', () => {
        expect(s.kvs).toHaveItems(s.arn, { '/old': '/new', '/docs': '/help', '/a': '/b' });
        expect(s.kvs).toHaveItems('redirects', { '/old': '/new', '/docs': expect.any(String), '/a': '/b' });
        expect(s.kvs).toHaveItems(s.arn, expect.objectContaining({ '/a': '/b' }));
        expect(s.kvs).not.toHaveItems(s.arn, { '/old': '/new', '/docs': '/help' });
      });

      it('fails with a diff of the items, and under .not with the items', () => {
        expect(failure(() => expect(s.kvs).toHaveItems(s.arn, { '/old': '/new', '/a': '/c', '/x': '/y' }))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveItems(s.arn, { '/old': '/new', '/docs': '/help', '/a': '/b' }))).toMatchSnapshot();
      });
    });

    describe('toHaveItemCount', () => {
      it('passes on the number of keys', async () => {
        expect(s.kvs).toHaveItemCount(s.arn, 3);
        const { ETag } = await s.data.send(new DescribeKeyValueStoreCommand({ KvsARN: s.arn }));
        await s.data.send(new DeleteKeyCommand({ KvsARN: s.arn, Key: '/a', IfMatch: ETag }));
        expect(s.kvs).toHaveItemCount(s.arn, 2);
        expect(s.kvs).not.toHaveItemCount(s.arn, 3);
      });

      it('fails with both counts and the keys', () => {
        expect(failure(() => expect(s.kvs).toHaveItemCount(s.arn, 2))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveItemCount(s.arn, 3))).toMatchSnapshot();
      });
    });

    describe('toHaveStoreStatus', () => {
      it('follows a created store from PROVISIONING to READY, and an import that failed', async () => {
        await s.control.send(new CreateKeyValueStoreCommand({ Name: 'fresh' }));
        expect(s.kvs).toHaveStoreStatus('fresh', 'PROVISIONING');
        expect(s.kvs).not.toHaveStoreStatus('fresh', 'READY');
        s.clock.advance(1000);
        expect(s.kvs).toHaveStoreStatus('fresh', 'READY');
        await s.control.send(
          new CreateKeyValueStoreCommand({ Name: 'imported', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/missing.json' } }),
        );
        s.clock.advance(1000);
        expect(s.kvs).toHaveStoreStatus('imported', 'IMPORT_FAILURE');
      });

      it('fails with both statuses, and the failure reason of an import', async () => {
        expect(failure(() => expect(s.kvs).toHaveStoreStatus(s.arn, 'PROVISIONING'))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveStoreStatus(s.arn, 'READY'))).toMatchSnapshot();
        await s.control.send(
          new CreateKeyValueStoreCommand({ Name: 'imported', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/missing.json' } }),
        );
        s.clock.advance(1000);
        expect(failure(() => expect(s.kvs).toHaveStoreStatus('imported', 'READY'))).toMatchSnapshot();
      });
    });

    describe('a store that does not exist', () => {
      it('fails every state matcher, with or without .not', async () => {
        const arn = s.arn.replace(/[0-9a-f]{8}-/, '00000000-');
        const messages = [
          failure(() => expect(s.kvs).toHaveKey(arn, '/a')),
          failure(() => expect(s.kvs).not.toHaveKey(arn, '/a')),
          failure(() => expect(s.kvs).toHaveItems('nope', {})),
          failure(() => expect(s.kvs).not.toHaveItems('nope', {})),
          failure(() => expect(s.kvs).toHaveItemCount('nope', 0)),
          failure(() => expect(s.kvs).not.toHaveItemCount('nope', 1)),
          failure(() => expect(s.kvs).toHaveStoreStatus('nope', 'READY')),
          failure(() => expect(s.kvs).not.toHaveStoreStatus('nope', 'READY')),
        ];
        expect(messages.join('\n\n')).toMatchSnapshot();
      });

      it('fails for a store deleted through the control plane', async () => {
        const { ETag } = await s.control.send(new DescribeControlCommand({ Name: 'redirects' }));
        await s.control.send(new DeleteKeyValueStoreCommand({ Name: 'redirects', IfMatch: ETag }));
        expect(failure(() => expect(s.kvs).not.toHaveKey(s.arn, '/a'))).toMatch(/no live store has the ARN/);
      });
    });

    describe('toHaveReceivedKvsCommand', () => {
      it('passes on a call of the operation, with an input that contains the fields', () => {
        expect(s.kvs).toHaveReceivedKvsCommand('PutKey');
        expect(s.kvs).toHaveReceivedKvsCommand('PutKey', { Key: '/a', Value: '/stale' });
        expect(s.kvs).toHaveReceivedKvsCommand('PutKey', { KvsARN: s.arn, Value: expect.stringMatching(/^\/b$/) });
        expect(s.kvs).toHaveReceivedKvsCommand('GetKey', expect.objectContaining({ Key: '/a' }));
        expect(s.kvs).not.toHaveReceivedKvsCommand('DeleteKey');
        expect(s.kvs).not.toHaveReceivedKvsCommand('PutKey', { Key: '/zzz' });
      });

      it('counts DescribeKeyValueStore on both planes', async () => {
        await s.control.send(new DescribeControlCommand({ Name: 'redirects' }));
        expect(s.kvs).toHaveReceivedKvsCommandTimes('DescribeKeyValueStore', 2);
        expect(s.kvs).toHaveReceivedKvsCommand('DescribeKeyValueStore', { Name: 'redirects' });
      });

      it('fails with the calls of the operation and a diff of their inputs, or the call log', () => {
        expect(failure(() => expect(s.kvs).toHaveReceivedKvsCommand('DeleteKey'))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).toHaveReceivedKvsCommand('PutKey', { Key: '/a', Value: '/c' }))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveReceivedKvsCommand('PutKey'))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveReceivedKvsCommand('PutKey', { Value: '/stale' }))).toMatchSnapshot();
      });

      it('shows three non-matching calls and counts the rest', async () => {
        for (let i = 0; i < 5; i++) await s.data.send(new GetKeyCommand({ KvsARN: s.arn, Key: '/old' }));
        expect(failure(() => expect(s.kvs).toHaveReceivedKvsCommand('GetKey', { Key: '/nope' }))).toMatch(/\n\n… and 3 more$/);
      });
    });

    describe('toHaveReceivedKvsCommandTimes', () => {
      it('passes on the exact number of calls, failed ones included', () => {
        expect(s.kvs).toHaveReceivedKvsCommandTimes('PutKey', 2);
        expect(s.kvs).toHaveReceivedKvsCommandTimes('DeleteKey', 0);
        expect(s.kvs).not.toHaveReceivedKvsCommandTimes('PutKey', 1);
      });

      it('fails with both counts and the calls', () => {
        expect(failure(() => expect(s.kvs).toHaveReceivedKvsCommandTimes('PutKey', 1))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).toHaveReceivedKvsCommandTimes('UpdateKeys', 1))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveReceivedKvsCommandTimes('PutKey', 2))).toMatchSnapshot();
      });
    });

    describe('toHaveReceivedNthKvsCommandWith', () => {
      it('counts calls of that operation only', () => {
        expect(s.kvs).toHaveReceivedNthKvsCommandWith(1, 'PutKey', { Key: '/a', Value: '/b' });
        expect(s.kvs).toHaveReceivedNthKvsCommandWith(2, 'PutKey', { Value: '/stale' });
        expect(s.kvs).toHaveReceivedNthKvsCommandWith(1, 'GetKey', { Key: '/a' });
        expect(s.kvs).not.toHaveReceivedNthKvsCommandWith(1, 'PutKey', { Value: '/stale' });
      });

      it('fails with a diff of that call, or the calls there were', () => {
        expect(failure(() => expect(s.kvs).toHaveReceivedNthKvsCommandWith(1, 'PutKey', { Key: '/a', Value: '/c' }))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).toHaveReceivedNthKvsCommandWith(3, 'PutKey', { Key: '/a' }))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).toHaveReceivedNthKvsCommandWith(1, 'UpdateKeys', { Puts: [] }))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveReceivedNthKvsCommandWith(2, 'PutKey', { Value: '/stale' }))).toMatchSnapshot();
      });
    });

    describe('toHaveRejectedStaleETag', () => {
      it('passes on a data-plane write rejected with ValidationException "Pre-Condition failed"', () => {
        expect(s.kvs).toHaveRejectedStaleETag();
        expect(s.kvs).toHaveRejectedStaleETag('PutKey');
        expect(s.kvs).not.toHaveRejectedStaleETag('UpdateKeys');
      });

      it('passes on a control-plane write rejected with PreconditionFailed', async () => {
        const stale = (await s.control.send(new DescribeControlCommand({ Name: 'redirects' }))).ETag!;
        await s.control.send(new UpdateKeyValueStoreCommand({ Name: 'redirects', Comment: 'one', IfMatch: stale }));
        const error = await rejection(s.control.send(new UpdateKeyValueStoreCommand({ Name: 'redirects', Comment: 'two', IfMatch: stale })));
        expect(error.name).toBe('PreconditionFailed');
        expect(s.kvs).toHaveRejectedStaleETag('UpdateKeyValueStore');
      });

      it('does not count other rejections', async () => {
        const kvs = createKvsSimulator({ seed: 'other' });
        const data = kvs.attach(new CloudFrontKeyValueStoreClient({}));
        const arn = kvs.seedStore({ items: { a: '1' } });
        const { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
        await rejection(data.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'missing', IfMatch: ETag })));
        await rejection(data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag })));
        expect(kvs).not.toHaveRejectedStaleETag();
        expect(failure(() => expect(kvs).toHaveRejectedStaleETag())).toMatchSnapshot();
      });

      it('fails with the writes and what they got', () => {
        expect(failure(() => expect(s.kvs).toHaveRejectedStaleETag('DeleteKey'))).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveRejectedStaleETag())).toMatchSnapshot();
        expect(failure(() => expect(s.kvs).not.toHaveRejectedStaleETag('PutKey'))).toMatchSnapshot();
      });
    });

    describe('misuse', () => {
      it('throws KvsMockUsageError, with or without .not, saying what to pass', () => {
        const usage = (assertion: () => void) => {
          try {
            assertion();
          } catch (error) {
            expect(error).toBeInstanceOf(KvsMockUsageError);
            return (error as Error).message;
          }
          throw new Error('expected a KvsMockUsageError');
        };
        const messages = [
          usage(() => expect({}).toHaveKey(s.arn, '/a')),
          usage(() => expect(s.arn).not.toHaveReceivedKvsCommand('PutKey')),
          usage(() => expect(s.kvs).toHaveKey(s.arn, '')),
          usage(() => expect(s.kvs).toHaveItems(s.arn, [] as never)),
          usage(() => expect(s.kvs).toHaveItemCount(s.arn, -1)),
          usage(() => expect(s.kvs).toHaveStoreStatus(s.arn, 'Ready' as never)),
          usage(() => expect(s.kvs).toHaveReceivedKvsCommand('Putkey' as never)),
          usage(() => expect(s.kvs).not.toHaveReceivedKvsCommand(PutKeyCommand as never)),
          usage(() => expect(s.kvs).toHaveReceivedKvsCommand('PutKey', 'key' as never)),
          usage(() => expect(s.kvs).toHaveReceivedKvsCommandTimes('PutKey', 1.5)),
          usage(() => expect(s.kvs).toHaveReceivedNthKvsCommandWith(0, 'PutKey', {})),
          usage(() => expect(s.kvs).toHaveRejectedStaleETag('GetKey' as never)),
        ];
        expect(messages.join('\n')).toMatchSnapshot();
      });

      it('knows every operation the simulator answers, and no other', () => {
        expect([...KVS_OPERATIONS].sort()).toEqual([...new Set([...Object.keys(DATA_PLANE), ...Object.keys(CONTROL_PLANE)])].sort());
      });
    });

  });

  describe('useKvsSimulator', () => {
    const kvs = runner.useKvsSimulator({ seed: `use-${runner.name}` });
    let arn = '';

    it('answers clients the code under test builds itself, without attach', async () => {
      arn = kvs.seedStore({ name: 'redirects', items: { '/old': '/new' } });
      const client = new CloudFrontKeyValueStoreClient({});
      const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      await client.send(new PutKeyCommand({ KvsARN: arn, Key: '/a', Value: '/b', IfMatch: ETag }));
      expect(kvs).toHaveItems(arn, { '/old': '/new', '/a': '/b' });
      expect(kvs).toHaveReceivedKvsCommandTimes('PutKey', 1);
    });

    it('resets the simulator after each test: no stores, no calls', () => {
      expect(arn).not.toBe('');
      expect(kvs.getStore(arn)).toBe(undefined);
      expect(kvs).toHaveReceivedKvsCommandTimes('PutKey', 0);
    });
  });
}
