import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  CloudFrontKeyValueStoreClient,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { mockClient } from 'aws-sdk-client-mock';
import { createKvsSimulator, manualClock } from '../../src';
import { rejection } from '../helpers/clients';

/**
 * The fast path answers attached clients without rebuilding the SDK's middleware chain. These
 * tests pin down that nothing a caller can see changes: outputs, errors, the call log, user
 * middleware, stubs, detach and reset.
 */

const MIDDLEWARE = 'cloudfrontKvsMockMiddleware';

/**
 * A client, and how often the SDK has built a command's chain since (its `resolveMiddleware`,
 * spied on the classes that define it). A counting middleware would be the application's own
 * middleware, which takes the SDK's whole pipeline on every send.
 */
function countingClient(): { client: CloudFrontKeyValueStoreClient; builds: () => number } {
  const client = new CloudFrontKeyValueStoreClient({});
  let builds = 0;
  const owners = new Set<any>();
  for (const Command of [GetKeyCommand, ListKeysCommand, PutKeyCommand, DeleteKeyCommand, DescribeKeyValueStoreCommand, UpdateKeysCommand]) {
    let p: any = Command.prototype;
    while (p && !Object.prototype.hasOwnProperty.call(p, 'resolveMiddleware')) p = Object.getPrototypeOf(p);
    if (p) owners.add(p);
  }
  for (const owner of owners) {
    const original = owner.resolveMiddleware;
    jest.spyOn(owner, 'resolveMiddleware').mockImplementation(function (this: unknown, ...args: unknown[]) {
      builds++;
      return original.apply(this, args);
    });
  }
  return { client, builds: () => builds };
}

function hasOwnSend(client: object): boolean {
  return Object.prototype.hasOwnProperty.call(client, 'send');
}

/** Where a rejection leaves the caller: everything the SDK error shows. */
function seen(error: any) {
  return { ctor: error?.constructor, name: error?.name, message: error?.message, $fault: error?.$fault, $metadata: error?.$metadata };
}

