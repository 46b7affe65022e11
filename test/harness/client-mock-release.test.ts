// A client fakeSend() attached must not stay with that simulator once the stub or the simulator
// is done with it: module-level clients outlive describe blocks, and the next simulator of the
// worker (useKvsSimulator, install, boundary) must answer them. The blocks run in file order.
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CloudFrontKeyValueStoreClient, GetKeyCommand, PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { mockClient } from 'aws-sdk-client-mock';
import { createKvsSimulator } from '../../src';
import { useKvsSimulator } from '../../src/jest';
import * as app from './fixtures/app';

const MIDDLEWARE = 'cloudfrontKvsMockMiddleware';

/** Writes through the application's module-level client, then reads back through it. */
async function roundTrip(arn: string): Promise<string | undefined> {
  await app.writeKey(arn, 'k', 'written');
  return app.readKey(arn, 'k');
}

describe('A: aws-sdk-client-mock in front of simulator 1, reset after each test', () => {
  const sim1 = createKvsSimulator({ seed: 'sim1' });
  const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
  beforeEach(() => {
    kvsMock.reset();
    kvsMock.send.callsFake(sim1.fakeSend());
  });
  afterEach(() => sim1.reset());
  afterAll(() => kvsMock.restore());

  it('answers the module-level client from simulator 1', async () => {
    const arn = sim1.seedStore({ name: 'shared' });
    expect(await roundTrip(arn)).toBe('written');
    expect(sim1.getStore(arn)?.Items).toEqual({ k: 'written' });
  });

  it('attaches the client again after a reset, while the stub is in place', async () => {
    const arn = sim1.seedStore({ name: 'shared' });
    expect(await roundTrip(arn)).toBe('written');
    expect(sim1.calls('PutKey')).toHaveLength(1);
  });
});

describe('B: useKvsSimulator() with simulator 2, after A', () => {
  const sim2 = useKvsSimulator({ seed: 'sim2' });
  const sim1 = createKvsSimulator({ seed: 'sim1' });

  it('answers the same module-level client from simulator 2', async () => {
    const arn = sim2.seedStore({ name: 'shared' });
    expect(await roundTrip(arn)).toBe('written');
    expect(sim2.getStore(arn)?.Items).toEqual({ k: 'written' });
    expect(sim2.calls('PutKey')).toHaveLength(1);
  });

  it('keeps answering from simulator 2 after its reset', async () => {
    const arn = sim2.seedStore({ name: 'shared' });
    await expect(roundTrip(arn)).resolves.toBe('written');
    expect(sim1.calls()).toEqual([]);
  });
});

describe('C: the stub restored while simulator 1 is neither reset nor restored', () => {
  const sim1 = createKvsSimulator({ seed: 'sim1' });
  afterEach(() => sim1.reset());

  it('lets a later install() answer the client', async () => {
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    kvsMock.send.callsFake(sim1.fakeSend());
    const arn1 = sim1.seedStore({ name: 'shared' });
    expect(await roundTrip(arn1)).toBe('written');
    kvsMock.restore();

    const sim2 = createKvsSimulator({ seed: 'sim2' }).install();
    try {
      const arn2 = sim2.seedStore({ name: 'only-in-sim2' });
      expect(await roundTrip(arn2)).toBe('written');
      expect(sim2.getStore(arn2)?.Items).toEqual({ k: 'written' });
      expect(sim1.getStore('only-in-sim2')).toBeUndefined();
      expect(sim1.calls('PutKey')).toHaveLength(1);
    } finally {
      sim2.restore();
    }
  });

  it('keeps the client with simulator 1 while the stub is in place, though another simulator is installed', async () => {
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    kvsMock.send.callsFake(sim1.fakeSend());
    const sim2 = createKvsSimulator({ seed: 'sim2' }).install();
    try {
      const arn1 = sim1.seedStore({ name: 'shared' });
      expect(await roundTrip(arn1)).toBe('written');
      expect(await roundTrip(arn1)).toBe('written');
      expect(sim1.calls('PutKey')).toHaveLength(2);
      expect(sim2.calls()).toEqual([]);
    } finally {
      sim2.restore();
      kvsMock.restore();
    }
  });

  it('lets a later boundary() answer the client', async () => {
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    kvsMock.send.callsFake(sim1.fakeSend());
    const arn1 = sim1.seedStore({ name: 'shared' });
    expect(await roundTrip(arn1)).toBe('written');
    kvsMock.restore();

    const sim3 = createKvsSimulator({ seed: 'sim3' });
    await sim3.boundary(async () => {
      const arn3 = sim3.seedStore({ name: 'only-in-sim3' });
      expect(await roundTrip(arn3)).toBe('written');
      expect(sim3.getStore(arn3)?.Items).toEqual({ k: 'written' });
    })();
    expect(sim1.getStore('only-in-sim3')).toBeUndefined();
    expect(sim1.calls('PutKey')).toHaveLength(1);
  });
});

