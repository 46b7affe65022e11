import type { Config } from 'jest';

// The examples use the package as a user does: `cloudfront-kvs-mock` resolves to the built
// package (`npm run build`) through its own `exports` map.
const config: Config = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/**/test/jest/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: ['<rootDir>/../test/setup/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/redirects/test/jest/setup.ts'],
};

export default config;
