// Turns the suites' numbers into bench/results/: a JSON file, a markdown report and an SVG of
// the scaling curves (drawn here, no plotting dependency).
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { require } from './load.mjs';

export function environment() {
  const version = (name) => {
    // Packages with an `exports` map may not export package.json: read it from node_modules then.
    for (const file of [() => require.resolve(`${name}/package.json`), () => new URL(`../../node_modules/${name}/package.json`, import.meta.url)]) {
      try {
        return JSON.parse(readFileSync(file(), 'utf8')).version;
      } catch {
        // try the next way
      }
    }
    return 'unknown';
  };
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    packages: Object.fromEntries(
      ['@aws-sdk/client-cloudfront-keyvaluestore', '@aws-sdk/client-cloudfront', '@smithy/core', 'aws-sdk-client-mock', 'sinon', 'tinybench'].map((name) => [name, version(name)]),
    ),
    thisPackage: JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
  };
}

const us = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const x = (v) => v.toFixed(3);

export function overheadTable(overhead) {
  const lines = [
    '| command | floor: bare SDK, µs | floor, `cacheMiddleware`, µs | package through the SDK chain, µs | **package** (`attach`), µs | aws-sdk-client-mock, µs | whole pipeline, constant transport, µs | package on the whole pipeline, µs | chain / floor | package / floor | package / floor cached | **package / mock** | **wire / wire floor** |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of overhead.table) {
    const m = row.medianMicros;
    const r = row.ratios;
    lines.push(
      `| ${row.command} | ${us(m.floor)} | ${us(m.floorCached)} | ${us(m.chain)} | ${us(m.package)} | ${us(m.mock)} | ${us(m.wireFloor)} | ${us(m.wire)} | ${x(r.chainOverFloor)} | ${x(r.packageOverFloor)} | ${x(r.packageOverFloorCached)} | ${x(r.packageOverMock)} | ${x(r.wireOverWireFloor)} |`,
    );
  }
  return lines.join('\n');
}

export function scaleTable(scale) {
  const lines = [
    '| keys | ListKeys page of 50, µs | same, call log kept for the whole scan, µs | GetKey, µs | UpdateKeys (25 deletes + 25 puts), µs | heap per stored byte | heap per pair, bytes | same after writes, per stored byte |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of scale.sizes) {
    const p = scale.perCall[n];
    const mem = scale.memory[n];
    lines.push(`| ${n.toLocaleString('en-US')} | ${us(p.listPage)} | ${us(p.listPageLogKept)} | ${us(p.getKey)} | ${us(p.updateKeys)} | ${mem ? `${mem.perStoredByte.toFixed(2)}x` : 'n/a'} | ${mem ? mem.perPair.toFixed(1) : 'n/a'} | ${mem?.afterWrites ? `${mem.afterWrites.perStoredByte.toFixed(2)}x` : 'n/a'} |`);
  }
  const first = scale.sizes[0].toLocaleString('en-US');
  const last = scale.sizes[scale.sizes.length - 1].toLocaleString('en-US');
  lines.push('', `Growth from ${first} to ${last} keys: ListKeys page ${x(scale.growth.listPage)} (log kept: ${x(scale.growth.listPageLogKept)}), GetKey ${x(scale.growth.getKey)}, UpdateKeys ${x(scale.growth.updateKeys)}.`);
  return lines.join('\n');
}

