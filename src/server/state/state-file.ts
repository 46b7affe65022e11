/**
 * An open state file: writes arriving together share one append and one fsync of the journal
 * (group commit), and the journal is compacted into a new snapshot once it outgrows both a
 * threshold and twice the snapshot, so its cost per write stays flat whatever the state's size.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { KvsMockUsageError } from '../../errors';
import type { SimulatorState } from '../../simulator-state';
import { effectOf, type JournalRecord, type WrittenCall } from './effects';
import { journalHeader, journalLine, snapshotFileText } from './format';
import { replaceFile } from './files';

/** Options of {@link openStateFile}. */
export interface StateFileOptions {
  /**
   * Journal bytes past which it is compacted into the snapshot, after the write that crossed
   * them. The threshold is at least twice the snapshot's size, so a large state is rewritten
   * no more often than its journal doubles it (default 8 MiB).
   */
  compactAfterBytes?: number;
}

/** How the state file is doing, for a benchmark or a status line. */
export interface StateFileStats {
  /** Bytes in the journal now. */
  journalBytes: number;
  /** Bytes of the last snapshot written. */
  snapshotBytes: number;
  /** Snapshots written since the file was opened (the one at opening included). */
  compactions: number;
  /** Journal appends (each one fsync) since the file was opened. */
  flushes: number;
  /** Milliseconds the last snapshot took to serialize, while nothing else ran. */
  lastSerializeMs: number;
}

/** A state file kept in step with a simulator: see {@link openStateFile}. */
export interface StateFile {
  /** The snapshot file's path (the journal is beside it, with `.journal` appended). */
  readonly path: string;
  /**
   * Call after each successful call that changed the state (any other call is ignored), before
   * answering it: resolves once its effect is on disk. Writes that arrive while a flush runs
   * share the next one.
   */
  afterWrite(call: WrittenCall): Promise<void>;
  /** Call after the state was replaced or changed without a call (reset, seeding, a loaded snapshot, a clock change): writes a whole snapshot. */
  afterAdmin(): Promise<void>;
  /** Flushes what is pending, writes a whole snapshot and closes the files; later writes are refused. */
  close(): Promise<void>;
  stats(): StateFileStats;
}

const DEFAULT_COMPACT_AFTER = 8 * 1024 * 1024;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The journal writer; {@link openStateFile} restores the simulator, then hands it over. */
export class JournalWriter implements StateFile {
  readonly journalPath: string;
  readonly #compactAfter: number;
  /** Lines taken and not yet written, with their callers. */
  #pending: Array<Waiter & { line: string }> = [];
  /** Callers of afterAdmin/close waiting for a snapshot. */
  #snapshotWaiters: Waiter[] = [];
  #handle: FileHandle | undefined;
  #running: Promise<void> | undefined;
  #failed: unknown;
  readonly #written = new WeakMap<WrittenCall, Promise<void>>();
  #closed = false;
  /** The sequence number of the last record taken. */
  #lsn: number;
  /** How many accounts the journal knows of: a record lists them all when there are more. */
  #accounts = 0;
  #stats: StateFileStats = { journalBytes: 0, snapshotBytes: 0, compactions: 0, flushes: 0, lastSerializeMs: 0 };

  constructor(
    readonly path: string,
    private readonly simulator: SimulatorState,
    lsn: number,
    options: StateFileOptions,
  ) {
    this.journalPath = `${path}.journal`;
    this.#lsn = lsn;
    this.#compactAfter = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER;
  }

  afterWrite(call: WrittenCall): Promise<void> {
    // One record per call, however many times it is asked for (the simulator's observer journals
    // every write as it succeeds; the server then waits for the same record before answering).
    let written = this.#written.get(call);
    if (!written) {
      written = this.#record(call);
      this.#written.set(call, written);
    }
    return written;
  }

