// Per-call cost of the same commands through five paths, side by side in one process:
//   floor        the bare SDK: a client whose middleware at the same step (initialize, high)
//                returns a constant. The least any double in that position can cost.
//   floorCached  the same client built with `cacheMiddleware: true`.
//   chain        this package, forced through the SDK's own `send` (the chain is rebuilt per
//                call, as for a client the fast path cannot serve).
//   package      this package as users get it: `kvs.attach(new Client({}))` (the fast path).
//   mock         aws-sdk-client-mock: `mockClient(client).on(Cmd).resolves(output)`.
//   wireFloor    the SDK's whole pipeline (serialize, retry, no-op sign, deserialize) in front of a
//                request handler that returns a constant HTTP response: the SDK's floor at the wire.
//   wire         this package on that same pipeline, answering at the request handler (the path a
//                client with the application's own middleware, a fault, or an endpoint
//                configuration takes); the same client config and middleware as wireFloor.
// Every path sends a new command object per call with the same inputs; the floor and the
// mock answer constants, the package answers from a store of 1,000 keys. The call logs (ours and
// sinon's) are emptied after every batch, outside the timed window.
import { Bench } from 'tinybench';
import { keyOf, kvsSdk, median, mockClient, pkg, rng, valueOf } from '../lib/load.mjs';

const { CloudFrontKeyValueStoreClient, GetKeyCommand, PutKeyCommand, ListKeysCommand, UpdateKeysCommand } = kvsSdk;

export const VARIANTS = ['floor', 'floorCached', 'chain', 'package', 'mock', 'wireFloor', 'wire'];
export const COMMANDS = ['GetKey', 'PutKey', 'ListKeys page (50)', 'UpdateKeys (50 puts)'];

const STORE_KEYS = 1000;
/** Sends per timed iteration: keeps timer overhead out of sub-microsecond calls. */
const BATCH = 20;

const metadata = { httpStatusCode: 200, requestId: '00000000-0000-4000-8000-000000000000', attempts: 1, totalRetryDelay: 0 };
const CONSTANT = {
  GetKeyCommand: { Key: keyOf(1), Value: valueOf(1), ItemCount: STORE_KEYS, TotalSizeInBytes: 21 * STORE_KEYS },
  PutKeyCommand: { ETag: 'KV0000000000000', ItemCount: STORE_KEYS, TotalSizeInBytes: 21 * STORE_KEYS },
  ListKeysCommand: { Items: Array.from({ length: 50 }, (_, i) => ({ Key: keyOf(i), Value: valueOf(i) })), NextToken: 'token' },
  UpdateKeysCommand: { ETag: 'KV0000000000000', ItemCount: STORE_KEYS, TotalSizeInBytes: 21 * STORE_KEYS },
};

/** The middleware of the floor: answers every command with its constant, as early as ours. */
const constantMiddleware = (next, context) => {
  const output = { ...CONSTANT[context.commandName], $metadata: metadata };
  return async () => ({ output, response: undefined });
};

/** The constant HTTP answers of the wire floor, as AWS sends them. */
const encoder = new TextEncoder();
const response = (body, etag) => ({
  body: encoder.encode(JSON.stringify(body)),
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': metadata.requestId, ...(etag ? { etag } : {}) },
});
// Bytes and headers built once: the transport costs nothing but the SDK's own handling.
const WIRE_CONSTANT = {
  GetKeyCommand: response(CONSTANT.GetKeyCommand),
  PutKeyCommand: response({ ItemCount: STORE_KEYS, TotalSizeInBytes: 21 * STORE_KEYS }, 'KV0000000000000'),
  ListKeysCommand: response(CONSTANT.ListKeysCommand),
  UpdateKeysCommand: response({ ItemCount: STORE_KEYS, TotalSizeInBytes: 21 * STORE_KEYS }, 'KV0000000000000'),
};

/** The application's middleware in both wire variants: it is what sends a client down the whole pipeline. */
const passThrough = (next) => (args) => next(args);
const NOOP_AUTH = [
  { schemeId: 'aws.auth#sigv4', identityProvider: () => async () => ({}), signer: { sign: async (r) => r } },
  { schemeId: 'aws.auth#sigv4a', identityProvider: () => async () => ({}), signer: { sign: async (r) => r } },
];

function wireFloorClient() {
  let next = 'GetKeyCommand';
  const client = new CloudFrontKeyValueStoreClient({
    region: 'us-east-1',
    httpAuthSchemes: NOOP_AUTH,
    requestHandler: {
      handle: async () => {
        const { body, headers } = WIRE_CONSTANT[next];
        return { response: { statusCode: 200, headers: { ...headers }, body } };
      },
    },
  });
  client.middlewareStack.add((n, context) => (args) => ((next = context.commandName), n(args)), { step: 'initialize', name: 'benchCommandName' });
  client.middlewareStack.add(passThrough, { step: 'build', name: 'benchApplication' });
  return client;
}

function floorClient(config) {
  const client = new CloudFrontKeyValueStoreClient(config);
  client.middlewareStack.add(constantMiddleware, { step: 'initialize', priority: 'high', name: 'benchFloor' });
  return client;
}

/**
 * A sender per variant, and a workload per command: `step(send)` sends one command built from
 * the workload's state and feeds the output back (the ETag for writes, the token for pages).
 */
