import { cloudFront, keyValueStore } from './clients';
import { syncRedirects, type SyncReport } from './redirects';
import { createRedirectStore } from './store';

/**
 * The deploy step: make sure the store exists (created from the S3 seed file the first time),
 * then sync it to the redirects table. Uses the module's own clients.
 */
export async function deployRedirects(options: {
  storeName: string;
  seedFile: string;
  redirects: Record<string, string>;
  sleep?: (ms: number) => Promise<void>;
}): Promise<{ arn: string; report: SyncReport }> {
  const { arn } = await createRedirectStore(cloudFront, { name: options.storeName, importFrom: options.seedFile, sleep: options.sleep });
  const report = await syncRedirects(keyValueStore, arn, options.redirects);
  return { arn, report };
}
