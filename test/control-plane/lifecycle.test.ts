import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  CloudFrontClient,
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand as DescribeControlCommand,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';
import {
  ConflictException,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { inProcess } from '../helpers/targets/inprocess';
import { createStore, describeStore } from './fixtures';

const T0 = Date.parse('2024-05-08T14:48:45.381Z');

/** What a caller's deploy code does: poll Describe until READY, sleeping between polls. */
async function waitUntilReady(control: CloudFrontClient, name: string, sleep: (ms: number) => void | Promise<void>, maxPolls = 20) {
  const seen: string[] = [];
  for (let poll = 0; poll < maxPolls; poll++) {
    const { KeyValueStore } = await control.send(new DescribeControlCommand({ Name: name }));
    seen.push(KeyValueStore!.Status!);
    if (KeyValueStore!.Status !== 'PROVISIONING') return seen;
    await sleep(5_000);
  }
  throw new Error(`store ${name} still PROVISIONING after ${maxPolls} polls`);
}

async function expectNotReady(promise: Promise<unknown>, arn: string, status: string) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ConflictException);
  expect(error.name).toBe('ConflictException');
  expect(error.$fault).toBe('client');
  expect(error.$metadata).toEqual(metadata(409));
  expect(error.message).toBe(`Key-Value-Store was not in expected state: ${arn} is ${status}, not READY.`);
}

