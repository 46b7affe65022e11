/**
 * State that survives: a simulator kept on disk so that a restart resumes it exactly.
 *
 * Two files. `FILE` holds a snapshot (the simulator's `snapshot()`, behind a header line with
 * the format version, the body's length and CRC-32, and the sequence number of the last write
 * it includes). `FILE.journal` holds one line per acknowledged write since, each with its
 * CRC-32: the write's effect as the service holds it right after the call (the new values of
 * the keys a data-plane write named and the store's new ETag and time; the whole store or
 * function a control-plane write touched), and where the id generator stands. Effects rather
 * than requests: replaying them runs no operation, so it needs neither the clock nor the
 * generator to repeat themselves, and a write's record costs what the write touched, whatever
 * the state's size.
 *
 * `afterWrite` resolves once the record is fsynced; writes arriving during a flush share the
 * next (group commit). When the journal outgrows both `compactAfterBytes` and twice the
 * snapshot, the next flush writes a new snapshot (temporary file, fsync, rename, fsync of the
 * directory) and a new journal. On opening, a torn last record (a crash mid-append: never
 * acknowledged) is dropped; anything else wrong (a damaged snapshot, a damaged record before
 * the last, another format version, a record that does not fit the state) refuses the file,
 * untouched, with a `KvsMockUsageError` naming it.
 */
import { KvsMockUsageError } from '../../errors';
import type { KvsSimulator } from '../../simulator';
import { applyRecord } from './effects';
import { readIfPresent } from './files';
import { readJournal, readSnapshotFile, refused } from './format';
import { JournalWriter, type StateFile, type StateFileOptions } from './state-file';

export type { StateFile, StateFileOptions, StateFileStats } from './state-file';
export type { WrittenCall } from './effects';

/**
 * Opens the state file at `path` for `simulator`: when it exists, brings the simulator to the
 * state it holds (stores, keys, both ETags, times, functions with both stages, tags, S3 objects,
 * and the id generator's position); when it does not, creates it from the simulator's state
 * now. Then keep it in step: `afterWrite(call)` after every successful write, before answering
 * it; `afterAdmin()` after a reset, seeding, a loaded snapshot or a clock change; `close()` at
 * the end.
 *
 * @example
 * ```ts
 * const kvs = createKvsSimulator();
 * const state = await openStateFile('.kvs/state.json', kvs);
 * const exchange = await answerWire(kvs, request, { accountId: kvs.accountId });
 * if (exchange?.call && !exchange.error) await state.afterWrite(exchange.call);
 * // ...send the response
 * await state.close();
 * ```
 */
export async function openStateFile(path: string, simulator: KvsSimulator, options: StateFileOptions = {}): Promise<StateFile> {
  if (typeof path !== 'string' || path === '') throw new KvsMockUsageError('openStateFile(path, simulator): path must be the state file\'s path.');
  if (typeof simulator?.snapshot !== 'function' || typeof simulator.loadSnapshot !== 'function') {
    throw new KvsMockUsageError('openStateFile(path, simulator): simulator must be a simulator from createKvsSimulator().');
  }
  const compactAfterBytes = options.compactAfterBytes;
  if (compactAfterBytes !== undefined && !(Number.isSafeInteger(compactAfterBytes) && compactAfterBytes >= 1)) {
    throw new KvsMockUsageError(`openStateFile(): compactAfterBytes must be a whole number of bytes >= 1, got ${String(compactAfterBytes)}.`);
  }
  const journalPath = `${path}.journal`;
  const [snapshotBytes, journalBytes] = await Promise.all([readIfPresent(path), readIfPresent(journalPath)]);
  let lsn = 0;
  if (snapshotBytes === undefined) {
    if (journalBytes !== undefined) throw refused(journalPath, `is a journal without its snapshot ${path}`);
  } else {
    lsn = restore(simulator, path, snapshotBytes, journalPath, journalBytes);
  }
  const writer = new JournalWriter(path, simulator, lsn, options);
  // A fresh snapshot and an empty journal: a torn tail or a journal left by a crash mid-compaction goes.
  await writer.snapshotNow();
  return writer;
}

/** Brings `simulator` to the files' state, or leaves it as it was and refuses them. Returns the last record's sequence number. */
function restore(simulator: KvsSimulator, path: string, snapshotBytes: Buffer, journalPath: string, journalBytes: Buffer | undefined): number {
  const { snapshot, lsn } = readSnapshotFile(snapshotBytes, path);
  const journal = journalBytes === undefined ? undefined : readJournal(journalBytes, journalPath);
  if (journal && journal.base > lsn) throw refused(journalPath, `follows a later snapshot (of write ${journal.base}) than ${path} holds (of write ${lsn}): the two files are not from the same state`);
  const before = simulator.snapshot();
  let file = path;
  let last = lsn;
  try {
    simulator.loadSnapshot(snapshot as Parameters<KvsSimulator['loadSnapshot']>[0]);
    file = journalPath;
    const service = simulator.stateService;
    for (const [i, record] of (journal?.records ?? []).entries()) {
      // Records the snapshot already holds: a crash came between its rename and the new journal.
      if (record.n <= lsn) continue;
      if (record.n !== last + 1) throw new KvsMockUsageError(`record ${last + 1} is missing: line ${i + 2} holds record ${record.n}`);
      applyRecord(service, record, `line ${i + 2}`);
      last = record.n;
    }
  } catch (error) {
    simulator.loadSnapshot(before);
    const why = String((error as Error)?.message ?? error).replace(/^\[cloudfront-kvs-mock\] /, '').replace(/\.$/, '');
    throw refused(file, `does not fit this simulator: ${why}`);
  }
  return last;
}
