/**
 * fast-check settings from the environment, so that any failure can be replayed exactly and
 * longer runs need no code change:
 * - `KVS_FC_RUNS`: sequences of the model-based test (default 2,000);
 * - `KVS_FUZZ_INPUTS`: inputs of the fuzz test (default 100,000);
 * - `KVS_FC_SEED` / `KVS_FC_PATH`: replay one failure (run that test alone with `-t`).
 */
import fc from 'fast-check';

export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number >= 1, got ${JSON.stringify(raw)}`);
  return n;
}

/** The seed in use: `KVS_FC_SEED`, or a new one, always printed on failure. */
export function seedFromEnv(): number {
  const raw = process.env['KVS_FC_SEED'];
  if (raw !== undefined && raw !== '') return Number(raw);
  return (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
}

/**
 * Runs a property with the seed and path from the environment; on failure, throws fast-check's
 * report (counterexample, shrunk) with the exact command that replays it.
 */
export async function checkProperty<T>(testName: string, file: string, property: fc.IAsyncProperty<T> | fc.IProperty<T>, numRuns: number): Promise<fc.RunDetails<T>> {
  const seed = seedFromEnv();
  const path = process.env['KVS_FC_PATH'] || undefined;
  const details = await fc.check(property as fc.IAsyncProperty<T>, { numRuns, seed, ...(path ? { path } : {}), endOnFailure: false });
  if (details.failed) {
    const replay = `KVS_FC_SEED=${details.seed} KVS_FC_PATH=${details.counterexamplePath} npx jest ${file} -t '${testName}'`;
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details)}\n\nReplay with: ${replay}\n\nFailure: ${cause}`);
  }
  return details;
}
