// The client packages are optional peers, so the published declarations must load in a project
// that has only one of them, even with `skipLibCheck: false`. The bundled declarations import
// their types by name: each such import gets a `@ts-ignore` (a missing package's types then
// read as `any`), and bare side-effect imports of them, which declare nothing, are dropped.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const peer = /from '@aws-sdk\/client-cloudfront(-keyvaluestore)?'/;
const bare = /^import '@aws-sdk\/client-cloudfront(-keyvaluestore)?';\n/gm;
let changed = 0;
for (const name of readdirSync(dist).filter((n) => /\.d\.m?ts$/.test(n))) {
  const file = join(dist, name);
  const before = readFileSync(file, 'utf8');
  const after = before
    .replace(bare, '')
    .split('\n')
    .map((line, i, lines) => (peer.test(line) && /^import /.test(line) && !/@ts-ignore/.test(lines[i - 1] ?? '') ? `// @ts-ignore -- optional peer dependency\n${line}` : line))
    .join('\n');
  if (after !== before) {
    writeFileSync(file, after);
    changed++;
  }
}
console.log(`optional peer types: ${changed} declaration files marked`);
