/**
 * What the server asks of a state file (`--state FILE`): every acknowledged write on disk before
 * its response is sent, and a compaction after the admin API replaced or moved the state.
 */
import type { Call } from '../calls';

/** An open state file, bound to the simulator it restored. */
export interface StateFile {
  /** Resolves when the effect of this successful mutating call is on disk; the response waits for it. */
  afterWrite(call: Call): Promise<void>;
  /** After a reset, a seed, a restored snapshot or a clock change: writes the whole state anew. */
  afterAdmin(): Promise<void>;
  /** Flushes what is pending and closes the file. */
  close(): Promise<void>;
}

/** Opens (or creates) the state file at `path` and brings `simulator` to the state it holds. */
export type OpenStateFile = (path: string, simulator: import('../simulator').KvsSimulator) => Promise<StateFile>;