describe('the fast path of an attached client', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('builds the chain once per command class, then answers without it', async () => {
    const kvs = createKvsSimulator({ seed: 1 });
    const { client, builds } = countingClient();
    kvs.attach(client);
    const arn = kvs.seedStore({ items: { a: '1', b: '2' } });

    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'b' }));
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(builds()).toBe(1);
    const out = await client.send(new ListKeysCommand({ KvsARN: arn }));
    expect(out.Items).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    expect(builds()).toBe(2);
    expect(kvs.calls().map((c) => c.operation)).toEqual(['GetKey', 'GetKey', 'GetKey', 'ListKeys']);
  });

  it('gives the same outputs, errors and call log as the SDK chain, call for call', async () => {
    // Two simulators with the same seed and clock; one client takes the fast path, the other is
    // sent with an options argument, which always goes through the SDK's own send.
    const run = async (viaChain: boolean) => {
      const kvs = createKvsSimulator({ seed: 'same', clock: manualClock('2024-05-01T00:00:00Z') });
      const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
      const send = (command: any): Promise<any> => (viaChain ? client.send(command, {}) : client.send(command));
      const arn = kvs.seedStore({ items: { a: '1', b: '2', c: '3' } });
      const results: unknown[] = [];
      const record = async (command: unknown) => {
        try {
          results.push({ ok: await send(command) });
        } catch (error) {
          results.push({ error: seen(error) });
        }
      };
      let etag = kvs.getStore(arn)!.ETag;
      await record(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
      await record(new GetKeyCommand({ KvsARN: arn, Key: 'missing' }));
      await record(new GetKeyCommand({ KvsARN: 'not-an-arn', Key: 'a' }));
      await record(new GetKeyCommand({ KvsARN: 'not-an-arn', Key: 'a' }));
      await record(new GetKeyCommand({ KvsARN: arn } as never));
      await record(new PutKeyCommand({ KvsARN: arn, Key: 'd', Value: '4', IfMatch: 'KVWRONG' }));
      const put = await send(new PutKeyCommand({ KvsARN: arn, Key: 'd', Value: '4', IfMatch: etag }));
      results.push({ ok: put });
      etag = put.ETag;
      const update = await send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts: [{ Key: 'e', Value: '5' }], Deletes: [{ Key: 'a' }] }));
      results.push({ ok: update });
      await record(new DeleteKeyCommand({ KvsARN: arn, Key: 'zz', IfMatch: update.ETag }));
      await record(new ListKeysCommand({ KvsARN: arn, MaxResults: 2 }));
      await record(new ListKeysCommand({ KvsARN: arn, MaxResults: 2, NextToken: (results.at(-1) as any).ok.NextToken }));
      await record(new ListKeysCommand({ KvsARN: arn, NextToken: 'forged.token' }));
      await record(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      return { results, calls: kvs.calls(), state: kvs.getStore(arn) };
    };
    const fast = await run(false);
    const chain = await run(true);
    expect(fast.results).toEqual(chain.results);
    expect(fast.calls).toEqual(chain.calls);
    expect(fast.state).toEqual(chain.state);
    // The run covered both successes and the SDK's own client-side errors.
    expect(fast.results.filter((r: any) => r.error)).toHaveLength(7);
  });

  it('runs middleware added after the first send, on the client or on one command', async () => {
    const kvs = createKvsSimulator({ seed: 2 });
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = kvs.seedStore({ items: { a: '1' } });
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));

    const seenByClient: string[] = [];
    client.middlewareStack.addRelativeTo(
      (next: any) => async (args: any) => {
        seenByClient.push(args.input.Key);
        return next(args);
      },
      { relation: 'before', toMiddleware: MIDDLEWARE, name: 'userSpy' },
    );
    const out = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(out.Value).toBe('1');
    expect(seenByClient).toEqual(['a']);

    client.middlewareStack.remove('userSpy');
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' })); // the fast path is back for bare commands
    const seenByCommand: string[] = [];
    const command = new GetKeyCommand({ KvsARN: arn, Key: 'a' });
    command.middlewareStack.addRelativeTo(
      (next: any) => async (args: any) => {
        seenByCommand.push(args.input.Key);
        return next(args);
      },
      { relation: 'before', toMiddleware: MIDDLEWARE, name: 'commandSpy' },
    );
    await client.send(command);
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(seenByCommand).toEqual(['a']);
    expect(seenByClient).toEqual(['a']);
  });

  it('lets a middleware that runs before ours answer instead', async () => {
    const kvs = createKvsSimulator({ seed: 3 });
    const client = new CloudFrontKeyValueStoreClient({});
    client.middlewareStack.add(() => async () => ({ output: { Key: 'k', Value: 'from the user', $metadata: {} }, response: {} }), {
      step: 'initialize',
      priority: 'high',
      name: 'userAnswers',
    });
    kvs.attach(client);
    const arn = kvs.seedStore({ items: { k: 'from the simulator' } });
    for (let i = 0; i < 3; i++) {
      const out = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }));
      expect(out.Value).toBe('from the user');
    }
    expect(kvs.calls()).toEqual([]);
  });

  it('follows reset() and a second attach at once', async () => {
    const first = createKvsSimulator({ seed: 4 });
    const client = first.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = first.seedStore({ items: { a: 'first' } });
    expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('first');

    first.reset();
    const error = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);

    const second = createKvsSimulator({ seed: 4 });
    second.attach(client);
    const arn2 = second.seedStore({ items: { a: 'second' } });
    expect((await client.send(new GetKeyCommand({ KvsARN: arn2, Key: 'a' }))).Value).toBe('second');
    expect(second.calls('GetKey')).toHaveLength(1);
    expect(first.calls('GetKey')).toHaveLength(1);
  });

  it('goes away with detach(): the client is a bare SDK client again', async () => {
    const kvs = createKvsSimulator({ seed: 5 });
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = kvs.seedStore({ items: { a: '1' } });
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(hasOwnSend(client)).toBe(true);

    expect(kvs.detach(client)).toBe(true);
    expect(hasOwnSend(client)).toBe(false);
    await expect(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).rejects.toThrow('Region is missing');
    expect(kvs.calls()).toHaveLength(1);
  });

  it('steps aside for a stub put on the class later (aws-sdk-client-mock), and comes back after restore()', async () => {
    const kvs = createKvsSimulator({ seed: 6 });
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = kvs.seedStore({ items: { a: 'simulated' } });
    expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('simulated');

    const mock = mockClient(CloudFrontKeyValueStoreClient);
    try {
      mock.on(GetKeyCommand).resolves({ Key: 'a', Value: 'stubbed' });
      expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('stubbed');
    } finally {
      mock.restore();
    }
    expect((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value).toBe('simulated');
    expect(kvs.calls('GetKey')).toHaveLength(2);
  });

  it('keeps the SDK path for sends with options or a callback', async () => {
    const kvs = createKvsSimulator({ seed: 7 });
    const { client, builds } = countingClient();
    kvs.attach(client);
    const arn = kvs.seedStore({ items: { a: '1' } });
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(builds()).toBe(1);

    const out = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }), { abortSignal: new AbortController().signal });
    expect(out.Value).toBe('1');
    const viaCallback = await new Promise((resolve, reject) =>
      client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }), (error: unknown, output?: { Value?: string }) => (error ? reject(error) : resolve(output?.Value))),
    );
    expect(viaCallback).toBe('1');
    expect(builds()).toBe(3);
  });

  it('still logs the stack when the client asks for it (identifyOnResolve)', async () => {
    const kvs = createKvsSimulator({ seed: 8 });
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = kvs.seedStore({ items: { a: '1' } });
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    client.middlewareStack.identifyOnResolve(true);
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]![0]).toEqual(expect.arrayContaining([`${MIDDLEWARE} - initialize`]));
  });

  it('answers a client built with cacheMiddleware: true the same way', async () => {
    const kvs = createKvsSimulator({ seed: 9 });
    const client = new CloudFrontKeyValueStoreClient({ cacheMiddleware: true });
    kvs.attach(client);
    const arn = kvs.seedStore({ items: { a: '1' } });
    const outs = [];
    for (let i = 0; i < 3; i++) outs.push((await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).Value);
    expect(outs).toEqual(['1', '1', '1']);
    expect(kvs.detach(client)).toBe(true);
    await expect(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).rejects.toThrow('Region is missing');
  });
});

