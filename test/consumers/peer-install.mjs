// Resolves an install of the packed package, as npm would for a user, into projects that pin
// the oldest supported clients and the newest, with peer-dependency checks on (no
// legacy-peer-deps): npm must accept the tree and keep each project's pinned clients.
// `--package-lock-only` resolves the whole tree from the registry without unpacking it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(root, '.tmp', 'peer-install');
const floor = JSON.parse(readFileSync(join(root, 'test/floor/package.json'), 'utf8')).dependencies;
const latest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies;
const pins = {
  floor,
  latest: Object.fromEntries(Object.keys(floor).map((name) => [name, latest[name]])),
  'data-plane only, floor': { '@aws-sdk/client-cloudfront-keyvaluestore': floor['@aws-sdk/client-cloudfront-keyvaluestore'] },
};

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
const tarball = join(work, packed[0].filename);

let failed = 0;
for (const [name, clients] of Object.entries(pins)) {
  const project = join(work, name.replace(/[^a-z]+/g, '-'));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, dependencies: clients, devDependencies: { 'cloudfront-kvs-mock': `file:${tarball}` } }));
  // The project's own settings only: this repository's legacy-peer-deps must not apply.
  writeFileSync(join(project, '.npmrc'), 'legacy-peer-deps=false\nstrict-peer-deps=true\n');
  try {
    execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, stdio: 'pipe', encoding: 'utf8' });
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')).packages;
    for (const [client, version] of Object.entries(clients)) {
      const got = lock[`node_modules/${client}`]?.version;
      if (got !== version) throw new Error(`${client} moved from the pinned ${version} to ${got}`);
    }
    console.log(`peer install (${name}): accepted, clients kept at ${Object.values(clients).join(', ')}`);
  } catch (error) {
    failed++;
    console.error(`peer install (${name}) FAILED:\n${error.stderr ?? error.message}`);
  }
}
if (failed) process.exit(1);
