import {
  CloudFrontKeyValueStoreClient,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ResourceNotFoundException,
  UpdateKeysCommand,
  ValidationException,
  paginateListKeys,
} from '@aws-sdk/client-cloudfront-keyvaluestore';

/** UpdateKeys takes at most 50 keys per request. */
const BATCH = 50;

export interface SyncReport {
  put: number;
  deleted: number;
  batches: number;
  retries: number;
}

/** All redirects in the store, path → target. */
export async function readRedirects(kvs: CloudFrontKeyValueStoreClient, arn: string): Promise<Map<string, string>> {
  const redirects = new Map<string, string>();
  for await (const page of paginateListKeys({ client: kvs }, { KvsARN: arn, MaxResults: 50 })) {
    for (const { Key, Value } of page.Items ?? []) redirects.set(Key!, Value!);
  }
  return redirects;
}

/**
 * Makes the store hold exactly `desired`: only changed paths are written, in batches of 50,
 * each guarded by the store's ETag. When another writer got there first the batch is rejected
 * whole (`Pre-Condition failed`), so read the new ETag and send it again.
 */
export async function syncRedirects(
  kvs: CloudFrontKeyValueStoreClient,
  arn: string,
  desired: Record<string, string>,
  { maxRetries = 5 } = {},
): Promise<SyncReport> {
  const current = await readRedirects(kvs, arn);
  const puts = Object.entries(desired)
    .filter(([path, target]) => current.get(path) !== target)
    .map(([Key, Value]) => ({ Key, Value }));
  const deletes = [...current.keys()].filter((path) => !(path in desired)).map((Key) => ({ Key }));
  const report: SyncReport = { put: puts.length, deleted: deletes.length, batches: 0, retries: 0 };

  const changes = [...puts.map((p) => ({ put: p })), ...deletes.map((d) => ({ del: d }))];
  for (let i = 0; i < changes.length; i += BATCH) {
    const batch = changes.slice(i, i + BATCH);
    const Puts = batch.flatMap((c) => ('put' in c ? [c.put] : []));
    const Deletes = batch.flatMap((c) => ('del' in c ? [c.del] : []));
    for (let attempt = 0; ; attempt++) {
      const { ETag } = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      try {
        await kvs.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: ETag, ...(Puts.length ? { Puts } : {}), ...(Deletes.length ? { Deletes } : {}) }));
        break;
      } catch (error) {
        const stale = error instanceof ValidationException && error.message.includes('Pre-Condition failed');
        if (!stale || attempt >= maxRetries) throw error;
        report.retries++;
      }
    }
    report.batches++;
  }
  return report;
}

/** The target of a path, or undefined when the path has no redirect. */
export async function lookupRedirect(kvs: CloudFrontKeyValueStoreClient, arn: string, path: string): Promise<string | undefined> {
  try {
    const { Value } = await kvs.send(new GetKeyCommand({ KvsARN: arn, Key: path }));
    return Value;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
