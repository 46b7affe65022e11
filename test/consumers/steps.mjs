// What each consumer project runs, from inside the project.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The oldest supported clients, installed by `npm run test:floor`. */
const floor = fileURLToPath(new URL('../floor/node_modules/@aws-sdk/', import.meta.url));

const sh = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const steps = {
  'cjs-jest': () => sh('node', ['node_modules/jest/bin/jest.js', '--ci']),
  'esm-vitest': () => sh('node', ['node_modules/vitest/vitest.mjs', 'run']),
  // One TypeScript setup after another: module resolution nodenext, node16, node10, bundler.
  'ts-types': () => {
    for (const config of ['tsconfig.json', 'tsconfig.node16.json', 'tsconfig.node10.json', 'tsconfig.bundler.json']) {
      console.log(`tsc -p ${config}`);
      sh('node', ['node_modules/typescript/bin/tsc', '-p', config]);
    }
  },
  // A tool's own older copy of the control-plane client, nested under it.
  'nested-copy': () => {
    if (!existsSync(`${floor}client-cloudfront`)) {
      const prefix = fileURLToPath(new URL('../floor/', import.meta.url));
      sh('npm', ['ci', '--prefix', prefix, '--no-audit', '--no-fund', '--silent']);
    }
    mkdirSync('node_modules/legacy-tool/node_modules/@aws-sdk', { recursive: true });
    symlinkSync(`${floor}client-cloudfront`, 'node_modules/legacy-tool/node_modules/@aws-sdk/client-cloudfront');
    sh('node', ['check.cjs']);
  },
  'ts-data-plane-only': () => sh('node', ['node_modules/typescript/bin/tsc', '-p', '.']),
};
steps[process.argv[2]]();
