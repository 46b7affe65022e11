import { describe, expect, it } from '@jest/globals';
import {
  AccessDeniedException,
  CloudFrontKeyValueStoreClient,
  CloudFrontKeyValueStoreServiceException,
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { CloudFrontClient, CreateKeyValueStoreCommand, DeleteKeyValueStoreCommand, DescribeKeyValueStoreCommand as DescribeControlCommand } from '@aws-sdk/client-cloudfront';
import { manualClock } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { anyETag, expectRejectedUnchanged, expectServiceError } from './fixtures';

type Send = (client: CloudFrontKeyValueStoreClient, KvsARN: string, IfMatch: string) => Promise<unknown>;

/** Each data-plane operation, with an input that would succeed on a READY store holding key `a`. */
const OPERATIONS: Array<[string, Send]> = [
  ['DescribeKeyValueStore', (c, KvsARN) => c.send(new DescribeKeyValueStoreCommand({ KvsARN }))],
  ['GetKey', (c, KvsARN) => c.send(new GetKeyCommand({ KvsARN, Key: 'a' }))],
  ['ListKeys', (c, KvsARN) => c.send(new ListKeysCommand({ KvsARN }))],
  ['PutKey', (c, KvsARN, IfMatch) => c.send(new PutKeyCommand({ KvsARN, Key: 'b', Value: '2', IfMatch }))],
  ['DeleteKey', (c, KvsARN, IfMatch) => c.send(new DeleteKeyCommand({ KvsARN, Key: 'a', IfMatch }))],
  ['UpdateKeys', (c, KvsARN, IfMatch) => c.send(new UpdateKeysCommand({ KvsARN, IfMatch, Puts: [{ Key: 'b', Value: '2' }] }))],
];
const ALL_BUT_DESCRIBE = OPERATIONS.filter(([name]) => name !== 'DescribeKeyValueStore');

const UUID = '37435e19-c205-4271-9e5c-e5c4f4a6f5c5';
const T0 = Date.parse('2024-05-08T14:48:45.381Z');

describe('KvsARN rejected by the SDK endpoint rules: EndpointError, before any request (D15)', () => {
  const BAD_ARNS: Array<[string, string | undefined, string]> = [
    ['missing', undefined, 'KVS ARN must be provided to use this service'],
    ['empty', '', 'KVS ARN must be a valid ARN'],
    ['not an ARN', 'not-a-valid-arn', 'KVS ARN must be a valid ARN'],
    ['an ARN without a resource', 'arn:aws:cloudfront::123456789012:', 'KVS ARN must be a valid ARN'],
    ['the wrong service', 'arn:aws:s3:::bucket/key', 'Provided ARN is not a valid CloudFront Service ARN. Found: `s3`'],
    ['a regional ARN', `arn:aws:cloudfront:us-east-1:123456789012:key-value-store/${UUID}`, 'Provided ARN must be a global resource ARN. Found: `us-east-1`'],
    ['the wrong resource type', 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL', 'ARN resource type is invalid. Expected `key-value-store`, found: `distribution`'],
    ['an empty resource type', `arn:aws:cloudfront::123456789012:/${UUID}`, 'No resource type found in the KVS ARN. Resource type must be `key-value-store`.'],
    ['the aws-cn partition', `arn:aws-cn:cloudfront::123456789012:key-value-store/${UUID}`, 'CloudFront-KeyValueStore is not supported in partition `aws-cn`'],
    ['the aws-us-gov partition', `arn:aws-us-gov:cloudfront::123456789012:key-value-store/${UUID}`, 'CloudFront-KeyValueStore is not supported in partition `aws-us-gov`'],
  ];

  for (const [operation, send] of OPERATIONS) {
    it.each(BAD_ARNS)(`${operation} with %s`, async (_, arn, message) => {
      const { kvs, data } = setup();
      const good = kvs.seedStore({ items: { a: '1' } });
      const before = kvs.getStore(good);
      const error = await rejection(send(data, arn as string, before!.ETag));
      expect(error.name).toBe('EndpointError');
      expect(error.message).toBe(message);
      expect(error).not.toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
      expect(error.$metadata).toBeUndefined();
      expect(kvs.calls()).toEqual([]);
      expect(kvs.getStore(good)).toEqual(before);
    });
  }

  it('the message is the SDK own one: same as the client endpointProvider gives', async () => {
    const { data } = setup();
    for (const [, arn] of BAD_ARNS) {
      let expected: unknown;
      try {
        data.config.endpointProvider({ KvsARN: arn, UseFIPS: false });
      } catch (e) {
        expected = e;
      }
      const error = await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn as string })));
      expect(error.constructor).toBe((expected as Error).constructor);
      expect(error.message).toBe((expected as Error).message);
    }
  });

  it('the endpoint rules run before the HTTP label and model checks', async () => {
    const { data } = setup();
    const error = await rejection(data.send(new PutKeyCommand({ KvsARN: 'not-a-valid-arn', Value: 'v' } as never)));
    expect(error.name).toBe('EndpointError');
    const empty = await rejection(data.send(new GetKeyCommand({ KvsARN: 'arn:aws:s3:::b/k', Key: '' })));
    expect(empty.message).toBe('Provided ARN is not a valid CloudFront Service ARN. Found: `s3`');
  });
});

