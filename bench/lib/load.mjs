// Loads what every suite needs: the package from its TypeScript source (no build step), the
// real SDK client package, aws-sdk-client-mock, and helpers shared by the suites.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('../register.cjs');

/** This package, straight from `src/` (or from the sources KVS_BENCH_SRC points to, to compare a change). */
export const pkg = require(process.env.KVS_BENCH_SRC ? `${process.env.KVS_BENCH_SRC}/index.ts` : '../../src/index.ts');
export const kvsSdk = require('@aws-sdk/client-cloudfront-keyvaluestore');
export const { mockClient } = require('aws-sdk-client-mock');
export { require };

/** A key of exactly 8 bytes and a value of exactly 12: a 20-byte pair, in key order by `i`. */
export const keyOf = (i) => 'k' + String(i).padStart(7, '0');
export const valueOf = (i) => 'v' + String(i).padStart(11, '0');

/** `n` pairs in the S3 import file's shape, for `seedStore`. */
export function items(n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { key: keyOf(i), value: valueOf(i) };
  return out;
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A small, seeded generator, so every variant and every run sees the same sequence. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
