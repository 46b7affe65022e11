// Consumer tests: pack the package as npm would publish it, unpack the tarball into throwaway
// projects (CommonJS + jest, ESM + vitest, TypeScript type-check only), and run each the way
// the README tells users to. The tools and the SDK come from this repo's node_modules by symlink,
// so the run needs no network; only `cloudfront-kvs-mock` itself comes from the tarball.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
// Outside the repository, so that nothing resolves from this repository's own node_modules.
const work = join(tmpdir(), 'cloudfront-kvs-mock-consumers');
// The package's own dependencies too, as an install of the tarball would bring them.
const dependencies = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});
const shared = ['@aws-sdk', '@smithy', '@jest', 'jest', 'vitest', 'typescript', '@types', 'expect', ...dependencies];

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
const tarball = join(work, packed[0].filename);
console.log(`packed ${packed[0].filename}: ${packed[0].files.length} files, ${packed[0].size} bytes`);

// Like the test setup: no AWS variables, no instance metadata, no reminder about Node 22.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
Object.assign(env, { CI: 'true', AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'inherit', env });
let failed = 0;
for (const name of readdirSync(here).filter((n) => existsSync(join(here, n, 'package.json')))) {
  const project = join(work, name);
  cpSync(join(here, name), project, { recursive: true });
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'cloudfront-kvs-mock'), { recursive: true });
  run('tar', ['xzf', tarball, '-C', join(modules, 'cloudfront-kvs-mock'), '--strip-components=1'], project);
  // A project may leave packages out (`withoutPackages`): its scope folders are then built
  // link by link, so that the package is missing as it would be in that project.
  const without = new Set(JSON.parse(readFileSync(join(here, name, 'package.json'), 'utf8')).withoutPackages ?? []);
  for (const dep of shared) {
    const from = join(root, 'node_modules', dep);
    if (!existsSync(from)) continue;
    if (![...without].some((p) => p.startsWith(`${dep}/`))) {
      symlinkSync(from, join(modules, dep));
      continue;
    }
    mkdirSync(join(modules, dep));
    for (const child of readdirSync(from)) if (!without.has(`${dep}/${child}`)) symlinkSync(join(from, child), join(modules, dep, child));
  }
  console.log(`\n== consumer ${name}`);
  try {
    run('node', [join(here, 'steps.mjs'), name], project);
  } catch {
    failed++;
    console.error(`consumer ${name} FAILED`);
  }
}
if (failed) process.exit(1);
console.log('\nconsumers: all passed');
