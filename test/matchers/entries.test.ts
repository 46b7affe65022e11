// The entry points' wiring under jest: what the shared suite cannot see.
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { useKvsSimulator } from '../../src/jest';

const SRC = resolve(__dirname, '../../src');
const RUNNER_PACKAGES = ['jest', '@jest/globals', 'expect', '@jest/expect', 'vitest', '@vitest/expect'];

/** Every module specifier `file` imports, with the relative ones resolved to files under src. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import|require)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => (s.startsWith('.') ? resolveSource(join(dirname(file), s)) : s));
}

function resolveSource(path: string): string {
  for (const candidate of [`${path}.ts`, join(path, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${path}`);
}

/** Every bare package and every source file reachable from `entry`. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('/')) queue.push(specifier);
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('the root entry point', () => {
  it('loads neither runner nor a runner entry point', () => {
    const { files, packages } = closure(join(SRC, 'index.ts'));
    expect([...packages].filter((p) => RUNNER_PACKAGES.includes(p))).toEqual([]);
    expect(files.has(join(SRC, 'jest.ts'))).toBe(false);
    expect(files.has(join(SRC, 'vitest.ts'))).toBe(false);
    expect(files.size).toBeGreaterThan(10); // the walk did follow the imports
  });

  it('the jest entry does not import a runner package at run time', () => {
    const { packages } = closure(join(SRC, 'jest.ts'));
    // `@jest/globals` is looked up with require() only when jest injected no globals; see below.
    expect([...packages].filter((p) => RUNNER_PACKAGES.includes(p))).toEqual(['@jest/globals']);
  });
});

describe('cloudfront-kvs-mock/jest', () => {
  it("registers on jest's global expect when imported", () => {
    const extend = jest.spyOn(expect, 'extend');
    try {
      jest.isolateModules(() => {
        require('../../src/jest');
      });
      expect(extend).toHaveBeenCalledTimes(1);
      expect(Object.keys(extend.mock.calls[0]![0] as object).sort()).toEqual([
        'toHaveItemCount',
        'toHaveItems',
        'toHaveKey',
        'toHaveReceivedKvsCommand',
        'toHaveReceivedKvsCommandTimes',
        'toHaveReceivedNthKvsCommandWith',
        'toHaveRejectedStaleETag',
        'toHaveStoreStatus',
      ]);
    } finally {
      extend.mockRestore();
    }
  });

  it('finds expect through @jest/globals when jest injects no globals (injectGlobals: false)', () => {
    const holder = globalThis as { expect?: unknown };
    const injected = holder.expect;
    const extend = jest.spyOn(expect, 'extend');
    try {
      delete holder.expect;
      jest.isolateModules(() => {
        require('../../src/jest');
      });
      expect(extend).toHaveBeenCalledTimes(1);
    } finally {
      holder.expect = injected;
      extend.mockRestore();
    }
  });
});

describe('useKvsSimulator under jest', () => {
  const kvs = useKvsSimulator({ seed: 'reset-modules' });

  it('leaves a test that resets the module registry…', () => {
    jest.resetModules();
  });

  it('…with the fresh SDK copy the next test loads intercepted too', async () => {
    const fresh = require('@aws-sdk/client-cloudfront-keyvaluestore') as typeof import('@aws-sdk/client-cloudfront-keyvaluestore');
    const arn = kvs.seedStore({ items: { a: '1' } });
    const { Value } = await new fresh.CloudFrontKeyValueStoreClient({}).send(new fresh.GetKeyCommand({ KvsARN: arn, Key: 'a' }));
    expect(Value).toBe('1');
    expect(kvs).toHaveReceivedKvsCommandTimes('GetKey', 1);
  });
});
