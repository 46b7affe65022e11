import type { Config } from 'jest';
import base from './jest.config';
import { runPrefix } from './test/conformance/harness/run-prefix';

// The conformance suite against AWS itself: opt-in only (docs/conformance.md). It needs
// KVS_TARGET=aws and the caller's credentials, creates real resources named with one run prefix
// (KVS_AWS_RUN_PREFIX, or a new one printed here) and deletes them in each case's teardown.
if (process.env.KVS_TARGET !== 'aws') {
  throw new Error('jest.aws.config.ts runs against AWS and needs KVS_TARGET=aws set explicitly (and credentials); see docs/conformance.md');
}
process.env.KVS_AWS_RUN_PREFIX = runPrefix(process.env);
console.log(`conformance against AWS, run prefix ${process.env.KVS_AWS_RUN_PREFIX} (leftovers: npm run conformance:cleanup -- --prefix ${process.env.KVS_AWS_RUN_PREFIX})`);

const config: Config = {
  ...base,
  displayName: 'aws',
  testMatch: ['<rootDir>/test/conformance/conformance.test.ts'],
  maxWorkers: 1,
  // A new store takes a while to leave PROVISIONING.
  testTimeout: 10 * 60_000,
};

export default config;
