/**
 * Model-based test: random command sequences on both planes, sent through the real SDK clients
 * to the double and, in lockstep, to an independent reference model (test/reliability/model).
 * Every answer (output, error class and name, status, `$metadata`) and the state afterwards
 * (`getStore()` of every store) must agree. Seeds are printed on failure and replayable
 * (see model/settings.ts); `KVS_FC_RUNS` runs more sequences.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CloudFrontClient, CloudFrontServiceException, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient, CloudFrontKeyValueStoreServiceException, GetKeyCommand, PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, manualClock, type KvsSimulator } from '../../src';
import { rejection, setup } from '../helpers/clients';
import { ACCOUNT_A, ACCOUNT_B, S3_OBJECTS, bigSequence, run, sequence, smallQuotas, type Command } from './model/commands';
import { Lockstep } from './model/lockstep';
import { ReferenceKvs, type ModelQuotas } from './model/reference-kvs';
import { checkProperty, envCount } from './model/settings';

const FILE = 'test/reliability/model-based.test.ts';
const START = Date.UTC(2024, 0, 1);

interface Config {
  quotas: Partial<ModelQuotas> | undefined;
  provisioningDelayMs: number;
  seed: number;
  cacheMiddleware: boolean;
  /** New clients from setup(); otherwise the pooled clients, detached from the last simulator and attached to this one. */
  freshClients: boolean;
}

const config: fc.Arbitrary<Config> = fc.record({
  quotas: fc.option(smallQuotas, { nil: undefined, freq: 2 }),
  provisioningDelayMs: fc.constantFrom(0, 0, 0, 1000),
  seed: fc.integer(),
  cacheMiddleware: fc.boolean(),
  freshClients: fc.nat(7).map((n) => n === 0),
});

/**
 * Clients outlive simulators: building five SDK clients costs more than a whole sequence, and
 * moving them from one simulator to the next checks that detach() and attach() leave nothing behind.
 */
const pool = {
  owner: undefined as KvsSimulator | undefined,
  data: [new CloudFrontKeyValueStoreClient({}), new CloudFrontKeyValueStoreClient({ cacheMiddleware: true })],
  control: [new CloudFrontClient({}), new CloudFrontClient({ cacheMiddleware: true }), new CloudFrontClient({})],
};

function pooledClients(kvs: KvsSimulator) {
  if (pool.owner) for (const client of [...pool.data, ...pool.control]) pool.owner.detach(client);
  pool.owner = kvs;
  for (const client of pool.data) kvs.attach(client);
  kvs.attach(pool.control[0]!);
  kvs.attach(pool.control[1]!);
  kvs.attach(pool.control[2]!, { accountId: ACCOUNT_B });
  return { data: pool.data, control: pool.control };
}

/** Runs one sequence in lockstep; throws a Divergence at the first difference. */
async function runSequence(cfg: Config, commands: Command[], checkEvery = 1): Promise<Lockstep> {
  const clock = manualClock(START);
  const options = {
    seed: cfg.seed,
    clock,
    accountId: ACCOUNT_A,
    provisioningDelayMs: cfg.provisioningDelayMs,
    ...(cfg.quotas ? { quotas: cfg.quotas } : {}),
  };
  let kvs: KvsSimulator;
  let clients: { data: CloudFrontKeyValueStoreClient[]; control: CloudFrontClient[] };
  if (cfg.freshClients) {
    const fresh = setup(options);
    kvs = fresh.kvs;
    clients = {
      data: [fresh.data, kvs.attach(new CloudFrontKeyValueStoreClient({ cacheMiddleware: cfg.cacheMiddleware }))],
      control: [fresh.control, kvs.attach(new CloudFrontClient({ cacheMiddleware: cfg.cacheMiddleware })), kvs.attach(new CloudFrontClient({}), { accountId: ACCOUNT_B })],
    };
  } else {
    kvs = createKvsSimulator(options);
    clients = pooledClients(kvs);
  }
  const model = ReferenceKvs.create({ accountId: ACCOUNT_A, quotas: cfg.quotas, provisioningDelayMs: cfg.provisioningDelayMs, now: START });
  model.addAccount(ACCOUNT_B);
  for (const [arn, text] of Object.entries(S3_OBJECTS)) {
    kvs.putS3Object(arn, text);
    model.putS3Object(arn.slice('arn:aws:s3:::'.length), text);
  }
  const step = new Lockstep(
    model,
    {
      data: clients.data,
      control: [
        { client: clients.control[0]!, accountId: ACCOUNT_A },
        { client: clients.control[1]!, accountId: ACCOUNT_A },
        { client: clients.control[2]!, accountId: ACCOUNT_B },
      ],
    },
    kvs,
  );
  const tick = (ms: number) => {
    clock.advance(ms);
    step.model.setTime(clock());
  };
  for (const [i, cmd] of commands.entries()) {
    await run(step, cmd, tick);
    if (i % checkEvery === 0 || i === commands.length - 1) step.checkState();
  }
  return step;
}

