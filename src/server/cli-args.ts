/** The command line of `cloudfront-kvs-mock serve`: its options, read into the server's, and its help. */
import { parseArgs } from 'node:util';
import { DEFAULT_QUOTAS, type Quotas } from '../core/quotas';
import { KvsMockUsageError } from '../errors';
import { DEFAULT_PORT, type KvsServerOptions } from './options';

export const HELP = `Usage: cloudfront-kvs-mock serve [options]

Serves a simulated Amazon CloudFront KeyValueStore (both planes, and the CloudFront Functions
operations) over HTTP, for any process and language. Requests are routed by method and path
alone: any Host header, any signature (SigV4, SigV4a or none) and any credentials are accepted.

Options:
  --port N                  port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS            address to listen on (default: loopback, 127.0.0.1 and ::1); any other
                            address lets whoever reaches it read and write, and prints a warning
  --seed FILE               start from FILE: a snapshot (GET /_kvs-mock/snapshot), or an S3 import
                            file {"data":[{"key":"k","value":"v"}]} loaded as one READY store named
                            after the file (redirects.json -> "redirects"); may be repeated for
                            import files. With --state, applied only while the state holds no store
  --state FILE              keep the state in FILE: every acknowledged write is on disk before its
                            response, and a restart resumes from it
  --account ID              the default account, 12 digits (default 123456789012)
  --provisioning-delay-ms N how long a created store stays PROVISIONING (default 0)
  --quota NAME=N            override a quota; may be repeated. NAME is one of
${wrap(Object.keys(DEFAULT_QUOTAS).join(', '), 28, 96)}
  --id-seed VALUE           seeds ids, ETags and request ids, for replayable runs (default: random)
  --call-log-limit N        calls kept in the call log, the latest ones (default 1000)
  -h, --help                this text

Admin API (JSON), under /_kvs-mock/: GET health, POST reset, GET|PUT snapshot, POST stores,
GET stores/{arn or name}, POST functions, POST s3-objects, GET|DELETE calls, POST|DELETE faults,
GET|POST clock. See docs/server.md.

SIGINT / SIGTERM: stops accepting, finishes the requests in flight, flushes the state, exits 0.`;

/** `text` as lines of at most `width` characters, each indented by `indent` spaces. */
function wrap(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

export interface CliOptions {
  help: boolean;
  server: KvsServerOptions;
  seedFiles: string[];
}

/** Reads `argv` (after `serve`); a mistake is a usage error naming the option. */
export function parseServeArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string', multiple: true },
        state: { type: 'string' },
        account: { type: 'string' },
        'provisioning-delay-ms': { type: 'string' },
        quota: { type: 'string', multiple: true },
        'id-seed': { type: 'string' },
        'call-log-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new KvsMockUsageError(`${(error as Error).message}. Run cloudfront-kvs-mock serve --help for the options.`);
  }
  const { values } = parsed;
  const server: KvsServerOptions = { port: values.port === undefined ? DEFAULT_PORT : whole(values.port, '--port') };
  if (values.host !== undefined) server.host = values.host;
  if (values.state !== undefined) server.stateFile = values.state;
  if (values.account !== undefined) server.accountId = values.account;
  if (values['provisioning-delay-ms'] !== undefined) server.provisioningDelayMs = whole(values['provisioning-delay-ms'], '--provisioning-delay-ms');
  if (values['id-seed'] !== undefined) server.seed = values['id-seed'];
  if (values['call-log-limit'] !== undefined) server.callLogLimit = whole(values['call-log-limit'], '--call-log-limit');
  if (values.quota !== undefined) {
    const quotas: Partial<Quotas> = {};
    for (const entry of values.quota) {
      const [name, value] = entry.split('=');
      if (!name || value === undefined || !(name in DEFAULT_QUOTAS)) {
        throw new KvsMockUsageError(`--quota ${entry}: expected NAME=N with NAME one of ${Object.keys(DEFAULT_QUOTAS).join(', ')}.`);
      }
      quotas[name as keyof Quotas] = whole(value, `--quota ${name}`);
    }
    server.quotas = quotas;
  }
  return { help: values.help === true, server, seedFiles: values.seed ?? [] };
}

function whole(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new KvsMockUsageError(`${option} takes a whole number, got ${JSON.stringify(text)}.`);
  return value;
}
