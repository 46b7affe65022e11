// Runs one group of the jest suites, a folder of test/ (`npm run test:group -- functions`), at the
// contributor's counts; with no group or an unknown one, lists the groups.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const groups = readdirSync(join(root, 'test'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(root, 'test', entry.name)).some((file) => file.endsWith('.test.ts')))
  .map((entry) => entry.name)
  .sort();

const [group, ...rest] = process.argv.slice(2);
if (!group || !groups.includes(group)) {
  console.error(`usage: npm run test:group -- <group> [jest options]\ngroups: ${groups.join(', ')}`);
  process.exit(group ? 2 : 0);
}
const jest = join(dirname(createRequire(import.meta.url).resolve('jest/package.json')), 'bin', 'jest.js');
const run = spawnSync(process.execPath, [jest, `test/${group}/`, ...rest], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
