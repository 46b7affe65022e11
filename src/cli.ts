#!/usr/bin/env node
/**
 * `cloudfront-kvs-mock serve`: reads the options, starts the server and prints what each client
 * needs to reach it. Everything else lives in src/server/.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { HELP, parseServeArgs } from './server/cli-args';
import { startKvsServer, type KvsServer } from './server';
import { KvsMockUsageError } from './errors';
import { SNAPSHOT_FORMAT } from './harness/snapshot';

/** The command line was right, but the server could not run (a port in use, a state file refused). */
class ServerNotStarted extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return;
  }
  if (command !== 'serve') throw new KvsMockUsageError(`unknown command ${JSON.stringify(command)}: the one command is serve (cloudfront-kvs-mock serve --help).`);
  const cli = parseServeArgs(rest);
  if (cli.help) {
    console.log(HELP);
    return;
  }
  const imports: Array<{ name: string; text: string }> = [];
  let snapshot: string | undefined;
  for (const file of cli.seedFiles) {
    const text = readFileSync(file, 'utf8');
    const json = parseJson(text, file);
    if (json?.format === SNAPSHOT_FORMAT) {
      if (snapshot !== undefined) throw new KvsMockUsageError(`--seed ${file}: only one snapshot can be the starting state.`);
      snapshot = text;
    } else if (Array.isArray(json?.data)) imports.push({ name: basename(file, extname(file)), text });
    else throw new KvsMockUsageError(`--seed ${file}: neither a snapshot ("format": "${SNAPSHOT_FORMAT}") nor an S3 import file ({"data":[{"key":"k","value":"v"}]}).`);
  }
  const persistent = cli.server.stateFile !== undefined;
  let server: KvsServer;
  try {
    server = await startKvsServer(persistent || snapshot === undefined ? cli.server : { ...cli.server, snapshot });
  } catch (error) {
    throw new ServerNotStarted((error as Error).message);
  }
  // With a state file, the seed is the starting state only while the state holds nothing.
  const fresh = server.simulator.snapshot().stores.length === 0;
  if (persistent && fresh && snapshot !== undefined) await server.admin.loadSnapshot(snapshot);
  if (fresh) for (const { name, text } of imports) await server.admin.seedStore({ name, importFile: text });
  console.log(banner(server));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`${signal}: finishing the requests in flight`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function parseJson(text: string, file: string): { format?: unknown; data?: unknown } | undefined {
  try {
    return JSON.parse(text);
  } catch {
    throw new KvsMockUsageError(`--seed ${file}: not JSON.`);
  }
}

/** The endpoint and the lines a user copies for each client. */
function banner(server: KvsServer): string {
  const { url, env } = server;
  return `cloudfront-kvs-mock: CloudFront KeyValueStore on ${url} (both planes; admin API under ${url}/_kvs-mock/)

  Node, any app (preload):  NODE_OPTIONS="--require cloudfront-kvs-mock/connect" CLOUDFRONT_KVS_MOCK_ENDPOINT=${url}
  AWS CLI:                  HTTP_PROXY=${env['HTTP_PROXY']} aws --endpoint-url ${url} cloudfront-keyvaluestore ...
                            aws --endpoint-url ${url} cloudfront list-key-value-stores
  boto3 / Go:               HTTP_PROXY=${env['HTTP_PROXY']} and endpoint ${url} (endpoint_url=..., BaseEndpoint)
  curl:                     curl ${url}/_kvs-mock/health
  Stop: Ctrl-C (SIGINT) or SIGTERM.`;
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  // 2: the command line was wrong; 1: the server could not run (a port in use, a state file refused).
  process.exit(error instanceof KvsMockUsageError ? 2 : 1);
});
