import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { TargetDriver } from '../target';

/** The default target: real clients with the test's simulator attached, no region, no credentials. */
export const inProcess: TargetDriver = {
  name: 'inprocess',
  clients(kvs, config) {
    if (!kvs) throw new Error('the in-process target needs the test’s simulator');
    return {
      data: kvs.attach(new CloudFrontKeyValueStoreClient({ ...config })),
      control: kvs.attach(new CloudFrontClient({ ...config })),
    };
  },
};
