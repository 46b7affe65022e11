import {
  CloudFrontClient,
  CreateKeyValueStoreCommand,
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront';

/** Waits between polls; injectable so tests can drive a fake clock instead of sleeping. */
export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the redirects store from an S3 import file and waits until it is READY,
 * the way a deploy script does (there is no waiter for key value stores: poll Describe).
 */
export async function createRedirectStore(
  cloudFront: CloudFrontClient,
  options: { name: string; importFrom?: string; pollMs?: number; timeoutMs?: number; sleep?: Sleep },
): Promise<{ arn: string; etag: string }> {
  const { name, importFrom, pollMs = 5_000, timeoutMs = 300_000, sleep = realSleep } = options;
  const created = await cloudFront.send(
    new CreateKeyValueStoreCommand({
      Name: name,
      Comment: 'Redirects served by the edge function',
      ...(importFrom ? { ImportSource: { SourceType: 'S3', SourceARN: importFrom } } : {}),
    }),
  );
  for (let waited = 0; ; waited += pollMs) {
    const { KeyValueStore, ETag } = await cloudFront.send(new DescribeKeyValueStoreCommand({ Name: name }));
    if (KeyValueStore?.Status === 'READY') return { arn: KeyValueStore.ARN!, etag: ETag! };
    if (KeyValueStore?.Status !== 'PROVISIONING') {
      throw new Error(`Key value store ${name} ended in ${KeyValueStore?.Status}; was it created from ${importFrom ?? 'nothing'}?`);
    }
    if (waited >= timeoutMs) throw new Error(`Key value store ${name} was not READY after ${timeoutMs} ms (created ${created.KeyValueStore?.Id}).`);
    await sleep(pollMs);
  }
}

/** Deletes the store; the control plane wants its current (control-plane) ETag. */
export async function deleteRedirectStore(cloudFront: CloudFrontClient, name: string): Promise<void> {
  const { ETag } = await cloudFront.send(new DescribeKeyValueStoreCommand({ Name: name }));
  await cloudFront.send(new DeleteKeyValueStoreCommand({ Name: name, IfMatch: ETag }));
}