  #record(call: WrittenCall): Promise<void> {
    if (this.#closed) return Promise.reject(new KvsMockUsageError(`The state file ${this.path} is closed: a write after close() is not kept.`));
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    // Taken now, synchronously: the record is the state right after this call.
    const service = this.simulator.stateService;
    const effect = effectOf(service, call);
    if (!effect) return Promise.resolve();
    const record: JournalRecord = { n: ++this.#lsn, r: service.random.state, e: effect };
    if (service.accounts.size !== this.#accounts) {
      record.a = [...service.accounts.keys()];
      this.#accounts = service.accounts.size;
    }
    const line = journalLine(record);
    return new Promise((resolve, reject) => {
      this.#pending.push({ line, resolve, reject });
      this.#kick();
    });
  }

  afterAdmin(): Promise<void> {
    if (this.#closed) return Promise.reject(new KvsMockUsageError(`The state file ${this.path} is closed.`));
    return this.#snapshotSoon();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    const done = this.#snapshotSoon();
    this.#closed = true;
    try {
      await done;
    } finally {
      await this.#handle?.close();
      this.#handle = undefined;
    }
  }

  stats(): StateFileStats {
    return { ...this.#stats };
  }

  /** Writes a snapshot now and starts the journal anew (when the file is opened). */
  snapshotNow(): Promise<void> {
    return this.#snapshotSoon();
  }

  #snapshotSoon(): Promise<void> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      this.#snapshotWaiters.push({ resolve, reject });
      this.#kick();
    });
  }

  #kick(): void {
    this.#running ??= this.#pump();
  }

  async #pump(): Promise<void> {
    try {
      while (this.#pending.length > 0 || this.#snapshotWaiters.length > 0) {
        const due = this.#stats.journalBytes >= Math.max(this.#compactAfter, 2 * this.#stats.snapshotBytes);
        if (this.#snapshotWaiters.length > 0 || due) await this.#compact();
        else await this.#append();
      }
    } catch (error) {
      // The disk refused (full, gone): nothing taken since is durable, and nothing later will be.
      this.#failed = new KvsMockUsageError(`The state file ${this.path} could not be written (${(error as Error)?.message ?? String(error)}); writes are no longer kept.`);
      for (const waiter of [...this.#pending.splice(0), ...this.#snapshotWaiters.splice(0)]) waiter.reject(this.#failed);
    } finally {
      this.#running = undefined;
    }
  }

  /** Appends every pending line in one write and one fsync. */
  async #append(): Promise<void> {
    const batch = this.#pending.splice(0);
    const bytes = Buffer.from(batch.length === 1 ? batch[0]!.line : batch.map((p) => p.line).join(''));
    this.#handle ??= await open(this.journalPath, 'a');
    await this.#handle.appendFile(bytes);
    await this.#handle.datasync();
    this.#stats.journalBytes += bytes.length;
    this.#stats.flushes++;
    for (const waiter of batch) waiter.resolve();
  }

  /**
   * A snapshot of the state now, which holds every record taken so far: written beside the old
   * one and renamed over it, then a new journal after it. A crash in between leaves the old
   * journal, whose records the snapshot's sequence number tells to skip.
   */
  async #compact(): Promise<void> {
    const batch = [...this.#pending.splice(0), ...this.#snapshotWaiters.splice(0)];
    const started = performance.now();
    const lsn = this.#lsn;
    const text = snapshotFileText(this.simulator.snapshot(), lsn);
    this.#accounts = this.simulator.stateService.accounts.size;
    this.#stats.lastSerializeMs = performance.now() - started;
    await replaceFile(this.path, text);
    await this.#handle?.close();
    this.#handle = undefined;
    const header = journalHeader(lsn);
    await replaceFile(this.journalPath, header);
    this.#stats.journalBytes = Buffer.byteLength(header);
    this.#stats.snapshotBytes = Buffer.byteLength(text);
    this.#stats.compactions++;
    for (const waiter of batch) waiter.resolve();
  }
}