describe('Store lifecycle on the simulator clock (D10)', () => {
  it('Create answers PROVISIONING; with the default delay 0 the next Describe already says READY', async () => {
    const { control } = setup();
    const created = await createStore(control, { Name: 'quick' });
    expect(created.KeyValueStore!.Status).toBe('PROVISIONING');
    expect((await describeStore(control, 'quick')).KeyValueStore!.Status).toBe('READY');
  });

  it('with provisioningDelayMs 30000 and a manual clock, Describe stays PROVISIONING until the clock has moved 30 s', async () => {
    const clock = manualClock(T0);
    const { control } = setup({ clock, provisioningDelayMs: 30_000 });
    const created = await createStore(control, { Name: 'slow' });
    expect(created.KeyValueStore!.Status).toBe('PROVISIONING');

    expect((await describeStore(control, 'slow')).KeyValueStore!.Status).toBe('PROVISIONING');
    clock.advance(29_999);
    expect((await describeStore(control, 'slow')).KeyValueStore!.Status).toBe('PROVISIONING');
    clock.advance(1);
    const ready = await describeStore(control, 'slow');
    expect(ready.KeyValueStore!.Status).toBe('READY');
    // Becoming READY is not a modification: same ETag, same LastModifiedTime.
    expect(ready.ETag).toBe(created.ETag);
    expect(ready.KeyValueStore!.LastModifiedTime).toEqual(new Date(T0));
  });

  it('before READY the data plane answers ConflictException (D3); after, it serves the store', async () => {
    const clock = manualClock(T0);
    const { kvs, control, data } = setup({ clock, provisioningDelayMs: 30_000 });
    const arn = (await createStore(control, { Name: 'slow' })).KeyValueStore!.ARN!;

    await expectNotReady(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })), arn, 'PROVISIONING');
    await expectNotReady(data.send(new ListKeysCommand({ KvsARN: arn })), arn, 'PROVISIONING');
    await expectNotReady(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' })), arn, 'PROVISIONING');
    const etag = kvs.getStore(arn)!.ETag;
    await expectNotReady(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: etag })), arn, 'PROVISIONING');
    expect(kvs.getStore(arn)).toMatchObject({ ItemCount: 0, ETag: etag });

    clock.advance(30_000);
    const described = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    expect(described).toMatchObject({ Status: 'READY', ItemCount: 0, Created: new Date(T0) });
    await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: described.ETag }));
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v');
  });

  it("a caller's polling loop (Describe until READY, advancing the clock as its sleep) ends once the delay has passed", async () => {
    const clock = manualClock(T0);
    const { control } = setup({ clock, provisioningDelayMs: 12_000 });
    await createStore(control, { Name: 'polled' });

    const seen = await waitUntilReady(control, 'polled', (ms) => void clock.advance(ms));

    // Polls at +0, +5 s, +10 s see PROVISIONING; the one at +15 s sees READY.
    expect(seen).toEqual(['PROVISIONING', 'PROVISIONING', 'PROVISIONING', 'READY']);
    expect(clock()).toBe(T0 + 15_000);
  });

  it('a failed import stays PROVISIONING for the delay, then says IMPORT_FAILURE (D11)', async () => {
    const clock = manualClock(T0);
    const { kvs, control } = setup({ clock, provisioningDelayMs: 30_000 });
    kvs.putS3Object('s3://bucket/bad.json', '{"data": 1}');
    await createStore(control, { Name: 'bad', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/bad.json' } });

    expect(await waitUntilReady(control, 'bad', (ms) => void clock.advance(ms))).toEqual([
      'PROVISIONING',
      'PROVISIONING',
      'PROVISIONING',
      'PROVISIONING',
      'PROVISIONING',
      'PROVISIONING',
      'IMPORT_FAILURE',
    ]);
  });

  it('LastModifiedTime and the data-plane times come from the simulator clock', async () => {
    const clock = manualClock('2030-01-02T03:04:05.678Z');
    const { control, data } = setup({ clock });
    const created = await createStore(control, { Name: 'dated' });
    expect(created.KeyValueStore!.LastModifiedTime).toEqual(new Date('2030-01-02T03:04:05.678Z'));
    const described = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: created.KeyValueStore!.ARN! }));
    expect(described.Created).toEqual(new Date('2030-01-02T03:04:05.678Z'));
  });

  it('a PROVISIONING store can be updated and deleted on the control plane', async () => {
    const clock = manualClock(T0);
    const { kvs, control } = setup({ clock, provisioningDelayMs: 30_000 });
    const created = await createStore(control, { Name: 'early' });
    const updated = await control.send(new UpdateKeyValueStoreCommand({ Name: 'early', Comment: 'changed', IfMatch: created.ETag }));
    expect(updated.KeyValueStore).toMatchObject({ Comment: 'changed', Status: 'PROVISIONING' });
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'early', IfMatch: updated.ETag }));
    expect(kvs.getStore('early')).toBeUndefined();
  });

  it('seeded stores are READY at once, whatever the delay', async () => {
    const { kvs, control, data } = setup({ clock: manualClock(T0), provisioningDelayMs: 60_000 });
    const arn = kvs.seedStore({ name: 'seeded', items: { a: '1' } });
    expect((await describeStore(control, 'seeded')).KeyValueStore!.Status).toBe('READY');
    expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('1');
  });

  describe('jest fake timers move the default clock', () => {
    // Built before the fake timers are installed, as a module-level simulator is. In-process
    // whatever the target: faked timers would stop a server's sockets along with the clock.
    const kvs = createKvsSimulator({ seed: 'fake-timers', provisioningDelayMs: 30_000 });
    const { control, data } = inProcess.clients(kvs, {});

    afterEach(() => {
      jest.useRealTimers();
      kvs.reset();
    });

    it('jest.advanceTimersByTime takes a store from PROVISIONING to READY', async () => {
      jest.useFakeTimers({ now: T0 });
      const created = await createStore(control, { Name: 'faked' });
      const arn = created.KeyValueStore!.ARN!;
      expect(created.KeyValueStore!.LastModifiedTime).toEqual(new Date(T0));

      jest.advanceTimersByTime(29_999);
      expect((await describeStore(control, 'faked')).KeyValueStore!.Status).toBe('PROVISIONING');
      await expectNotReady(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })), arn, 'PROVISIONING');

      jest.advanceTimersByTime(1);
      expect((await describeStore(control, 'faked')).KeyValueStore!.Status).toBe('READY');
      expect((await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).Status).toBe('READY');
    });

    it('a polling loop that sleeps with setTimeout finishes under fake timers', async () => {
      jest.useFakeTimers({ now: T0 });
      await createStore(control, { Name: 'slept' });
      const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

      const polling = waitUntilReady(control, 'slept', sleep);
      // Let each poll reach its sleep, then fire the timer it set.
      for (let i = 0; i < 10; i++) await jest.advanceTimersByTimeAsync(5_000);

      await expect(polling).resolves.toEqual(['PROVISIONING', 'PROVISIONING', 'PROVISIONING', 'PROVISIONING', 'PROVISIONING', 'PROVISIONING', 'READY']);
    }, 5_000); // a clock the fake timers do not move would leave the loop polling forever

    it('jest.setSystemTime jumps the clock too, and real timers bring real time back', async () => {
      jest.useFakeTimers({ now: T0 });
      await createStore(control, { Name: 'jumped' });
      jest.setSystemTime(T0 + 30_000);
      expect((await describeStore(control, 'jumped')).KeyValueStore!.Status).toBe('READY');

      jest.useRealTimers();
      const created = await createStore(control, { Name: 'real-time' });
      expect(Math.abs(created.KeyValueStore!.LastModifiedTime!.getTime() - Date.now())).toBeLessThan(60_000);
      expect((await describeStore(control, 'real-time')).KeyValueStore!.Status).toBe('PROVISIONING');
    });
  });
});
