// What each consumer project runs, from inside the project.
import { execFileSync } from 'node:child_process';

const sh = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const steps = {
  'cjs-jest': () => sh('node', ['node_modules/jest/bin/jest.js', '--ci']),
  'esm-vitest': () => sh('node', ['node_modules/vitest/vitest.mjs', 'run']),
  'ts-types': () => sh('node', ['node_modules/typescript/bin/tsc', '-p', '.']),
};
steps[process.argv[2]]();