describe('well-formed ARNs the simulated service does not know', () => {
  it.each(OPERATIONS)('%s on an account nobody told the simulator about: AccessDeniedException 403 (D15)', async (_, send) => {
    const { kvs, data } = setup();
    const arn = `arn:aws:cloudfront::999999999999:key-value-store/${UUID}`;
    const error = await rejection(send(data, arn, 'KV0AB12C3DEF456'));
    expectServiceError(error, AccessDeniedException, 'Access denied');
    expect(error.message).toContain('999999999999');
    expect(kvs.calls()).toEqual([expect.objectContaining({ error })]);
  });

  it.each(OPERATIONS)('%s on an unknown store of a known account: ResourceNotFoundException 404', async (_, send) => {
    const { kvs, data } = setup();
    const existing = kvs.seedStore({ items: { a: '1' } });
    const arn = `arn:aws:cloudfront::123456789012:key-value-store/${UUID}`;
    const error = await expectRejectedUnchanged(kvs, existing, () => send(data, arn, kvs.getStore(existing)!.ETag), ResourceNotFoundException, arn);
    expect(error.message).toContain('was not found');
  });

  it('an ARN of the right shape but no id is not found either', async () => {
    const { data } = setup();
    const error = await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: 'arn:aws:cloudfront::123456789012:key-value-store' })));
    expectServiceError(error, ResourceNotFoundException, 'was not found');
  });

  it('another account becomes known by seeding a store in it or by attaching a CloudFront client for it', async () => {
    const { kvs, data } = setup();
    const seeded = kvs.seedStore({ accountId: '111111111111', items: { a: '1' } });
    expect(seeded).toMatch(/^arn:aws:cloudfront::111111111111:key-value-store\/[0-9a-f-]{36}$/);
    await expect(data.send(new GetKeyCommand({ KvsARN: seeded, Key: 'a' }))).resolves.toMatchObject({ Value: '1' });
    expectServiceError(
      await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: `arn:aws:cloudfront::111111111111:key-value-store/${UUID}` }))),
      ResourceNotFoundException,
      'was not found',
    );

    const before = await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: `arn:aws:cloudfront::222222222222:key-value-store/${UUID}` })));
    expectServiceError(before, AccessDeniedException, 'Access denied');
    kvs.attach(new CloudFrontClient({}), { accountId: '222222222222' });
    const after = await rejection(data.send(new DescribeKeyValueStoreCommand({ KvsARN: `arn:aws:cloudfront::222222222222:key-value-store/${UUID}` })));
    expectServiceError(after, ResourceNotFoundException, 'was not found');
  });
});

