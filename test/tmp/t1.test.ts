import { expect, it } from '@jest/globals';
import { CloudFrontKeyValueStoreClient, GetKeyCommand, PutKeyCommand, DescribeKeyValueStoreCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { CloudFrontClient, ListKeyValueStoresCommand, CreateKeyValueStoreCommand } from '@aws-sdk/client-cloudfront';
import { instantRetries } from '../helpers/retries';
import { createKvsSimulator } from '../../src';

it('probe', async () => {
  const kvs = createKvsSimulator({ seed: 1 });
  const retryStrategy = instantRetries(3) as any;
  const c = kvs.attach(new CloudFrontKeyValueStoreClient({ retryStrategy }));
  const cf = kvs.attach(new CloudFrontClient({}));
  const arn = kvs.seedStore({ items: { a: '1' } });
  kvs.injectFault({ operation: 'GetKey', error: 'ThrottlingException' });
  const out = await c.send(new GetKeyCommand({ KvsARN: arn, Key: 'a' }));
  console.log(out);
  const seen: any[] = [];
  cf.middlewareStack.add((next) => async (args: any) => { seen.push(args.request?.path); const r = await next(args); seen.push((r.response as any).statusCode); return r; }, { step: 'finalizeRequest', name: 'trace' });
  console.log(await cf.send(new CreateKeyValueStoreCommand({ Name: 'x', Comment: 'a<b&c' })));
  console.log(await cf.send(new ListKeyValueStoresCommand({})));
  console.log(seen);
  const e = await cf.send(new CreateKeyValueStoreCommand({ Name: 'x' })).catch((e) => e);
  console.log(e, e.$response, e.$metadata);
  const e2 = await c.send(new GetKeyCommand({ KvsARN: arn, Key: 'zz' })).catch((e) => e);
  console.log(e2, e2.$response);
  console.log(kvs.calls().map((c) => [c.operation, c.error?.name, !!c.output]));
});
