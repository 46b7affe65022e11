import { targetDriver, type TargetName } from '../../helpers/target';
import type { Expect, RunEnv } from './case';
import { runPrefix } from './run-prefix';

/** The prefix of names in-process: masked like AWS's, so both record the same names. */
export const LOCAL_PREFIX = 'kvsmock-local';

/** How the conformance suite runs against `target`. */
export function runEnv(target: TargetName, expect: Expect, env: NodeJS.ProcessEnv = process.env): RunEnv {
  const driver = targetDriver();
  if (target === 'aws') return { prefix: runPrefix(env), simulator: false, expect, clients: () => driver.clients(undefined, {}) };
  return { prefix: LOCAL_PREFIX, simulator: true, expect, clients: (kvs) => driver.clients(kvs, {}), pollMs: 0 };
}