/** The package's ratios, each with the figures behind it and, where the package holds itself to one, its bound. */
export function targetsTable({ overhead, scale, functions, state, server }) {
  const rows = [];
  const per = (f) => overhead.table.map((row) => `${row.command} ${x(f(row))}`).join(', ');
  const all = (f, limit) => overhead.table.every((row) => f(row) <= limit);
  rows.push(['package (`attach`, default client) / bare SDK floor <= 1.10', per((r) => r.ratios.packageOverFloor), all((r) => r.ratios.packageOverFloor, 1.1)]);
  rows.push(['package through the SDK chain / floor (the simulator itself, fast path bypassed)', per((r) => r.ratios.chainOverFloor), undefined]);
  rows.push(['package on the SDK\'s whole pipeline, answered at the wire / the same pipeline with a constant transport <= 1.10', per((r) => r.ratios.wireOverWireFloor), all((r) => r.ratios.wireOverWireFloor, 1.1)]);
  rows.push(['fast path / aws-sdk-client-mock', per((r) => r.ratios.packageOverMock), undefined]);
  const last = scale.sizes[scale.sizes.length - 1];
  rows.push([`ListKeys page at ${last.toLocaleString('en-US')} / at ${scale.sizes[0].toLocaleString('en-US')} keys <= 1.5`, `${x(scale.growth.listPage)} (call log kept for the whole scan: ${x(scale.growth.listPageLogKept)})`, scale.growth.listPage <= 1.5]);
  rows.push([`UpdateKeys at ${last.toLocaleString('en-US')} / at ${scale.sizes[0].toLocaleString('en-US')} keys <= 1.5`, x(scale.growth.updateKeys), scale.growth.updateKeys <= 1.5]);
  const mem = scale.memory[last];
  if (mem) {
    const written = mem.afterWrites;
    const measured = `${mem.perStoredByte.toFixed(2)}x (${mem.perPair.toFixed(1)} bytes per 20-byte pair); after every key was rewritten twice: ${written ? `${written.perStoredByte.toFixed(2)}x` : 'n/a'}`;
    rows.push([`heap at ${last.toLocaleString('en-US')} keys <= 3x the bytes of keys and values`, measured, mem.perStoredByte <= 3 && (!written || written.perStoredByte <= 3)]);
  }
  if (functions) {
    const sizes = Object.keys(functions.medianMicros.invocation);
    const small = functions.medianMicros.invocation[sizes[0]];
    rows.push([`one invocation of a ${functions.codeLines}-line viewer-request function with one kvs.get, fresh globals included <= 250 µs (median)`, `${us(small)} µs`, small <= 250]);
    rows.push([`the same at ${Number(sizes[sizes.length - 1]).toLocaleString('en-US')} / at ${Number(sizes[0]).toLocaleString('en-US')} keys <= 1.5`, x(functions.growth), functions.growth <= 1.5]);
  }
  if (state) {
    rows.push([`acknowledged writes/s (${state.writers} writers, state file) with a 5 MB store / at an empty state >= 0.8`, `${x(state.ratio)} (${Math.round(state.bigStore.writesPerSecond)} / ${Math.round(state.empty.writesPerSecond)})`, state.ratio >= 0.8]);
  }
  if (server) {
    rows.push([`server GetKey throughput / a bare node:http server answering the same bytes >= 0.7 (${server.connections} keep-alive connections)`, `${x(server.ratios.getKey)} (CPU per request: ${x(server.ratios.getKeyCpu)})`, server.ratios.getKey >= 0.7]);
    rows.push(['server PutKey throughput / the same floor', x(server.ratios.putKey), undefined]);
    if (server.spawnToAnswerMs.cli !== undefined) rows.push(['`cloudfront-kvs-mock serve`: spawn to first answer <= 300 ms', `${server.spawnToAnswerMs.cli.toFixed(0)} ms (bare node:http: ${server.spawnToAnswerMs.bareNodeHttp.toFixed(0)} ms)`, server.spawnToAnswerMs.cli <= 300]);
  }
  const within = (ok) => (ok === undefined ? '' : ok ? 'yes' : '**no**');
  return ['| ratio | measured | within its bound |', '|---|---|:---:|', ...rows.map(([t, m, ok]) => `| ${t} | ${m} | ${within(ok)} |`)].join('\n');
}

export function functionsTable(functions) {
  const m = functions.medianMicros;
  const rows = Object.entries(m.invocation).map(([n, v]) => `| invocation, store of ${Number(n).toLocaleString('en-US')} keys | ${us(v)} |`);
  return ['| per invocation (`simulator.runFunction()`) | µs |', '|---|---:|', ...rows, `| invocation, no store | ${us(m.noStore)} |`, ...(m.cwt === undefined ? [] : [`| invocation, \`cf.cwt.validateToken\` of a ${functions.cwtTokenBytes}-byte token | ${us(m.cwt)} |`]), ...(m.jwt10 === undefined ? [] : [`| invocation, cloudfront-js-1.0 HS256 JWT check | ${us(m.jwt10)} |`]), `| a bare \`node:vm\` context, created and run once | ${us(m.newContext)} |`].join('\n');
}

