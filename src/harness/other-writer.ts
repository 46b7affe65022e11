/**
 * Writes to a store as another process on the data plane would: the store moves on (new ETag,
 * counts, LastModified) under a client that read it earlier, without any timing in the test.
 * The write goes through UpdateKeys itself, so its checks and effects are the service's own.
 */
import type { KvsService } from '../core/service';
import { KvsMockUsageError, ServiceError } from '../errors';
import { updateKeys } from '../operations/data-plane/update-keys';
import type { WriteOutput } from '../operations/data-plane/common';

/** What {@link KvsSimulator.writeKeys} changes: pairs to set and keys to remove, in one write. */
export interface KeyWrites {
  /** Pairs to create or replace: an object of key to value, or `{ key, value }` items. */
  puts?: Readonly<Record<string, string>> | ReadonlyArray<{ key: string; value: string }>;
  /** Keys to remove; each must exist, as in UpdateKeys. */
  deletes?: readonly string[];
}

/** Options of {@link KvsSimulator.writeKeys}. */
export interface WriteKeysOptions {
  /** The account to find a store named by name in (default: the simulator's). */
  accountId?: string;
}

const WHERE = 'writeKeys()';

/** Applies `writes` to the store as one UpdateKeys with the current ETag; returns the new ETag. */
export function writeAsOtherWriter(service: KvsService, arnOrName: string, writes: KeyWrites, accountId: string): string {
  if (typeof arnOrName !== 'string') throw new KvsMockUsageError(`${WHERE} takes the store's ARN or name first, got ${String(arnOrName)}.`);
  const store = service.storesByArn.get(arnOrName) ?? service.accounts.get(accountId)?.stores.get(arnOrName);
  if (!store || store.deleted) throw new KvsMockUsageError(`${WHERE}: no live store ${JSON.stringify(arnOrName)} (by ARN, or by name in account ${accountId}).`);
  const input = { KvsARN: store.arn, IfMatch: store.etag, Puts: toPuts(writes), Deletes: toDeletes(writes) };
  // One instant for the store's status and the write's LastModified, as for a call.
  service.pin(service.now());
  try {
    return (updateKeys.run(input, { service, accountId: store.accountId }) as WriteOutput).ETag;
  } catch (error) {
    // The service's reason (quota, missing key, store not READY) is the caller's mistake here.
    if (error instanceof ServiceError) throw new KvsMockUsageError(`${WHERE}: the write was refused, nothing was applied. ${error.name}: ${error.message}`);
    throw error;
  } finally {
    service.unpin();
  }
}

function toPuts(writes: KeyWrites): Array<{ Key: string; Value: string }> {
  if (typeof writes !== 'object' || writes === null) throw new KvsMockUsageError(`${WHERE} takes { puts?, deletes? } as its second argument.`);
  for (const name of Object.keys(writes)) {
    if (name !== 'puts' && name !== 'deletes') throw new KvsMockUsageError(`${WHERE}: unknown option ${JSON.stringify(name)}. Known options: puts, deletes.`);
  }
  const { puts } = writes;
  if (puts === undefined) return [];
  if (typeof puts !== 'object' || puts === null) throw new KvsMockUsageError(`${WHERE}: puts must be an object of key to value or an array of { key, value }.`);
  const items = Array.isArray(puts) ? puts : Object.entries(puts).map(([key, value]) => ({ key, value }));
  return items.map((item: { key: unknown; value: unknown }, i: number) => {
    if (typeof item !== 'object' || item === null || typeof item.key !== 'string') throw new KvsMockUsageError(`${WHERE}: puts[${i}] must be { key, value } with a string key.`);
    if (typeof item.value !== 'string') throw new KvsMockUsageError(`${WHERE}: the value of key ${JSON.stringify(item.key)} must be a string, got ${typeof item.value}.`);
    return { Key: item.key, Value: item.value };
  });
}

function toDeletes(writes: KeyWrites): Array<{ Key: string }> {
  const { deletes } = writes;
  if (deletes === undefined) return [];
  if (!Array.isArray(deletes)) throw new KvsMockUsageError(`${WHERE}: deletes must be an array of keys.`);
  return deletes.map((key: unknown, i: number) => {
    if (typeof key !== 'string') throw new KvsMockUsageError(`${WHERE}: deletes[${i}] must be a string key, got ${typeof key}.`);
    return { Key: key };
  });
}
