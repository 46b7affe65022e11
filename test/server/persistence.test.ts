import { afterAll, describe, expect, it } from '@jest/globals';
import { CreateKeyValueStoreCommand, DescribeKeyValueStoreCommand as DescribeStoreCommand } from '@aws-sdk/client-cloudfront';
import { DescribeKeyValueStoreCommand, GetKeyCommand, ListKeysCommand, PutKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from '../../src';
import { startKvsServer } from '../../src/server';
import { openStateFile } from '../../src/server/state';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlClientFor, dataClientFor } from '../helpers/server';

// `cloudfront-kvs-mock serve --state FILE` killed with SIGKILL in the middle of a stream of
// acknowledged writes, then started again on the same file: every write it acknowledged is there.
// The CLI runs from its TypeScript source (no build), as test/server/cli.test.ts runs it.
const ROOT = join(__dirname, '..', '..');
const children: ChildProcess[] = [];

function serve(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null>; url: () => Promise<string> } {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register.cjs'), join(ROOT, 'src/cli.ts'), 'serve', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = async () => {
    for (let i = 0; i < 200; i++) {
      const match = /on (http:\/\/localhost:\d+)/.exec(text);
      if (match) return match[1]!;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no endpoint printed: ${text}`);
  };
  return { child, output: () => text, exited, url };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('serve --state', () => {
  it('SIGKILL in the middle of acknowledged writes loses none of them; the restart resumes both ETags', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'kvs-state-')), 'state.json');
    const first = serve(['--state', state]);
    const url = await first.url();
    const control = controlClientFor(url, { maxAttempts: 1 });
    const data = dataClientFor(url, { maxAttempts: 1 });
    const created = await control.send(new CreateKeyValueStoreCommand({ Name: 'durable' }));
    const arn = created.KeyValueStore!.ARN!;

    // Four writers, each a chain of PutKeys carrying the ETag the last one returned; the
    // server is killed while they run, at a moment drawn at random.
    const acknowledged = new Map<string, string>();
    const etags = new Set<string>();
    let stop = false;
    const writer = async (w: number) => {
      let { ETag } = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      for (let i = 0; !stop; i++) {
        try {
          const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key: `w${w}-${i}`, Value: `v${w}-${i}`, IfMatch: ETag }));
          acknowledged.set(`w${w}-${i}`, `v${w}-${i}`);
          ETag = out.ETag!;
          etags.add(ETag);
        } catch (error) {
          if ((error as Error).name !== 'ValidationException') return; // the server is gone
          // Another writer won: read the ETag again, unless the server is gone meanwhile.
          const again = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn })).catch(() => undefined);
          if (!again) return;
          ETag = again.ETag;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    // Once the stream is well under way (30 writes acknowledged, however slow the machine is
    // today), a random moment later.
    while (acknowledged.size < 30) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 400)));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await first.exited;
    data.destroy();
    control.destroy();
    expect(acknowledged.size).toBeGreaterThanOrEqual(30);

    const second = serve(['--state', state]);
    const again = await second.url();
    const data2 = dataClientFor(again, { maxAttempts: 1 });
    const control2 = controlClientFor(again, { maxAttempts: 1 });
    try {
      for (const [key, value] of acknowledged) expect((await data2.send(new GetKeyCommand({ KvsARN: arn, Key: key }))).Value).toBe(value);
      const described = await data2.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      // A write applied and journaled but not yet answered when the server died may be there too.
      expect(described.ItemCount).toBeGreaterThanOrEqual(acknowledged.size);
      expect(described.ItemCount).toBeLessThanOrEqual(acknowledged.size + 4);
      // The data plane's ETag is one the server answered, unless unanswered writes were applied.
      if (described.ItemCount === acknowledged.size) expect(etags.has(described.ETag!)).toBe(true);
      const listed = await data2.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50 }));
      expect(listed.Items!.length).toBe(Math.min(50, described.ItemCount!));
      // The restarted store takes a write carrying the ETag it reports.
      await data2.send(new PutKeyCommand({ KvsARN: arn, Key: 'after-restart', Value: 'x', IfMatch: described.ETag }));
      // The control plane's ETag is the one CreateKeyValueStore answered: key writes leave it alone (D8).
      expect((await control2.send(new DescribeStoreCommand({ Name: 'durable' }))).ETag).toBe(created.ETag);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      data2.destroy();
      control2.destroy();
    }
  });

  it('refuses a corrupt state file, naming it, and leaves it as it was', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'kvs-state-')), 'state.json');
    writeFileSync(state, '{"this is": "not a state file"}\n');
    const { output, exited } = serve(['--state', state]);
    expect(await exited).toBe(1);
    expect(output()).toContain(state);
    expect(readFileSync(state, 'utf8')).toBe('{"this is": "not a state file"}\n');
  });

  it('journals what the test process itself changes: seeding on server.simulator, a client attached to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kvs-state-'));
    const state = join(dir, 'state.json');
    const server = await startKvsServer({ stateFile: state });
    const http = dataClientFor(server.url, { maxAttempts: 1 });
    const attached = server.simulator.attach(new CloudFrontKeyValueStoreClient({}));
    try {
      const arn = server.simulator.seedStore({ name: 'seeded', items: { a: '1' } });
      let { ETag } = await http.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      ({ ETag } = await http.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: ETag })));
      ({ ETag } = await attached.send(new PutKeyCommand({ KvsARN: arn, Key: 'c', Value: '3', IfMatch: ETag })));
      // Answered once on disk, after everything journaled before it.
      await http.send(new PutKeyCommand({ KvsARN: arn, Key: 'd', Value: '4', IfMatch: ETag }));

      // The files as a crash right now would leave them (the server is still running, never closed).
      const copy = join(mkdtempSync(join(tmpdir(), 'kvs-state-copy-')), 'state.json');
      copyFileSync(state, copy);
      copyFileSync(`${state}.journal`, `${copy}.journal`);
      const restarted = createKvsSimulator();
      const reopened = await openStateFile(copy, restarted);
      expect(restarted.getStore(arn)?.Items).toEqual({ a: '1', b: '2', c: '3', d: '4' });
      await reopened.close();
    } finally {
      http.destroy();
      await server.close();
    }
  });
});
