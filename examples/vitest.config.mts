import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

// The examples' vitest suites; `cloudfront-kvs-mock` resolves to the built package.
export default defineConfig({
  test: {
    root: here,
    include: ['**/test/vitest/**/*.test.ts'],
    setupFiles: [`${here}../test/setup/env.ts`, `${here}redirects/test/vitest/setup.ts`],
  },
});