export function stateTable(state) {
  const row = (name, r) => `| ${name} | ${Math.round(r.writesPerSecond)} | ${r.writesPerFsync.toFixed(1)} | ${r.compactions} | ${(r.snapshotBytes / 1e6).toFixed(2)} |`;
  const h = state.heap;
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  return [
    '| state | acknowledged writes/s | writes per fsync | compactions in the run | snapshot MB |',
    '|---|---:|---:|---:|---:|',
    row('empty (16 stores)', state.empty),
    row('with a 5 MB store (one writer writes to it)', state.bigStore),
    '',
    `A 5 MB state's snapshot: ${mb(state.snapshot.snapshotBytes)} MB, serialized in ${state.snapshot.serializeMs.toFixed(1)} ms (the only time reads wait), written and renamed with the new journal in ${state.snapshot.compactionMs.toFixed(1)} ms.`,
    `Heap over ${h.writes.toLocaleString('en-US')} acknowledged writes (${h.seconds.toFixed(0)} s, ${h.compactions} compactions): ${h.checkpoints.map((c) => `${mb(c.heapBytes)} MB after ${c.writes.toLocaleString('en-US')}`).join(', ')}; ${mb(h.heapGrowthBytes)} MB more than before the writes at the end (heap used ${mb(h.heapUsedBytes)} MB).`,
  ].join('\n');
}

export function serverTable(server) {
  const row = (name, r) => `| ${name} | ${Math.round(r.requestsPerSecond).toLocaleString('en-US')} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuMicrosPerRequest.toFixed(1)} | ${r.non2xx + r.errors} |`;
  const spawn = server.spawnToAnswerMs;
  return [
    `| ${server.connections} keep-alive connections | requests/s | p50 ms | p99 ms | CPU µs per request | not 2xx |`,
    '|---|---:|---:|---:|---:|---:|',
    row('GetKey, floor (bare node:http, constant bytes)', server.getKey.floor),
    row('GetKey, server', server.getKey.server),
    row('PutKey, floor', server.putKey.floor),
    row('PutKey, server (each with its store\'s current ETag)', server.putKey.server),
    '',
    `Spawn to first answer: \`cloudfront-kvs-mock serve\` ${spawn.cli === undefined ? 'not measured (no dist/: npm run build)' : `${spawn.cli.toFixed(0)} ms`}, a bare node:http server ${spawn.bareNodeHttp.toFixed(0)} ms. Server heap after ${server.heap.writes.toLocaleString('en-US')} PutKeys: ${server.heap.afterWritesMiB.toFixed(1)} MiB (before them: ${server.heap.beforeWritesMiB.toFixed(1)} MiB; call log kept at 1,000 calls).`,
  ].join('\n');
}

export function lifecycleTable(lifecycle) {
  return ['| per test | µs |', '|---|---:|', ...Object.entries(lifecycle).map(([name, v]) => `| \`${name}\` | ${us(v)} |`)].join('\n');
}

