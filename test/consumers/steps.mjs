// What each consumer project runs, from inside the project.
import { execFileSync } from 'node:child_process';

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
  'ts-data-plane-only': () => sh('node', ['node_modules/typescript/bin/tsc', '-p', '.']),
};
steps[process.argv[2]]();
