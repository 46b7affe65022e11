import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';

// The application builds its own clients at module load, as most do: tests reach them with
// the simulator's global install rather than by injection.
export const cloudFront = new CloudFrontClient({ region: 'us-east-1' });
export const keyValueStore = new CloudFrontKeyValueStoreClient({ region: 'us-east-1' });
