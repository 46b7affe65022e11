// A project with the data-plane client only, type-checked with skipLibCheck off: every entry
// point's declarations load without @aws-sdk/client-cloudfront.
import { createKvsSimulator } from 'cloudfront-kvs-mock';
import { useKvsSimulator } from 'cloudfront-kvs-mock/jest';
import 'cloudfront-kvs-mock/vitest';
import { CloudFrontKeyValueStoreClient, GetKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';

const kvs = createKvsSimulator();
const client: CloudFrontKeyValueStoreClient = kvs.attach(new CloudFrontKeyValueStoreClient({}));
const value: Promise<string | undefined> = client.send(new GetKeyCommand({ KvsARN: kvs.seedStore({}), Key: 'k' })).then((o) => o.Value);
void [useKvsSimulator, value];
