import type { Config } from 'jest';

// The contributor's loop (`npm test`, `npx jest`) runs the long property and differential tests at
// a tenth of their length (the differential test at 40%, which keeps its retry count clear of
// the bar it asserts); CI (`.ci/run`) sets KVS_TEST_FULL=1 and runs them in full. An explicit
// count in the environment wins either way.
if (process.env.KVS_TEST_FULL !== '1') {
  process.env.KVS_FC_RUNS ||= '200';
  process.env.KVS_FUZZ_INPUTS ||= '10000';
  process.env.KVS_DIFF_RUNS ||= '400';
  process.env.KVS_MW_RUNS ||= '40';
}

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // test/floor holds the oldest supported clients, for jest.floor.config.ts only.
  modulePathIgnorePatterns: ['<rootDir>/test/floor/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  // The SDK warns once per process that it will need Node 22 from 2027; tests need no reminder.
  testTimeout: 30_000,
};

export default config;
