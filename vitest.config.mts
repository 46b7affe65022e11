import { configDefaults, defineConfig } from 'vitest/config';

// Vitest runs the suites written for both runners (`*.vitest.ts`); jest runs `*.test.ts`.
// `test/types` holds type tests, compiled by `test/types/check.mjs` and never run.
export default defineConfig({
  test: {
    include: ['test/**/*.vitest.ts'],
    exclude: [...configDefaults.exclude, 'test/types/**'],
    setupFiles: ['test/setup/env.ts', 'test/matchers/vitest-setup.ts'],
    testTimeout: 30_000,
  },
});
