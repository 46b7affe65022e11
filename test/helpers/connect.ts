/**
 * The preload `cloudfront-kvs-mock/connect` built from source into a temporary directory (what
 * tsup builds, without the rest of the package: esbuild takes ~50 ms), and a runner for
 * applications started with it.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(ROOT, 'test/server/fixtures');
/** Where the applications' client packages come from: the floor suites (jest.floor.config.ts) use the oldest releases. */
const SDK_ROOT = process.env['KVS_MOCK_SDK_FLOOR'] === '1' ? join(ROOT, 'test/floor') : ROOT;

/**
 * A directory with the fixture applications, their client packages resolved from SDK_ROOT:
 * the fixtures themselves, or a copy next to a link to the floor's `node_modules`.
 */
export function appDirectory(): string {
  if (SDK_ROOT === ROOT) return FIXTURES;
  const dir = mkdtempSync(join(tmpdir(), 'kvs-apps-'));
  for (const app of ['app.cjs', 'app.mjs', 'bundled.cjs']) cpSync(join(FIXTURES, app), join(dir, app));
  symlinkSync(join(SDK_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Removes what appDirectory() made. */
export function removeAppDirectory(dir: string): void {
  if (dir !== FIXTURES) rmSync(dir, { recursive: true, force: true });
}

export interface Preload {
  /** For `--require`. */
  cjs: string;
  /** For `--import` (a file URL). */
  esm: string;
  /** Removes the build. */
  remove(): void;
}

export function buildPreload(): Preload {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-connect-'));
  const common: BuildOptions = { entryPoints: [join(ROOT, 'src/connect.ts')], bundle: true, platform: 'node', target: 'node20', logLevel: 'silent' };
  buildSync({ ...common, format: 'cjs', outfile: join(dir, 'connect.js') });
  buildSync({ ...common, format: 'esm', outfile: join(dir, 'connect.mjs') });
  return { cjs: join(dir, 'connect.js'), esm: pathToFileURL(join(dir, 'connect.mjs')).href, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface AppRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The application's JSON line, when it printed one. */
  result?: { arn: string; etag: string; value: string; itemCount: number; stores: string[] };
}

/**
 * Runs `node <app> [args]` in `cwd` with only the variables given (and PATH): no AWS variable,
 * no credentials, no region, shared config files that do not exist.
 */
export function runApp(cwd: string, app: string, args: string[], env: Record<string, string>): Promise<AppRun> {
  const base = {
    PATH: process.env['PATH'] ?? '',
    HOME: cwd,
    AWS_CONFIG_FILE: '/nonexistent/cloudfront-kvs-mock/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cloudfront-kvs-mock/credentials',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return new Promise((done) => {
    execFile(process.execPath, [app, ...args], { cwd, env: { ...base, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? null) : 0;
      let result: AppRun['result'];
      try {
        result = JSON.parse(stdout.trim().split('\n').pop() ?? '');
      } catch {
        result = undefined;
      }
      done({ code: typeof code === 'number' ? code : null, stdout, stderr, ...(result ? { result } : {}) });
    });
  });
}

/**
 * A directory whose `node_modules` holds both client packages as a release with an `exports`
 * map would ship them: `import` gets an ES module, `require` a CommonJS file, each re-exporting
 * the installed package by its file path (so only a hook by package name can find them).
 * The fixture applications are copied next to it.
 */
export function packagesWithExportsMap(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-exports-map-'));
  for (const name of ['@aws-sdk/client-cloudfront', '@aws-sdk/client-cloudfront-keyvaluestore']) {
    const real = require.resolve(name, { paths: [SDK_ROOT] });
    const target = join(dir, 'node_modules', name);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'package.json'), JSON.stringify({ name, version: '99.0.0', exports: { '.': { import: './index.mjs', require: './index.cjs' } } }));
    writeFileSync(join(target, 'index.mjs'), `export * from ${JSON.stringify(pathToFileURL(real).href)};\n`);
    writeFileSync(join(target, 'index.cjs'), `module.exports = require(${JSON.stringify(real)});\n`);
  }
  for (const app of ['app.cjs', 'app.mjs']) cpSync(join(FIXTURES, app), join(dir, app));
  return dir;
}
