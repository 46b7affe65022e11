// Compiles the matcher type tests once per runner typing (`tsconfig.<name>.json` here), in
// parallel. Vitest 3.2 is checked through the npm alias `vitest-3`; while it is not installed its
// check is reported as skipped, loudly, and the others still run. Vitest 5 needs Node 22 to run, so
// only its declarations are fetched (see vitest5-types.mjs): nothing that cannot run here is installed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchVitest5Types } from './vitest5-types.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const checks = [
  { name: 'jest', note: 'jest, @types/jest globals' },
  { name: 'jest-globals', note: "jest, import { expect } from '@jest/globals'" },
  { name: 'vitest3', note: 'vitest 3.2', alias: 'vitest-3' },
  { name: 'vitest4', note: 'vitest 4' },
  { name: 'vitest5', note: 'vitest 5 (declarations only)', prepare: fetchVitest5Types },
];

function compile({ name }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', join(here, `tsconfig.${name}.json`)], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const results = await Promise.all(
  checks.map(async (check) => {
    if (check.alias && !existsSync(join(root, 'node_modules', check.alias, 'package.json'))) {
      return { check, skipped: true };
    }
    if (check.prepare) await check.prepare(root);
    return { check, ...(await compile(check)) };
  }),
);

let failed = false;
for (const { check, skipped, code, output } of results) {
  if (skipped) {
    console.warn(`SKIPPED type tests for ${check.note}: install the alias ${check.alias} (see test/types/tsconfig.${check.name}.json).`);
  } else if (code === 0) {
    console.log(`ok      type tests for ${check.note}`);
  } else {
    failed = true;
    console.error(`FAILED  type tests for ${check.note} (tsconfig.${check.name}.json):\n${output}`);
  }
}
process.exitCode = failed ? 1 : 0;