function workloads(arn) {
  const random = rng(7);
  // Two passes over the store with different values: every put changes a value, none is a no-op.
  const pass = STORE_KEYS / 50;
  const batches = Array.from({ length: 2 * pass }, (_, b) => Array.from({ length: 50 }, (_, i) => ({ Key: keyOf((b % pass) * 50 + i), Value: valueOf((b % pass) * 50 + i + 1 + Math.floor(b / pass)) })));
  return {
    GetKey: () => async (send) => {
      await send(new GetKeyCommand({ KvsARN: arn, Key: keyOf(Math.floor(random() * STORE_KEYS)) }));
    },
    PutKey: (etag) => async (send) => {
      const out = await send(new PutKeyCommand({ KvsARN: arn, Key: keyOf(Math.floor(random() * STORE_KEYS)), Value: 'value-0001', IfMatch: etag.value }));
      etag.value = out.ETag;
    },
    'ListKeys page (50)': () => {
      let token;
      return async (send) => {
        const out = await send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50, NextToken: token }));
        token = out.NextToken;
      };
    },
    'UpdateKeys (50 puts)': (etag) => {
      let b = 0;
      return async (send) => {
        const out = await send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag.value, Puts: batches[b++ % batches.length] }));
        etag.value = out.ETag;
      };
    },
  };
}

export async function runOverhead({ rounds = 3, time = 250, log = console.log } = {}) {
  const { createKvsSimulator } = pkg;
  const kvs = createKvsSimulator({ seed: 'bench' });
  const attached = kvs.attach(new CloudFrontKeyValueStoreClient({}));
  const seeded = Array.from({ length: STORE_KEYS }, (_, i) => ({ key: keyOf(i), value: valueOf(i) }));
  const arn = kvs.seedStore({ name: 'bench', items: seeded });
  const sdkSend = Object.getPrototypeOf(attached).send;
  if (!Object.prototype.hasOwnProperty.call(attached, 'send')) throw new Error('the fast path is not installed on the attached client');

  const mocked = new CloudFrontKeyValueStoreClient({});
  const mock = mockClient(mocked);
  mock.on(GetKeyCommand).resolves(CONSTANT.GetKeyCommand);
  mock.on(PutKeyCommand).resolves(CONSTANT.PutKeyCommand);
  mock.on(ListKeysCommand).resolves(CONSTANT.ListKeysCommand);
  mock.on(UpdateKeysCommand).resolves(CONSTANT.UpdateKeysCommand);

  const wired = kvs.attach(new CloudFrontKeyValueStoreClient({ region: 'us-east-1' }));
  wired.middlewareStack.add((n) => (args) => n(args), { step: 'initialize', name: 'benchCommandName' });
  wired.middlewareStack.add(passThrough, { step: 'build', name: 'benchApplication' });
  const wireFloor = wireFloorClient();
  const floor = floorClient({});
  const floorCached = floorClient({ cacheMiddleware: true });
  const senders = {
    floor: (command) => floor.send(command),
    floorCached: (command) => floorCached.send(command),
    chain: (command) => sdkSend.call(attached, command),
    package: (command) => attached.send(command),
    mock: (command) => mocked.send(command),
    wireFloor: (command) => wireFloor.send(command),
    wire: (command) => wired.send(command),
  };

  const samples = {}; // command -> variant -> [median µs per call, one per round]
  for (const command of COMMANDS) samples[command] = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    for (const command of COMMANDS) {
      const bench = new Bench({ time, warmupTime: Math.min(100, time / 2) });
      // One ETag per variant: the package's changes with every write; the others answer a constant.
      const etag = { value: kvs.getStore(arn).ETag };
      for (const variant of VARIANTS) {
        const ours = variant === 'chain' || variant === 'package' || variant === 'wire';
        const state = ours ? etag : { value: CONSTANT.PutKeyCommand.ETag };
        const step = workloads(arn)[command](state);
        const send = senders[variant];
        // Both the simulator's call log and sinon's call history keep every call; a test's log
        // is emptied by reset() long before thousands of calls pile up, so empty them here too
        // (outside the timed window).
        const tidy = ours ? () => kvs.clearCalls() : variant === 'mock' ? () => mock.resetHistory() : undefined;
        bench.add(
          variant,
          async () => {
            for (let k = 0; k < BATCH; k++) await step(send);
          },
          { afterEach: tidy },
        );
      }
      await bench.run();
      for (const task of bench.tasks) {
        if (task.result.state !== 'completed') throw task.result.error ?? new Error(`${command} ${task.name}: ${task.result.state}`);
        samples[command][task.name].push((task.result.latency.p50 * 1000) / BATCH);
      }
      kvs.clearCalls();
    }
    log(`  overhead round ${round + 1}/${rounds} done`);
  }

  const table = COMMANDS.map((command) => {
    const m = Object.fromEntries(VARIANTS.map((v) => [v, median(samples[command][v])]));
    return {
      command,
      medianMicros: m,
      ratios: {
        chainOverFloor: m.chain / m.floor,
        packageOverFloor: m.package / m.floor,
        packageOverFloorCached: m.package / m.floorCached,
        packageOverMock: m.package / m.mock,
        chainOverMock: m.chain / m.mock,
        wireOverWireFloor: m.wire / m.wireFloor,
      },
    };
  });
  return { batch: BATCH, rounds, storeKeys: STORE_KEYS, table, samples };
}
