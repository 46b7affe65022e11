import type { Config } from 'jest';

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
