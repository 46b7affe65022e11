import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { TargetDriver } from '../target';

/**
 * The live service, opt-in (`KVS_TARGET=aws`): the SDK's own credential chain and region
 * (`AWS_REGION`, else `us-east-1`: CloudFront is global). No simulator: tests that need one are
 * skipped, and `setup()` refuses to hand out AWS clients to a test written for the simulator.
 */
export const awsTarget: TargetDriver = {
  name: 'aws',
  clients(kvs, config) {
    if (kvs) throw new Error('this test seeds or inspects the simulator: mark it itSimulatorOnly, it cannot run against AWS');
    const region = process.env['AWS_REGION'] || 'us-east-1';
    return {
      data: new CloudFrontKeyValueStoreClient({ region, ...config }),
      control: new CloudFrontClient({ region, ...config }),
    };
  },
};
