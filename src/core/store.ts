import { pairSizeOf } from './size';
import { SortedKeys } from './sorted-keys';
import { utf8Length } from './utf8';

/** `PROVISIONING` until the provisioning delay has passed, then `READY` or `IMPORT_FAILURE`. */
export type StoreStatus = 'PROVISIONING' | 'READY' | 'IMPORT_FAILURE';

export interface StoreInit {
  id: string;
  arn: string;
  name: string;
  accountId: string;
  comment: string;
  created: number;
  readyAt: number;
  etag: string;
  controlETag: string;
  seq: number;
  failureReason?: string | undefined;
  tags?: Iterable<[string, string]> | undefined;
}

/** One key value store: its metadata on both planes and its keys. */
export class KeyValueStore {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly accountId: string;
  /** Creation order within the simulator, the order ListKeyValueStores answers in. */
  readonly seq: number;
  readonly created: number;
  readonly readyAt: number;
  readonly failureReason: string | undefined;
  readonly keys = new SortedKeys();
  readonly tags: Map<string, string>;
  comment: string;
  /** Data-plane ETag (`KV…`): changes on every key write. */
  etag: string;
  /** Data-plane LastModified: the last key write (creation until then). */
  lastModified: number;
  /** Control-plane ETag (`E…`): changes on UpdateKeyValueStore only (D8). */
  controlETag: string;
  /** Control-plane LastModifiedTime. */
  controlLastModified: number;
  /** Set when the store was deleted through the control plane; the ARN then answers D3's conflict. */
  deleted = false;
  private size = 0;

  constructor(init: StoreInit) {
    this.id = init.id;
    this.arn = init.arn;
    this.name = init.name;
    this.accountId = init.accountId;
    this.seq = init.seq;
    this.comment = init.comment;
    this.created = init.created;
    this.readyAt = init.readyAt;
    this.failureReason = init.failureReason;
    this.etag = init.etag;
    this.controlETag = init.controlETag;
    this.lastModified = init.created;
    this.controlLastModified = init.created;
    this.tags = new Map(init.tags);
  }

  status(now: number): StoreStatus {
    if (now < this.readyAt) return 'PROVISIONING';
    return this.failureReason === undefined ? 'READY' : 'IMPORT_FAILURE';
  }

  /** `TotalSizeInBytes` (Decision D7). */
  get totalSize(): number {
    return this.size;
  }

  get itemCount(): number {
    return this.keys.size;
  }

  /** Upserts one pair; callers check quotas first (and may pass the pair's UTF-8 bytes, which they counted). */
  put(key: string, value: string, bytes = utf8Length(key) + utf8Length(value)): void {
    const replaced = this.keys.set(key, value, bytes);
    this.size += replaced < 0 ? pairSizeOf(bytes) : bytes - replaced;
  }

  /** Removes one pair; returns false when the key was not there. */
  remove(key: string): boolean {
    const removed = this.keys.delete(key);
    if (removed < 0) return false;
    this.size -= pairSizeOf(removed);
    return true;
  }

  /**
   * UpdateKeys' write: removes every one of `deletes` and sets every one of `puts` (all keys
   * distinct; `bytes[k]`, put k's UTF-8 bytes, counted by the caller), or changes nothing when a
   * delete names a missing key: returns that key, if any.
   */
  update(puts: ReadonlyArray<{ readonly Key: string; readonly Value: string }>, bytes: readonly number[], deletes: ReadonlyArray<{ readonly Key: string }>): string | undefined {
    const done = this.keys.update(puts, bytes, deletes);
    if ('missing' in done) return done.missing;
    let added = 0;
    for (const b of bytes) added += b;
    this.size += pairSizeOf(added, puts.length) - pairSizeOf(done.bytes, done.pairs);
    return undefined;
  }

  /** Fills a store that has no keys yet with distinct pairs (seed data, an import, a snapshot). */
  load(pairs: Iterable<readonly [string, string]>): void {
    const bytes = this.keys.load(pairs);
    this.size = pairSizeOf(bytes, this.keys.size);
  }

  /** Marks a successful key write: one new ETag per write, however many keys it touched. */
  touch(now: number, etag: string): void {
    this.etag = etag;
    this.lastModified = now;
  }
}
