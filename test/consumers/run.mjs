// Consumer tests: pack the package as npm would publish it, unpack the tarball into throwaway
// projects (CommonJS + jest, ESM + vitest, TypeScript type-check only), and run each the way
// the README tells users to. The tools and the SDK come from this repo's node_modules by symlink,
// so the run needs no network; only `cloudfront-kvs-mock` itself comes from the tarball.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(root, '.tmp', 'consumers');
const shared = ['@aws-sdk', '@smithy', '@jest', 'jest', 'vitest', 'typescript', '@types', 'expect'];

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
  for (const dep of shared) if (existsSync(join(root, 'node_modules', dep))) symlinkSync(join(root, 'node_modules', dep), join(modules, dep));
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