export function markdown({ env, overhead, scale, functions, state, server }) {
  return `# Benchmark results

Generated by \`npm run bench\` (${env.date}). Medians of ${overhead.rounds} rounds; each round's figure is tinybench's median (p50) of batches of ${overhead.batch} sequential sends, divided by ${overhead.batch}.

Machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB, ${env.platform}; Node ${env.node} (V8 ${env.v8}); load average at the end ${env.loadAverage.join(' / ')}.
Packages: ${Object.entries(env.packages)
    .map(([name, v]) => `\`${name}\` ${v}`)
    .join(', ')}; cloudfront-kvs-mock ${env.thisPackage} (from \`src/\`).

## Ratios against their bounds

${targetsTable({ overhead, scale, functions, state, server })}

## Cost per call, same commands, side by side

- **floor**: the same client with a middleware at the same step (\`initialize\`, priority \`high\`) that returns a constant: what any double at that position costs.
- **floor, \`cacheMiddleware\`**: the same, client built with \`cacheMiddleware: true\`.
- **package through the SDK chain**: an attached client sent through the SDK's own \`send\` (the fast path bypassed), i.e. the simulator's own cost on top of the floor.
- **package (\`attach\`)**: \`kvs.attach(new CloudFrontKeyValueStoreClient({}))\` as users get it, with the fast path.
- **aws-sdk-client-mock**: \`mockClient(client).on(Command).resolves(output)\`.

The package answers from a store of ${overhead.storeKeys.toLocaleString('en-US')} keys (writes carry the current ETag and change the values they write: UpdateKeys replaces 50 existing keys' values, alternating between two sets of values; pages resume from the previous page's token); the floor and the mock answer constants.

${overheadTable(overhead)}

## Scale (package, default path)

${scaleTable(scale)}

Each figure is the median of ${scale.rounds} rounds; every round measures the three sizes in turn. ListKeys: full scans in pages of 50 (MaxResults 50), each page resuming from the previous page's token; "call log kept" keeps every page's call record (with its output) for the whole scan, as a test that lists a whole store in one go does, which makes the garbage collector trace more as the scan goes on. GetKey: a random key. UpdateKeys: 25 deletes and 25 puts at random places, so the store keeps its size. A batch's inputs (random keys, the moves) are made before it and the call log is otherwise emptied after every batch of ${overhead.batch} calls, both outside the timed window.

Memory: \`process.memoryUsage().heapUsed\` after \`gc()\`, in a fresh process, before and after seeding stores of n pairs of 20 bytes (9-byte keys, 11-byte values; for n < 100,000, 100,000 / n such stores, so every figure covers 100,000 pairs), divided by the bytes of keys and values. "After writes": then UpdateKeys calls through a real client (25 deletes + 25 puts at random places each) move every key of every store twice, and the stores are measured again, as what the heap drops by when they are removed.

![scaling curves](scaling.svg)

## Per-test lifecycle

${lifecycleTable(scale.lifecycle)}
${functions ? `
## CloudFront Functions

${functionsTable(functions)}

Medians of ${functions.rounds} rounds; each round's figure is the median of ${functions.count} timed invocations (after 200 untimed ones), each a call of \`simulator.runFunction({ code, event, kvs: arn })\` with a ${functions.codeLines}-line viewer-request function that reads one key (half the events hit a redirect in the store). An invocation includes checking the options and the event, resetting the reused context's globals, running the code and serializing its output; compiled code is cached by its text. The last row is the floor a fresh context per invocation would start from, before building any of the runtime's globals.
` : ''}${state ? `
## State file

${stateTable(state)}

${state.writers} writers at once, each a chain of PutKeys on its own store (the next one carries the ETag the last returned), each followed by \`afterWrite\`, which resolves once the journal holding it is fsynced: what a server with \`--state\` waits for before it answers. ${state.empty.writes.toLocaleString('en-US')} writes per run, median of ${state.rounds} runs alternating the two states, after an untimed warm-up; the journal is compacted past 1 MiB (and twice the snapshot), so both states compact as often as their size allows. The heap is measured in a fresh process after \`gc()\`, with the call log emptied as the server's bounded log would be; a million writes take 35-60 s here (by the disk's fsync times), so to keep the benchmark's budget the run is ${state.heap.writes.toLocaleString('en-US')} writes.
` : ''}${server ? `
## Server mode

${serverTable(server)}

Each server runs in a process of its own; autocannon, in the benchmark's process, keeps ${server.connections} keep-alive connections busy for ${server.duration} s per run, the floor and the server in turn for ${server.rounds} rounds (medians). The floor reads the request and answers a GetKey's bytes; the server answers from a store of 1,000 keys with its call log kept. PutKey sends each store's current ETag, so every write succeeds. CPU per request is the process's own CPU time over the requests it answered: the figure a busy machine disturbs least.
` : ''}`;
}

/**
 * A two-panel SVG: the cost per call at each size relative to 1,000 keys (flat is the goal,
 * the dashed line the 1.5x bound), and heap per stored byte (bound 3x).
 */
export function svg(scale) {
  const W = 900;
  const H = 345;
  const sizes = scale.sizes;
  const series = [
    { name: 'UpdateKeys (25 deletes + 25 puts)', key: 'updateKeys', color: '#d62728' },
    { name: 'ListKeys page of 50', key: 'listPage', color: '#1f77b4' },
    { name: 'ListKeys page, call log kept', key: 'listPageLogKept', color: '#1f77b4', dash: '6,4' },
    { name: 'GetKey', key: 'getKey', color: '#2ca02c' },
  ];
  const panel = (x0, y0, w, h, title, yLabel, yMax, step, lines, yFmt, target) => {
    const lx = (n) => x0 + ((Math.log10(n) - Math.log10(sizes[0])) / (Math.log10(sizes[sizes.length - 1]) - Math.log10(sizes[0]))) * w;
    const ly = (v) => y0 + h - (v / yMax) * h;
    let out = `<text x="${x0 + w / 2}" y="${y0 - 14}" text-anchor="middle" font-size="14" font-weight="bold">${title}</text>`;
    out += `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#999"/>`;
    for (let v = 0; v <= yMax + 1e-9; v += step) {
      out += `<line x1="${x0}" x2="${x0 + w}" y1="${ly(v)}" y2="${ly(v)}" stroke="#eee"/><text x="${x0 - 6}" y="${ly(v) + 4}" text-anchor="end" font-size="11">${yFmt(v)}</text>`;
    }
    for (const n of sizes) out += `<text x="${lx(n)}" y="${y0 + h + 16}" text-anchor="middle" font-size="11">${n.toLocaleString('en-US')}</text>`;
    out += `<text x="${x0 + w / 2}" y="${y0 + h + 34}" text-anchor="middle" font-size="12">keys in the store (log scale)</text>`;
    out += `<text transform="translate(${x0 - 46},${y0 + h / 2}) rotate(-90)" text-anchor="middle" font-size="12">${yLabel}</text>`;
    if (target) {
      out += `<line x1="${x0}" x2="${x0 + w}" y1="${ly(target.value)}" y2="${ly(target.value)}" stroke="#555" stroke-dasharray="3,3"/>`;
      out += `<text x="${x0 + w - 4}" y="${ly(target.value) - 5}" text-anchor="end" font-size="11" fill="#555">${target.label}</text>`;
    }
    lines.forEach((line, k) => {
      const points = sizes.map((n) => `${lx(n).toFixed(1)},${ly(line.values[n]).toFixed(1)}`).join(' ');
      const dash = line.dash ? ` stroke-dasharray="${line.dash}"` : '';
      out += `<polyline points="${points}" fill="none" stroke="${line.color}" stroke-width="2.5"${dash}/>`;
      for (const n of sizes) out += `<circle cx="${lx(n)}" cy="${ly(line.values[n])}" r="3.5" fill="${line.color}"/>`;
      out += `<line x1="${x0 + 10}" x2="${x0 + 26}" y1="${y0 + 14 + k * 18}" y2="${y0 + 14 + k * 18}" stroke="${line.color}" stroke-width="3"${dash}/><text x="${x0 + 32}" y="${y0 + 18 + k * 18}" font-size="11">${line.name}</text>`;
    });
    return out;
  };
  const relative = series.map((s) => ({ ...s, values: Object.fromEntries(sizes.map((n) => [n, scale.perCall[n][s.key] / scale.perCall[sizes[0]][s.key]])) }));
  const relMax = Math.max(2.5, Math.ceil(Math.max(...relative.flatMap((l) => Object.values(l.values))) * 2) / 2);
  let body = panel(80, 50, 340, 240, `Cost per call, relative to ${sizes[0].toLocaleString('en-US')} keys`, 'x the cost at 1,000 keys', relMax, 0.5, relative, (v) => `${v.toFixed(1)}x`, { value: 1.5, label: 'bound 1.5x' });
  if (scale.memory[sizes[0]]) {
    const memLine = [{ name: 'heap / bytes of keys and values', color: '#9467bd', values: Object.fromEntries(sizes.map((n) => [n, scale.memory[n].perStoredByte])) }];
    if (sizes.every((n) => scale.memory[n].afterWrites)) {
      memLine.push({ name: 'the same, after writes', color: '#8c564b', dash: '6,4', values: Object.fromEntries(sizes.map((n) => [n, scale.memory[n].afterWrites.perStoredByte])) });
    }
    const memMax = Math.max(4, Math.ceil(Math.max(...memLine.flatMap((l) => Object.values(l.values)))));
    body += panel(520, 50, 340, 240, 'Heap per stored byte', 'heap bytes per byte of keys and values', memMax, 1, memLine, (v) => `${v.toFixed(0)}x`, { value: 3, label: 'bound 3x' });
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif"><rect width="${W}" height="${H}" fill="white"/>${body}</svg>\n`;
}
