'use strict';
// Lets plain `node` require the TypeScript sources, so the benchmark measures `src/` as it is
// with no build step: each .ts file is transpiled (types stripped, nothing bundled) by @swc/core,
// a dev dependency, on first require.
const { transformSync } = require('@swc/core');
const Module = require('node:module');
const fs = require('node:fs');

Module._extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
