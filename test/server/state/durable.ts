import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKvsSimulator, type KvsSimulator, type KvsSimulatorOptions } from '../../../src';
import { openStateFile, type StateFile, type StateFileOptions } from '../../../src/server/state';

/** A fresh directory for one test's state files; removed by `cleanup()`. */
export function stateDir(): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-state-'));
  return { dir, file: join(dir, 'state.json'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Real clients attached to `kvs` whose every successful command waits for `state().afterWrite`
 * before the caller gets its answer, as the server waits before it responds: a middleware
 * around the simulator's answer, handing over what the server's call holds.
 */
export function durableClients(kvs: KvsSimulator, state: () => StateFile): { data: CloudFrontKeyValueStoreClient; control: CloudFrontClient } {
  const data = kvs.attach(new CloudFrontKeyValueStoreClient({ maxAttempts: 1 }));
  const control = kvs.attach(new CloudFrontClient({ maxAttempts: 1 }));
  for (const [client, plane] of [
    [data, 'data'],
    [control, 'control'],
  ] as const) {
    (client.middlewareStack as { add(middleware: unknown, options: object): void }).add(
      (next: any, context: any) => async (args: any) => {
        const result = await next(args);
        const operation = String(context.commandName).replace(/Command$/, '');
        await state().afterWrite({ plane, operation, input: args.input, accountId: kvs.accountId });
        return result;
      },
      { step: 'initialize', name: 'stateFileAfterWrite' },
    );
  }
  return { data, control };
}

/** A simulator restored from `file`, as a restarted server opens it. */
export async function reopen(file: string, options: KvsSimulatorOptions = {}, stateOptions: StateFileOptions = {}): Promise<{ kvs: KvsSimulator; state: StateFile }> {
  const kvs = createKvsSimulator(options);
  const state = await openStateFile(file, kvs, stateOptions);
  return { kvs, state };
}