describe('model-based: the double agrees with an independent reference model', () => {
  const runs = envCount('KVS_FC_RUNS', 2000);

  it(`agrees on ${runs} random sequences of both planes' commands`, async () => {
    let calls = 0;
    const property = fc.asyncProperty(config, sequence, async (cfg, commands) => {
      const step = await runSequence(cfg, commands);
      calls += step.log.length;
    });
    const details = await checkProperty(`agrees on ${runs} random sequences`, FILE, property, runs);
    expect(details.numRuns).toBe(runs);
    // Not a tautology: the sequences really reached the double, thousands of times.
    expect(calls).toBeGreaterThan(runs * 10);
  });

  const bigRuns = Math.max(25, Math.round(runs / 80));

  it(`agrees on ${bigRuns} sequences that grow a store past a thousand keys`, async () => {
    let largest = 0;
    const property = fc.asyncProperty(fc.integer(), fc.boolean(), bigSequence, async (seed, cacheMiddleware, commands) => {
      // getStore() of a thousand keys after every command would dominate: every fifth, and the last.
      const step = await runSequence({ quotas: undefined, provisioningDelayMs: 0, seed, cacheMiddleware, freshClients: false }, commands, 5);
      largest = Math.max(largest, ...step.model.state.stores.map((s) => s.items.size));
    });
    const details = await checkProperty(`agrees on ${bigRuns} sequences that grow a store`, FILE, property, bigRuns);
    expect(details.numRuns).toBe(bigRuns);
    // Past the index's 512-key chunks, so their splits and seeks were exercised.
    expect(largest).toBeGreaterThan(1024);
  });

  it('leaves the clients bare SDK clients once detached, after any of this', async () => {
    const property = fc.asyncProperty(config, sequence, async (cfg, commands) => {
      await runSequence({ ...cfg, freshClients: false }, commands);
    });
    await checkProperty('leaves the clients bare', FILE, property, 20);
    const owner = pool.owner!;
    for (const client of [...pool.data, ...pool.control]) expect(owner.detach(client)).toBe(true);
    pool.owner = undefined;
    const arn = 'arn:aws:cloudfront::123456789012:key-value-store/00000000-0000-4000-8000-000000000000';
    const bare = [
      ...pool.data.flatMap((client) => [client.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' })), client.send(new PutKeyCommand({ KvsARN: arn, Key: 'a', Value: 'v', IfMatch: 'x' }))]),
      ...pool.control.map((client) => client.send(new ListKeyValueStoresCommand({}))),
      new CloudFrontKeyValueStoreClient({}).send(new GetKeyCommand({ KvsARN: arn, Key: 'a' })),
    ];
    for (const answer of bare) {
      const error = await rejection(answer);
      expect(error).not.toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
      expect(error).not.toBeInstanceOf(CloudFrontServiceException);
      expect(error.message).toBe('Region is missing');
    }
  });
});
