import { afterEach, describe, expect, it } from '@jest/globals';
import { CloudFrontClient, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient, GetKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from '../../src';
import { rejection } from '../helpers/clients';

/**
 * FIPS, dual-stack and region, each combination on both planes: the double answers where the
 * SDK alone would send the request, and refuses with the SDK's own error where the SDK alone
 * refuses it. The SDK-alone answer is computed here, live, by a client that is not attached and
 * whose chain stops every request after endpoint resolution (no network).
 */

type Fips = 'none' | 'config' | 'env' | 'config false, env true';
type DualStack = 'none' | 'config' | 'env';
const FIPS: Fips[] = ['none', 'config', 'env', 'config false, env true'];
const DUAL_STACK: DualStack[] = ['none', 'config', 'env'];
const REGIONS = [undefined, 'us-east-1'] as const;
/** The region the double gives a client that has none (docs/sdk-pipeline.md#caveats). */
const DEFAULT_REGION = 'us-east-1';

interface Combination {
  plane: 'data' | 'control';
  fips: Fips;
  dualStack: DualStack;
  region: string | undefined;
}

const combinations: Combination[] = (['data', 'control'] as const).flatMap((plane) =>
  FIPS.flatMap((fips) => DUAL_STACK.flatMap((dualStack) => REGIONS.map((region) => ({ plane, fips, dualStack, region })))),
);

/** The client config and the environment of one combination (the environment is set here). */
function configure({ fips, dualStack, region }: Combination): Record<string, unknown> {
  delete process.env['AWS_USE_FIPS_ENDPOINT'];
  delete process.env['AWS_USE_DUALSTACK_ENDPOINT'];
  const config: Record<string, unknown> = { maxAttempts: 1 };
  if (region !== undefined) config['region'] = region;
  if (fips === 'config') config['useFipsEndpoint'] = true;
  if (fips === 'config false, env true') config['useFipsEndpoint'] = false;
  if (fips === 'env' || fips === 'config false, env true') process.env['AWS_USE_FIPS_ENDPOINT'] = 'true';
  if (dualStack === 'config') config['useDualstackEndpoint'] = true;
  if (dualStack === 'env') process.env['AWS_USE_DUALSTACK_ENDPOINT'] = 'true';
  return config;
}

/** Either client, as this file uses it. */
type AnyClient = { send(command: unknown): Promise<any>; middlewareStack: { add(middleware: unknown, options: object): void } };

const newClient = (plane: Combination['plane'], config: Record<string, unknown>): AnyClient =>
  plane === 'data' ? new CloudFrontKeyValueStoreClient(config) : (new CloudFrontClient(config) as never);

const command = (plane: Combination['plane'], arn: string) =>
  plane === 'data' ? new GetKeyCommand({ KvsARN: arn, Key: 'k' }) : new ListKeyValueStoresCommand({});

type Outcome = { sent: string } | { refused: { name: string; message: string } };

/**
 * What the SDK alone does with this config: the URL it would send to, or the error it throws
 * first. A `build`-step middleware (after endpoint resolution, before signing) captures the
 * request and stops it; nothing reaches a request handler.
 */
async function sdkAlone(plane: Combination['plane'], config: Record<string, unknown>, arn: string): Promise<Outcome> {
  const client = newClient(plane, { ...config, credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' } });
  const stop = new Error('captured');
  let url = '';
  client.middlewareStack.add(
    () => async (args: any) => {
      url = `${args.request.protocol}//${args.request.hostname}`;
      throw stop;
    },
    { step: 'build', name: 'captureRequest' },
  );
  const error = await rejection(client.send(command(plane, arn)));
  return error === stop ? { sent: url } : { refused: { name: error.name, message: error.message } };
}

describe('FIPS, dual-stack and region: the double does what the SDK alone does', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each(combinations.map((c) => [`${c.plane} plane, FIPS ${c.fips}, dual-stack ${c.dualStack}, region ${c.region ?? 'absent'}`, c] as const))(
    '%s',
    async (_title, combination) => {
      const kvs = createKvsSimulator({ seed: 'endpoints' });
      const arn = kvs.seedStore({ items: { k: 'v' } });
      const config = configure(combination);

      // The SDK alone; without a region it refuses everything, so the double's answer is
      // compared with the SDK alone in the region the double supplies.
      if (combination.region === undefined) {
        expect(await sdkAlone(combination.plane, config, arn)).toEqual({ refused: { name: 'Error', message: 'Region is missing' } });
      }
      const expected = await sdkAlone(combination.plane, { ...config, region: combination.region ?? DEFAULT_REGION }, arn);

      const client: AnyClient = kvs.attach(newClient(combination.plane, config) as never);
      if ('sent' in expected) {
        const out = await client.send(command(combination.plane, arn));
        expect(out.$metadata.httpStatusCode).toBe(200);
        expect(kvs.calls()).toHaveLength(1);
      } else {
        const error = await rejection(client.send(command(combination.plane, arn)));
        expect({ name: error.name, message: error.message }).toEqual(expected.refused);
        expect(kvs.calls()).toHaveLength(0);
      }
    },
  );

  it('the SDK alone refuses FIPS on the data plane and allows it on the control plane, whatever dual-stack says', async () => {
    // One at a time: the environment is read when each request is resolved.
    const serial: Array<[Combination, Outcome]> = [];
    for (const c of combinations.filter((x) => x.region !== undefined)) {
      const kvs = createKvsSimulator({ seed: 'endpoints' });
      const config = configure(c);
      serial.push([c, await sdkAlone(c.plane, config, kvs.seedStore())]);
    }
    const fipsOn = (c: Combination) => c.fips === 'config' || c.fips === 'env';
    for (const [c, outcome] of serial) {
      if (c.plane === 'data' && fipsOn(c)) {
        expect(outcome).toEqual({ refused: { name: 'EndpointError', message: 'Invalid Configuration: FIPS is not supported with CloudFront-KeyValueStore.' } });
      } else if (c.plane === 'control') {
        // Dual-stack hosts are `cloudfront[-fips].global.api.aws`, at the oldest clients `….us-east-1.api.aws`.
        const host = new RegExp(`^https://cloudfront${fipsOn(c) ? '-fips' : ''}\\.${c.dualStack === 'none' ? 'amazonaws\\.com' : '[a-z0-9-]+\\.api\\.aws'}$`);
        expect(outcome).toEqual({ sent: expect.stringMatching(host) });
      } else {
        expect(outcome).toEqual({ sent: 'https://123456789012.cloudfront-kvs.global.api.aws' });
      }
    }
  });
});