describe('the fast path of a client reached by install()', () => {
  let kvs: ReturnType<typeof createKvsSimulator> | undefined;
  afterEach(() => {
    kvs?.restore();
    kvs = undefined;
    jest.restoreAllMocks();
  });

  it('builds the chain for the first sends only, then answers without it', async () => {
    kvs = createKvsSimulator({ seed: 10 }).install();
    const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
    const { client, builds } = countingClient();
    expect(hasOwnSend(client)).toBe(false);

    const values = [];
    for (const key of ['a', 'b', 'a', 'b']) values.push((await client.send(new GetKeyCommand({ KvsARN: arn, Key: key }))).Value);
    expect(values).toEqual(['1', '2', '1', '2']);
    expect(hasOwnSend(client)).toBe(true);
    // The first send adopts the client through the SDK's own send; the second probes the command class.
    expect(builds()).toBe(2);
    expect(kvs.calls('GetKey').map((c) => c.output?.['Value'])).toEqual(['1', '2', '1', '2']);
  });

  it('answers as the chain does, errors and call log included', async () => {
    const run = async (viaChain: boolean) => {
      const sim = createKvsSimulator({ seed: 'same', clock: manualClock('2024-05-01T00:00:00Z') }).install();
      try {
        const client = new CloudFrontKeyValueStoreClient({});
        const send = (command: any): Promise<any> => (viaChain ? client.send(command, {}) : client.send(command));
        const arn = sim.seedStore({ items: { a: '1' } });
        const results: unknown[] = [];
        for (const command of [
          new GetKeyCommand({ KvsARN: arn, Key: 'a' }),
          new GetKeyCommand({ KvsARN: arn, Key: 'missing' }),
          new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: 'stale' }),
          new ListKeysCommand({ KvsARN: arn, MaxResults: 1 }),
          new GetKeyCommand({ KvsARN: arn, Key: 'a' }),
        ]) {
          results.push(await send(command).then((output) => ({ output }), (error) => ({ error: seen(error) })));
        }
        return { results, calls: sim.calls().map(({ error, ...rest }) => ({ ...rest, error: error && seen(error) })) };
      } finally {
        sim.restore();
      }
    };
    expect(await run(false)).toEqual(await run(true));
  });

  it('goes away with restore(): the client is a bare SDK client again', async () => {
    kvs = createKvsSimulator({ seed: 11 }).install();
    const arn = kvs.seedStore({ items: { a: '1' } });
    const client = new CloudFrontKeyValueStoreClient({});
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(hasOwnSend(client)).toBe(true);

    kvs.restore();
    expect(hasOwnSend(client)).toBe(false);
    await expect(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }))).rejects.toThrow('Region is missing');
    expect(kvs.calls('GetKey')).toHaveLength(2);
  });

  it('answers each boundary from its own simulator', async () => {
    const a = createKvsSimulator({ seed: 'a' });
    const b = createKvsSimulator({ seed: 'b' });
    const arnA = a.seedStore({ name: 'same', items: { k: 'from a' } });
    const arnB = b.seedStore({ name: 'same', items: { k: 'from b' } });
    const client = new CloudFrontKeyValueStoreClient({});
    const read = async (arn: string) => (await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value;
    const values = await Promise.all([
      a.boundary(async () => [await read(arnA), await read(arnA), await read(arnA)])(),
      b.boundary(async () => [await read(arnB), await read(arnB), await read(arnB)])(),
    ]);
    expect(values).toEqual([
      ['from a', 'from a', 'from a'],
      ['from b', 'from b', 'from b'],
    ]);
    expect(a.calls('GetKey')).toHaveLength(3);
    expect(b.calls('GetKey')).toHaveLength(3);
    expect(hasOwnSend(client)).toBe(false);
  });
});
