#!/usr/bin/env node
/**
 * `npm run test:interop`: both planes of the server through clients nobody here wrote: the AWS
 * CLI, boto3 (test/interop/boto3_check.py), Go's standard library and curl, each configured as
 * docs/server-clients.md says; and the built preload, by the package's name, in a Node application. Builds the package if dist/ is older than src/, starts the server
 * through the built CLI, and checks outputs, error codes and the state the server holds.
 *
 * Without the AWS CLI and boto3 it skips with a message, except in CI (CI=true), where it fails:
 * .ci/run installs Debian's awscli, python3-boto3 and python3-awscrt first.
 * The last line is always "N passed, M failed"; the exit code is 1 when anything failed.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HERE = join(ROOT, 'test/interop');
const CI = process.env.CI === 'true' || process.env.CI === '1';
const results = [];
const started = Date.now();

function record(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

function finish() {
  const failed = results.filter((r) => !r.ok).length;
  console.log(`interop: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** Runs a program; resolves with its exit code and output, never rejects. */
function run(file, args, options = {}) {
  return new Promise((done) => {
    execFile(file, args, { timeout: 30_000, maxBuffer: 16 << 20, ...options }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? String(error.message) : '') });
    });
  });
}

/** The first candidate that runs `args` with exit code 0. */
async function firstWorking(candidates, args) {
  for (const file of candidates) {
    const { code, stdout, stderr } = await run(file, args);
    if (code === 0) return { file, version: `${stdout}${stderr}`.trim().split('\n')[0] };
  }
  return undefined;
}

// --- The clients. Debian's (what .ci/run installs) first, then whatever PATH has.
const aws = await firstWorking(['/usr/bin/aws', 'aws'], ['--version']);
const python = await firstWorking(['/usr/bin/python3', 'python3'], ['-c', 'import boto3, sys; print("boto3", boto3.__version__, "python", sys.version.split()[0])']);
const go = await firstWorking(['go'], ['version']);
const curl = await firstWorking(['curl'], ['--version']);

if (!aws && !python) {
  const message = 'interop: neither the AWS CLI nor boto3 is installed (Debian: apt-get install awscli python3-boto3 python3-awscrt).';
  if (!CI) {
    console.log(`${message} Skipped.`);
    console.log('0 passed, 0 failed');
    process.exit(0);
  }
  record('the AWS CLI and boto3 are installed (CI=true)', false, message);
  finish();
}
if (CI) {
  record('the AWS CLI is installed (CI=true)', Boolean(aws), aws?.version ?? 'missing');
  record('boto3 is installed (CI=true)', Boolean(python), python?.version ?? 'missing');
}

