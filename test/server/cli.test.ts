import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortInUseError, startKvsServer } from '../../src/server';

// The CLI from its TypeScript source (transpiled on require by @swc/core, as the benchmark runs
// it): no build step. The built dist/cli.js is what the benchmark times from spawn to first answer.
const ROOT = join(__dirname, '..', '..');
const children: ChildProcess[] = [];

function cli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register.cjs'), join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function urlOf(output: () => string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const match = /on (http:\/\/localhost:\d+)/.exec(output());
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no endpoint printed: ${output()}`);
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('cloudfront-kvs-mock serve', () => {
  it('--help documents every option', async () => {
    const { output, exited } = cli(['serve', '--help']);
    expect(await exited).toBe(0);
    for (const option of ['--port', '--host', '--seed', '--state', '--account', '--provisioning-delay-ms', '--quota', '--id-seed', '--call-log-limit', '/_kvs-mock/', 'SIGTERM']) {
      expect(output()).toContain(option);
    }
  });

  it('starts from an S3 import file, prints the lines to copy, answers, and exits 0 on SIGTERM after finishing a request in flight', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kvs-cli-'));
    const file = join(dir, 'redirects.json');
    writeFileSync(file, JSON.stringify({ data: [{ key: '/old', value: '/new' }] }));
    const { child, output, exited } = cli(['serve', '--port', '0', '--seed', file, '--account', '111122223333']);
    const url = await urlOf(output);
    expect(output()).toContain('CLOUDFRONT_KVS_MOCK_ENDPOINT=');
    expect(output()).toContain('HTTP_PROXY=http://127.0.0.1:');
    const store = (await (await fetch(`${url}/_kvs-mock/stores/redirects`)).json()) as { ARN: string };
    expect(store).toMatchObject({ AccountId: '111122223333', Items: { '/old': '/new' } });
    const keyUrl = `${url}/key-value-stores/${encodeURIComponent(store.ARN)}/keys/${encodeURIComponent('/old')}`;
    expect(await (await fetch(keyUrl)).json()).toMatchObject({ Value: '/new' });

    await fetch(`${url}/_kvs-mock/faults`, { method: 'POST', body: JSON.stringify({ operation: 'GetKey', delayMs: 700 }) });
    const inFlight = fetch(keyUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await exited).toBe(0);
    expect(output()).toContain('SIGTERM');
  });

  it('refuses a bad option with a message and exit code 2', async () => {
    const bad = cli(['serve', '--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('--port takes a whole number');
  });

  it('a port in use is a clear error, from the API and from the command line', async () => {
    const first = await startKvsServer();
    try {
      await expect(startKvsServer({ port: first.port })).rejects.toThrow(PortInUseError);
      await expect(startKvsServer({ port: first.port })).rejects.toThrow(`port ${first.port} on 127.0.0.1 is in use`);
      const { output, exited } = cli(['serve', '--port', String(first.port)]);
      expect(await exited).toBe(1);
      expect(output()).toContain(`port ${first.port} on 127.0.0.1 is in use by another process`);
    } finally {
      await first.close();
    }
  });
});