describe('stores that are not READY: ConflictException 409 (D3)', () => {
  const CONFLICT = 'Key-Value-Store was not in expected state';

  it.each(OPERATIONS)('%s on a store deleted through the control plane', async (_, send) => {
    const { kvs, data, control } = setup();
    const arn = kvs.seedStore({ name: 'doomed', items: { a: '1' } });
    const IfMatch = kvs.getStore(arn)!.ETag;
    const { ETag } = await control.send(new DescribeControlCommand({ Name: 'doomed' }));
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'doomed', IfMatch: ETag }));

    const error = await rejection(send(data, arn, IfMatch));
    expectServiceError(error, ConflictException, CONFLICT);
    expect(error.message).toContain(arn);
    expect(kvs.getStore(arn)).toBeUndefined();
  });

  it('a store created again under a deleted name has a new ARN; the old ARN stays in conflict', async () => {
    const { kvs, data, control } = setup();
    const old = kvs.seedStore({ name: 'reused', items: { a: '1' } });
    const { ETag } = await control.send(new DescribeControlCommand({ Name: 'reused' }));
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'reused', IfMatch: ETag }));
    const created = await control.send(new CreateKeyValueStoreCommand({ Name: 'reused' }));
    const fresh = created.KeyValueStore!.ARN!;
    expect(fresh).not.toBe(old);
    await expect(data.send(new DescribeKeyValueStoreCommand({ KvsARN: fresh }))).resolves.toMatchObject({ Status: 'READY', ItemCount: 0 });
    expectServiceError(await rejection(data.send(new GetKeyCommand({ KvsARN: old, Key: 'a' }))), ConflictException, CONFLICT);
  });

  it.each(OPERATIONS)('%s on a PROVISIONING store, until the provisioning delay passes on the simulator clock', async (operation, send) => {
    const clock = manualClock(T0);
    const { kvs, data, control } = setup({ clock, provisioningDelayMs: 30_000 });
    const created = await control.send(new CreateKeyValueStoreCommand({ Name: 'slow' }));
    const arn = created.KeyValueStore!.ARN!;
    const IfMatch = kvs.getStore(arn)!.ETag;
    expect(kvs.getStore(arn)!.Status).toBe('PROVISIONING');

    const error = await expectRejectedUnchanged(kvs, arn, () => send(data, arn, IfMatch), ConflictException, CONFLICT);
    expect(error.message).toContain('PROVISIONING');
    clock.advance(29_999);
    await expectRejectedUnchanged(kvs, arn, () => send(data, arn, IfMatch), ConflictException, CONFLICT);

    clock.advance(1);
    // Once READY, the same call gets past the state check; the new store is empty, so the
    // calls that need key `a` find nothing.
    const outcome = await send(data, arn, IfMatch).then(
      () => 'ok',
      (e: Error) => e.name,
    );
    expect(outcome).toBe(operation === 'GetKey' || operation === 'DeleteKey' ? 'ResourceNotFoundException' : 'ok');
    expect(kvs.getStore(arn)!.Status).toBe('READY');
  });

  it('a PROVISIONING store reports READY on the data plane once the delay has passed', async () => {
    const clock = manualClock(T0);
    const { data, control } = setup({ clock, provisioningDelayMs: 1_000 });
    const arn = (await control.send(new CreateKeyValueStoreCommand({ Name: 'slow' }))).KeyValueStore!.ARN!;
    clock.advance(1_000);
    expect(await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).toEqual({
      ETag: anyETag(),
      ItemCount: 0,
      TotalSizeInBytes: 0,
      KvsARN: arn,
      Created: new Date(T0),
      LastModified: new Date(T0),
      Status: 'READY',
      $metadata: metadata(200),
    });
  });

  describe('a store whose import failed', () => {
    const failedImport = async () => {
      const ctx = setup();
      ctx.kvs.putS3Object('arn:aws:s3:::imports/bad.json', 'this is not JSON');
      const created = await ctx.control.send(
        new CreateKeyValueStoreCommand({ Name: 'failed', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::imports/bad.json' } }),
      );
      return { ...ctx, arn: created.KeyValueStore!.ARN! };
    };

    it.each(ALL_BUT_DESCRIBE)('%s: ConflictException, nothing changes', async (_, send) => {
      const { kvs, data, arn } = await failedImport();
      expect(kvs.getStore(arn)!.Status).toBe('IMPORT_FAILURE');
      const error = await expectRejectedUnchanged(kvs, arn, () => send(data, arn, kvs.getStore(arn)!.ETag), ConflictException, CONFLICT);
      expect(error.message).toContain('IMPORT_FAILURE');
    });

    it('DescribeKeyValueStore answers with Status IMPORT_FAILURE and the FailureReason', async () => {
      const { kvs, data, arn } = await failedImport();
      const out = await data.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      expect(out).toEqual({
        ETag: kvs.getStore(arn)!.ETag,
        ItemCount: 0,
        TotalSizeInBytes: 0,
        KvsARN: arn,
        Created: expect.any(Date),
        LastModified: expect.any(Date),
        Status: 'IMPORT_FAILURE',
        FailureReason: expect.stringContaining('not valid JSON'),
        $metadata: metadata(200),
      });
      expect(out.FailureReason).toBe(kvs.getStore(arn)!.FailureReason);
    });

    it('the control plane reports the same status', async () => {
      const { control } = await failedImport();
      expect((await control.send(new DescribeControlCommand({ Name: 'failed' }))).KeyValueStore!.Status).toBe('IMPORT_FAILURE');
    });
  });
});
