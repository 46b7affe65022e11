// `npm run bench`: the per-call overhead against the bare SDK and aws-sdk-client-mock, the
// scaling curves, memory per stored byte, the per-test lifecycle, the state file's acknowledged
// writes and server mode (its server and the floor in processes of their own, loaded by
// autocannon), in one process. Runs the
// TypeScript sources directly (no build step). Results go to .tmp/bench/, or with --update to
// the committed bench/results/.
//
// Options: --quick (shorter runs, for a smoke test), --no-write (print only).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { environment, functionsTable, lifecycleTable, markdown, overheadTable, scaleTable, serverTable, stateTable, svg, targetsTable } from './lib/report.mjs';
import { runFunctions } from './suites/functions.mjs';
import { runOverhead } from './suites/overhead.mjs';
import { runScale } from './suites/scale.mjs';
import { runServer } from './suites/server.mjs';
import { runState } from './suites/state.mjs';

// The SDK warns once that it will need Node 22 from 2027; a benchmark needs no reminder.
process.removeAllListeners('warning');

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const started = Date.now();
const log = (line) => console.error(line);

log('overhead: floor / floor cached / package via chain / package / aws-sdk-client-mock');
// More, shorter rounds: the median of rounds then rides out the few seconds when a shared machine runs slower.
const overhead = await runOverhead({ rounds: quick ? 1 : 5, time: quick ? 60 : 200, log });
log('scale: 1k / 10k / 100k keys, memory, lifecycle');
const scale = await runScale({ rounds: quick ? 1 : 7, time: quick ? 60 : 150, log });
log('functions: one invocation at 1k / 100k keys, without a store, a bare new context');
const functions = await runFunctions({ rounds: quick ? 1 : 5, count: quick ? 500 : 3000, log });
log('state file: acknowledged writes/s (16 writers) at an empty state and with a 5 MB store, a 5 MB snapshot, heap over many writes');
// A million acknowledged writes take 35-60 s here, by the disk's fsync times: the heap is measured over 500,000 (flat from the first checkpoint on).
const state = await runState({ rounds: quick ? 1 : 3, perWriter: quick ? 500 : 2500, heapWrites: quick ? 50_000 : 500_000, log });
log('server: GetKey / PutKey over 64 keep-alive connections against a bare node:http floor, spawn to first answer (dist/cli.js: npm run build first), heap after the writes');
const server = await runServer({ duration: quick ? 1 : 2, rounds: quick ? 1 : 3, spawns: quick ? 2 : 5, heapWrites: quick ? 0 : 1_000_000, log });
const env = environment();
const results = { env, overhead, scale, functions, state, server, seconds: (Date.now() - started) / 1000 };

console.log(`\n## Ratios against their bounds\n\n${targetsTable(results)}\n`);
console.log(`## Cost per call (µs, medians)\n\n${overheadTable(overhead)}\n`);
console.log(`## Scale\n\n${scaleTable(scale)}\n`);
console.log(`## Per-test lifecycle\n\n${lifecycleTable(scale.lifecycle)}\n`);
console.log(`## CloudFront Functions\n\n${functionsTable(functions)}\n`);
console.log(`## State file\n\n${stateTable(state)}\n`);
console.log(`## Server mode\n\n${serverTable(server)}\n`);
console.log(`${env.cpu}, ${env.cores} cores, Node ${env.node}; ${results.seconds.toFixed(0)} s`);

if (!args.has('--no-write')) {
  // A run's results stay out of version control; `--update` rewrites the committed ones.
  const update = args.has('--update');
  const dir = fileURLToPath(new URL(update ? './results/' : '../.tmp/bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}latest.json`, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(`${dir}latest.md`, markdown(results));
  writeFileSync(`${dir}scaling.svg`, svg(scale));
  // A PNG too when rsvg-convert (or ImageMagick) is around; the SVG is the source of truth.
  const png = [
    ['rsvg-convert', ['-o', `${dir}scaling.png`, `${dir}scaling.svg`]],
    ['convert', [`${dir}scaling.svg`, `${dir}scaling.png`]],
  ].some(([cmd, argv]) => {
    try {
      execFileSync(cmd, argv, { stdio: 'ignore' });
      return true;
    } catch {
      return false; // not installed, or no SVG delegate
    }
  });
  if (!png) {
    // A PNG of an earlier run would show other figures than the SVG: remove our own scratch
    // copy, but never a committed file; say it is stale instead.
    if (!update) rmSync(`${dir}scaling.png`, { force: true });
    log(`no SVG converter (rsvg-convert, ImageMagick): scaling.svg only${update ? '; bench/results/scaling.png still shows an earlier run' : ''}`);
  }
  log(`results written to ${dir}`);
}
