import { it } from '@jest/globals';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { KvsSimulator } from '../../src';

/**
 * Where the real-client suites send their commands, chosen by `KVS_TARGET`:
 * - `inprocess` (the default): clients with the simulator attached;
 * - `server`: clients pointed at the package's HTTP server over loopback, its simulator in this
 *   process (so seeding and state checks still work); see `targets/` for how it plugs in;
 * - `aws`: the live service, opt-in only (docs/conformance.md); only the conformance suite runs
 *   there, and cases that need the double's own controls are skipped.
 */
export type TargetName = 'inprocess' | 'server' | 'aws';

const NAMES: readonly TargetName[] = ['inprocess', 'server', 'aws'];

/** The target named by `env` (`KVS_TARGET`); a name that is not one of the three is refused. */
export function targetName(env: NodeJS.ProcessEnv = process.env): TargetName {
  const raw = env['KVS_TARGET'] ?? '';
  if (raw === '') return 'inprocess';
  if ((NAMES as readonly string[]).includes(raw)) return raw as TargetName;
  throw new Error(`KVS_TARGET must be one of ${NAMES.join(', ')}; got ${JSON.stringify(raw)}`);
}

export const TARGET: TargetName = targetName();

/** The real clients of one test, as every target gives them. */
export interface TargetClients {
  data: CloudFrontKeyValueStoreClient;
  control: CloudFrontClient;
}

export type ClientConfig = { maxAttempts?: number; retryStrategy?: any };

/**
 * How a target gives clients: for the simulator of the test (`inprocess`, `server`), or for the
 * live service (`aws`, no simulator). One module per target under `targets/`.
 */
export interface TargetDriver {
  readonly name: TargetName;
  clients(kvs: KvsSimulator | undefined, config: ClientConfig): TargetClients;
}

let driver: TargetDriver | undefined;

/** The driver of `TARGET`, loaded on first use (the AWS and server modules load nothing otherwise). */
export function targetDriver(): TargetDriver {
  if (!driver) {
    // Required lazily: a target's module is loaded only when that target runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (TARGET === 'inprocess') driver = (require('./targets/inprocess') as { inProcess: TargetDriver }).inProcess;
    else if (TARGET === 'aws') driver = (require('./targets/aws') as { awsTarget: TargetDriver }).awsTarget;
    else driver = loadServerDriver();
  }
  return driver;
}

/** The server target lives in `targets/server.ts`, next to the package's server mode. */
function loadServerDriver(): TargetDriver {
  try {
    return (require('./targets/server') as { serverTarget: TargetDriver }).serverTarget;
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error('KVS_TARGET=server needs test/helpers/targets/server.ts (a TargetDriver over src/server); it is not in this tree');
  }
}

/** Whether the target answers from a simulator in this process (seeding, clock, faults, state checks). */
export const HAS_SIMULATOR = TARGET !== 'aws';

/** A test that needs the double's own controls (clock, faults, seeding, quotas too costly to reach on AWS). */
export const itSimulatorOnly: typeof it = HAS_SIMULATOR ? it : (it.skip as typeof it);

// The server target closes its servers in an `afterAll` hook, which jest takes only while a test
// file loads: load it with the file rather than at the first `setup()` inside a test.
if (TARGET === 'server') driver = loadServerDriver();
