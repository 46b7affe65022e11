// Vitest 5 declares `engines: node >=22.12`, so installing it on Node 20 warns (EBADENGINE) and
// leaves a runner that cannot start. Its typings are still worth checking: fetch the published
// tarballs of vitest and of the one dependency it keeps out of its bundle (`@vitest/mocker`), and
// keep only package.json and the declaration files, under .tmp/. The other packages its
// declarations import (vite, chai, tinybench, expect-type, obug) resolve from the project's own
// node_modules, one level up.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = [
  { name: 'vitest', version: '5.1.1' },
  { name: '@vitest/mocker', version: '5.1.1' },
];
const KEEP = /(^package\.json$|\.d\.(c|m)?ts$)/;

function prune(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) prune(path);
    else if (!KEEP.test(entry)) rmSync(path);
  }
}

/** Makes .tmp/types/vitest5/node_modules/{vitest,@vitest/mocker} hold declarations only; idempotent. */
export async function fetchVitest5Types(root) {
  const modules = join(root, '.tmp', 'types', 'vitest5', 'node_modules');
  const stamp = join(modules, `.complete-${PACKAGES.map((p) => p.version).join('-')}`);
  if (existsSync(stamp)) return;
  rmSync(modules, { recursive: true, force: true });
  const tarballs = join(root, '.tmp', 'types', 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const { name, version } of PACKAGES) {
    // npm checks the tarball against the registry's integrity; the cache makes a rerun offline.
    const file = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', tarballs, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
    const target = join(modules, name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(tarballs, file), '-C', target, '--strip-components=1']);
    prune(target);
  }
  execFileSync('touch', [stamp]);
}
