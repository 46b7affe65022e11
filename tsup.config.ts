import { defineConfig } from 'tsup';

// Dual CommonJS + ESM builds with a type file per condition. `@aws-sdk/*` and the test runners
// are peers: they are never bundled.
export default defineConfig({
  entry: { index: 'src/index.ts', jest: 'src/jest.ts', vitest: 'src/vitest.ts', server: 'src/server/index.ts', cli: 'src/cli.ts', connect: 'src/connect.ts' },
  format: ['cjs', 'esm'],
  dts: true,
  // No source maps: the published JavaScript is readable as it is, and stack traces point at it.
  sourcemap: false,
  clean: true,
  target: 'node20',
  platform: 'node',
  // One shared chunk: the runner entries and the root share one copy of the simulator classes.
  splitting: true,
  shims: true,
  external: [/^@aws-sdk\//, /^@smithy\//, 'vitest', '@jest/globals', 'jest', 'expect'],
  outDir: 'dist',
});