// --- Build when dist/ is missing or older than src/.
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}
const built = join(ROOT, 'dist/cli.js');
if (!existsSync(built) || statSync(built).mtimeMs < newest(join(ROOT, 'src'))) {
  console.log('interop: building the package (dist/ is older than src/)');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

// --- The server, through the built CLI, on a free port.
const server = spawn(process.execPath, [built, 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
let banner = '';
const url = await new Promise((found, failed) => {
  const timer = setTimeout(() => failed(new Error(`the server printed no endpoint within 10 s:\n${banner}`)), 10_000);
  const read = (chunk) => {
    banner += chunk;
    const match = /on (http:\/\/localhost:\d+)/.exec(banner);
    if (match) {
      clearTimeout(timer);
      found(match[1]);
    }
  };
  server.stdout.on('data', read);
  server.stderr.on('data', read);
  server.once('exit', (code) => failed(new Error(`the server exited with ${code}:\n${banner}`)));
}).catch((error) => {
  record('the server starts', false, error.message);
  finish();
});
const port = Number(new URL(url).port);
const proxy = `http://127.0.0.1:${port}`;
const { KvsAdminClient } = await import(pathToFileURL(join(ROOT, 'dist/server.mjs')).href);
const admin = new KvsAdminClient(url);

/** What every client process gets: the proxy, the model, placeholder credentials, and no AWS setting of this machine. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|HTTPS?_PROXY$|NO_PROXY$)/i.test(name)));
Object.assign(env, {
  HTTP_PROXY: proxy,
  http_proxy: proxy,
  AWS_DATA_PATH: join(ROOT, '../shared/models/botocore'),
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'placeholder',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent/cloudfront-kvs-mock/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cloudfront-kvs-mock/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
});

/** Checks one expectation; a thrown error is a failure with its message. */
async function check(name, fn) {
  try {
    const verdict = await fn();
    record(name, verdict === true || verdict === undefined, verdict === true || verdict === undefined ? '' : String(verdict));
  } catch (error) {
    record(name, false, error.message);
  }
}

function same(actual, expected) {
  return JSON.stringify(actual) === JSON.stringify(expected) || `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

// --- Node: unmodified applications with the built package's preload, by its name (the `exports` entry).
for (const [app, option, name] of [['app.cjs', '--require', 'node-require'], ['app.mjs', '--import', 'node-import']]) {
  await check(`node: test/server/fixtures/${app} with ${option} cloudfront-kvs-mock/connect`, async () => {
    const nodeEnv = { PATH: process.env.PATH, HOME: tmpdir(), CLOUDFRONT_KVS_MOCK_ENDPOINT: url, NODE_OPTIONS: `${option} cloudfront-kvs-mock/connect`, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const { code, stdout, stderr } = await run(process.execPath, [app, name], { cwd: join(ROOT, 'test/server/fixtures'), env: nodeEnv });
    if (code !== 0) return stderr.trim();
    const printed = JSON.parse(stdout);
    return same([printed.value, (await admin.getStore(printed.arn))?.ETag === printed.etag], [`hello from ${app.endsWith('.cjs') ? 'cjs' : 'esm'}`, true]);
  });
}

// --- The AWS CLI.
if (aws) {
  const { runAwsCliChecks } = await import(pathToFileURL(join(HERE, 'aws-cli.mjs')).href);
  await runAwsCliChecks({ aws, url, env, admin, run, check, same, record });
}

// --- boto3.
if (python) {
  const { code, stdout, stderr } = await run(python.file, [join(HERE, 'boto3_check.py'), url], { env });
  const lines = stdout.split('\n').filter(Boolean);
  for (const line of lines) {
    const { name, ok, detail } = JSON.parse(line);
    record(name, ok, detail);
  }
  if (code !== 0 || lines.length === 0) record('boto3: the script ran to its end', false, stderr.trim().split('\n').slice(-3).join(' | '));
  else await check('boto3: the server holds no store named boto3-store after the script deleted it', async () => (await admin.getStore('boto3-store')) === undefined || 'still there');
}

// --- Go's standard library (the transport the Go SDK uses): the proxy for *.localhost.
if (go) {
  const arn = await admin.seedStore({ name: 'go-store', items: { 'k/1': 'from go' } });
  const cache = mkdtempSync(join(tmpdir(), 'kvs-go-'));
  const { code, stdout, stderr } = await run(go.file, ['run', join(HERE, 'go/main.go'), url, arn], { env: { ...env, GOCACHE: join(cache, 'cache'), GOPATH: join(cache, 'path'), GOFLAGS: '-mod=mod', GO111MODULE: 'off' }, timeout: 60_000 });
  rmSync(cache, { recursive: true, force: true });
  const lines = stdout.split('\n').filter(Boolean);
  for (const line of lines) {
    const { name, ok, detail } = JSON.parse(line);
    record(name, ok, detail);
  }
  if (code !== 0 || lines.length === 0) record(`go: the program ran (${go.version})`, false, stderr.trim().split('\n').slice(-3).join(' | '));
} else {
  console.log('skip go: not installed (Debian: apt-get install golang-go)');
}

// --- curl: resolves *.localhost itself, so it needs neither a proxy nor DNS.
if (curl) {
  const arn = await admin.seedStore({ name: 'curl-store', items: { 'k 1': 'from curl' } });
  const key = `${url.replace('localhost', '123456789012.localhost')}/key-value-stores/${encodeURIComponent(arn)}/keys/${encodeURIComponent('k 1')}`;
  const curlEnv = { ...env, HTTP_PROXY: '', http_proxy: '' };
  await check('curl: data plane GetKey at the account-prefixed host', async () => {
    const { code, stdout } = await run(curl.file, ['-sS', key], { env: curlEnv });
    return (code === 0 && same(JSON.parse(stdout), { Key: 'k 1', Value: 'from curl', ItemCount: 1, TotalSizeInBytes: 13 })) || `exit ${code}: ${stdout}`;
  });
  await check('curl: control plane ListKeyValueStores', async () => {
    const { code, stdout } = await run(curl.file, ['-sS', `${url}/2020-05-31/key-value-store`], { env: curlEnv });
    return (code === 0 && stdout.includes('<Name>curl-store</Name>')) || `exit ${code}: ${stdout.slice(0, 200)}`;
  });
}

// --- SIGTERM: the server finishes and exits 0.
await check('the server exits 0 on SIGTERM', async () => {
  const exited = new Promise((done) => server.once('exit', (code, signal) => done(code ?? signal)));
  server.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise((done) => setTimeout(() => done('still running after 5 s'), 5_000))]);
  if (code !== 0) server.kill('SIGKILL');
  return code === 0 || `exit ${code}`;
});
finish();