describe('D: simulator 1 restored, then a boundary', () => {
  it('releases the client on restore(), though simulator 1 was never installed', async () => {
    const sim1 = createKvsSimulator({ seed: 'sim1' });
    const client = new CloudFrontKeyValueStoreClient({});
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    kvsMock.send.callsFake(sim1.fakeSend());
    try {
      await app.writeKey(sim1.seedStore({ name: 'shared' }), 'k', 'written', client);
      expect(sim1.restore()).toBe(false); // not installed: it says so, and still lets the client go
      expect(client.middlewareStack.identify().join()).not.toContain(MIDDLEWARE);
    } finally {
      kvsMock.restore();
    }
    const sim3 = createKvsSimulator({ seed: 'sim3' });
    await sim3.boundary(async () => {
      const arn3 = sim3.seedStore({ name: 'shared' });
      await app.writeKey(arn3, 'k', 'written', client);
      expect(sim3.getStore(arn3)?.Items).toEqual({ k: 'written' });
    })();
    expect(sim1.calls('PutKey')).toHaveLength(1);
  });
});

describe('two simulators behind one stub, one after the other', () => {
  it("hands the client over: the first one's reset() leaves the second one's attachment alone", async () => {
    const sim1 = createKvsSimulator({ seed: 'first' });
    const sim2 = createKvsSimulator({ seed: 'second' });
    const client = new CloudFrontKeyValueStoreClient({});
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    try {
      kvsMock.send.callsFake(sim1.fakeSend());
      await app.writeKey(sim1.seedStore({ name: 'shared' }), 'k', 'one', client);
      kvsMock.send.callsFake(sim2.fakeSend());
      const arn2 = sim2.seedStore({ name: 'shared' });
      await app.writeKey(arn2, 'k', 'two', client);
      sim1.reset();
      kvsMock.restore();
      expect(await app.readKey(arn2, 'k', client)).toBe('two'); // still sim2's, stub or not
      expect(sim2.calls('GetKey')).toHaveLength(1);
    } finally {
      kvsMock.restore();
      sim2.reset();
    }
    expect(client.middlewareStack.identify().join()).not.toContain(MIDDLEWARE);
  });
});

describe('attach() keeps its contract', () => {
  it('an explicitly attached client stays attached through reset() and restore(), also when fakeSend() met it', async () => {
    const sim1 = createKvsSimulator({ seed: 'explicit' });
    const client = sim1.attach(new CloudFrontKeyValueStoreClient({}));
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    kvsMock.send.callsFake(sim1.fakeSend());
    try {
      const arn = sim1.seedStore({ items: { k: 'v' } });
      expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v');
      sim1.reset();
      sim1.restore();
    } finally {
      kvsMock.restore();
    }
    expect(client.middlewareStack.identify().join()).toContain(MIDDLEWARE);
    const arn = sim1.seedStore({ items: { k: 'still attached' } });
    expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('still attached');
    expect(sim1.detach(client)).toBe(true);
  });

  it('attach() after fakeSend() makes the attachment explicit: reset() keeps it', async () => {
    const sim1 = createKvsSimulator({ seed: 'promoted' });
    const client = new CloudFrontKeyValueStoreClient({});
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    kvsMock.send.callsFake(sim1.fakeSend());
    try {
      const arn = sim1.seedStore({ items: { k: 'v' } });
      await client.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'w', IfMatch: sim1.getStore(arn)!.ETag }));
    } finally {
      kvsMock.restore();
    }
    sim1.attach(client);
    sim1.reset();
    const arn = sim1.seedStore({ items: { k: 'kept' } });
    expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('kept');
    sim1.detach(client);
  });

  it('a fakeSend() client goes back to the bare SDK when its simulator is reset and nothing else answers', async () => {
    const sim1 = createKvsSimulator({ seed: 'bare', allowNetwork: true });
    const client = new CloudFrontKeyValueStoreClient({});
    const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
    kvsMock.send.callsFake(sim1.fakeSend());
    try {
      await client.send(new GetKeyCommand({ KvsARN: sim1.seedStore({ items: { k: 'v' } }), Key: 'k' }));
      expect(client.middlewareStack.identify().join()).toContain(MIDDLEWARE);
      sim1.reset();
      expect(client.middlewareStack.identify().join()).not.toContain(MIDDLEWARE);
    } finally {
      kvsMock.restore();
    }
  });
});
