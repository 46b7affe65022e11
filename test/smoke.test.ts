import { describe, expect, it } from '@jest/globals';
import { CloudFrontKeyValueStoreClient, GetKeyCommand, PutKeyCommand, DescribeKeyValueStoreCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from '../src';

describe('smoke', () => {
  it('round trips', async () => {
    const kvs = createKvsSimulator({ seed: 1 });
    const client = kvs.attach(new CloudFrontKeyValueStoreClient({}));
    const arn = kvs.seedStore({ items: { a: '1' } });
    const d = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    console.log(d);
    const p = await client.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: d.ETag }));
    console.log(p);
    await expect(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'zz' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const e: any = await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'zz' })).catch((x) => x);
    console.log(e, e.$metadata);
  });
});
