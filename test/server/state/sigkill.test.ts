import { afterAll, describe, expect, it } from '@jest/globals';
import { GetKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { reopen, stateDir } from './durable';

const WRITER = join(__dirname, 'fixtures', 'writer.cjs');
const dirs = stateDir();
afterAll(() => dirs.cleanup());

type Ack = { op: 'create'; name: string; arn: string } | { op: 'put' | 'update'; arn: string; puts: Record<string, string>; etag: string };

/**
 * Runs the writer on the state file, lets it stream acknowledged writes for a random while
 * (after its first acknowledgement), then SIGKILLs it: the acknowledgements it printed.
 */
function runAndKill(run: number): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null; killedAfterMs: number }> {
  const child = spawn(process.execPath, [WRITER, dirs.file, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Ack[] = [];
  let stderr = '';
  let rest = '';
  let timer: NodeJS.Timeout | undefined;
  const killedAfterMs = 150 + Math.floor(Math.random() * 600);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop()!; // a line the kill may cut short is not an acknowledgement
    for (const line of lines) if (line !== 'ready') acks.push(JSON.parse(line));
    timer ??= acks.length > 0 ? setTimeout(() => child.kill('SIGKILL'), killedAfterMs) : undefined;
  });
  // Bounded: a writer that never acknowledges is killed too, and fails below.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 8000);
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      clearTimeout(deadline);
      clearTimeout(timer);
      if (signal !== 'SIGKILL') throw new Error(`the writer exited by itself: ${stderr}`);
      resolve({ acks, signal, killedAfterMs });
    });
  });
}

/** Every acknowledged write, read back from a simulator restored from the file, through a real client. */
async function expectAllFound(acks: Ack[]): Promise<void> {
  const { kvs, state } = await reopen(dirs.file);
  try {
    const data = kvs.keyValueStoreClient();
    const missing: string[] = [];
    for (const ack of acks) {
      if (ack.op === 'create') {
        if (kvs.getStore(ack.arn)?.Name !== ack.name) missing.push(`store ${ack.name}`);
        continue;
      }
      for (const [Key, value] of Object.entries(ack.puts)) {
        const got = await data.send(new GetKeyCommand({ KvsARN: ack.arn, Key })).then((out) => out.Value, (error: Error) => error.name);
        if (got !== value) missing.push(`${Key}: ${got}`);
      }
    }
    expect(missing).toEqual([]);
    // Each store's ETag is its last acknowledged write's, or that of a later write that reached the disk unacknowledged.
    const lastEtag = new Map<string, string>();
    for (const ack of acks) if (ack.op !== 'create') lastEtag.set(ack.arn, ack.etag);
    for (const [arn, etag] of lastEtag) {
      const store = kvs.getStore(arn)!;
      if (store.ETag !== etag) expect(acks.some((a) => a.op !== 'create' && a.etag === store.ETag)).toBe(false);
    }
  } finally {
    await state.close();
  }
}

describe('kill -9 loses no acknowledged write', () => {
  it('a writer SIGKILLed twice mid-stream: every write it acknowledged is there after each restart', async () => {
    const first = await runAndKill(1);
    expect(first.signal).toBe('SIGKILL');
    expect(first.acks.length).toBeGreaterThan(20);
    await expectAllFound(first.acks);

    // The second run resumes from the file the kill left (and the restore above compacted).
    const second = await runAndKill(2);
    expect(second.acks.length).toBeGreaterThan(20);
    await expectAllFound([...first.acks, ...second.acks]);
  });
});
