// Type-checks only: the public API as the README shows it, against the packed type files.
import { createKvsSimulator, manualClock, KvsMockUsageError, DEFAULT_QUOTAS, type KvsSimulatorOptions, type StoreState, type CallRecord } from 'cloudfront-kvs-mock';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';

const options: KvsSimulatorOptions = { clock: manualClock('2025-01-01T00:00:00Z'), seed: 7, quotas: { keysPerUpdate: 10 }, provisioningDelayMs: 1000 };
const kvs = createKvsSimulator(options);
const data: CloudFrontKeyValueStoreClient = kvs.attach(new CloudFrontKeyValueStoreClient({}));
const control: CloudFrontClient = kvs.attach(new CloudFrontClient({}), { accountId: '111122223333' });
const arn: string = kvs.seedStore({ items: [{ key: 'k', value: 'v' }] });
const state: StoreState | undefined = kvs.getStore(arn);
const calls: CallRecord[] = kvs.calls('GetKey');
const limit: number = DEFAULT_QUOTAS.keysPerUpdate;
const isUsage: boolean = new Error() instanceof KvsMockUsageError;
// @ts-expect-error: unknown options are rejected by the types too
createKvsSimulator({ acountId: '123456789012' });
void [data, control, state, calls, limit, isUsage];
