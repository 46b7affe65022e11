import { describe, expect, it } from '@jest/globals';
import { CreateFunctionCommand, FunctionAlreadyExists, FunctionSizeLimitExceeded, InvalidArgument, TooManyFunctions, UnsupportedOperation } from '@aws-sdk/client-cloudfront';
import { metadata, setup } from '../helpers/clients';
import { CONTROL_ETAG, controlError } from './fixtures';
import { PASS_THROUGH, associationOf, bytes, createFn, functionArnOf, storeFor } from './function-fixtures';

describe('CreateFunction', () => {
  it('answers 201 with the DEVELOPMENT summary, UNPUBLISHED, its ETag and Location (F3)', async () => {
    const { kvs, control } = setup({ clock: () => Date.UTC(2026, 0, 2) });
    const out = await createFn(control, 'redirect', { FunctionConfig: { Comment: 'redirects old paths' } });

    expect(out).toEqual({
      $metadata: metadata(201),
      FunctionSummary: {
        Name: 'redirect',
        Status: 'UNPUBLISHED',
        FunctionConfig: { Comment: 'redirects old paths', Runtime: 'cloudfront-js-2.0' },
        FunctionMetadata: {
          FunctionARN: functionArnOf('redirect'),
          Stage: 'DEVELOPMENT',
          CreatedTime: new Date(Date.UTC(2026, 0, 2)),
          LastModifiedTime: new Date(Date.UTC(2026, 0, 2)),
        },
      },
      ETag: expect.stringMatching(CONTROL_ETAG),
      Location: `https://cloudfront.amazonaws.com/2020-05-31/function/${functionArnOf('redirect')}`,
    });
    const state = kvs.getFunction('redirect')!;
    expect(state.DEVELOPMENT).toMatchObject({ Code: PASS_THROUGH, ETag: out.ETag, Status: 'UNPUBLISHED', Runtime: 'cloudfront-js-2.0' });
    expect(state.LIVE).toBeUndefined();
  });

  it('keeps the code as given, unparsed: a syntax error deploys (F2)', async () => {
    const { kvs, control } = setup();
    await createFn(control, 'broken', { FunctionCode: bytes('export { handler }') });
    expect(kvs.getFunction('broken')!.DEVELOPMENT.Code).toBe('export { handler }');
  });

  it('takes the code as a string too, as the SDK sends it (UTF-8)', async () => {
    const { kvs, control } = setup();
    await control.send(new CreateFunctionCommand({ Name: 'text', FunctionCode: 'function handler(e) { return e.request; } // é' as never, FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-1.0' } }));
    expect(kvs.getFunction('text')!.DEVELOPMENT.Code).toBe('function handler(e) { return e.request; } // é');
  });

  it('echoes a key value store association as given (F5)', async () => {
    const { kvs, control } = setup();
    const arn = storeFor(kvs);
    const out = await createFn(control, 'reader', { FunctionConfig: { KeyValueStoreAssociations: associationOf(arn) } });
    expect(out.FunctionSummary!.FunctionConfig!.KeyValueStoreAssociations).toEqual(associationOf(arn));
    expect(kvs.getFunction('reader')!.DEVELOPMENT.KeyValueStoreARN).toBe(arn);
    const none = await createFn(control, 'none', { FunctionConfig: { KeyValueStoreAssociations: { Quantity: 0 } } });
    expect(none.FunctionSummary!.FunctionConfig!.KeyValueStoreAssociations).toEqual({ Quantity: 0 });
  });

  it('keeps Tags on the function ARN', async () => {
    const { kvs, control } = setup();
    await createFn(control, 'tagged', { Tags: { Items: [{ Key: 'team', Value: 'edge' }] } });
    expect(kvs.getFunction('tagged')!.Tags).toEqual({ team: 'edge' });
  });

  describe('F1: names', () => {
    it('a second function of the same name → FunctionAlreadyExists (409); the first stays', async () => {
      const { kvs, control } = setup();
      const first = await createFn(control, 'twice');
      await controlError(createFn(control, 'twice', { FunctionCode: bytes('other') }), FunctionAlreadyExists, 'FunctionAlreadyExists', 409, 'A function with the same name already exists in this account: "twice".');
      expect(kvs.getFunction('twice')!.DEVELOPMENT).toMatchObject({ Code: PASS_THROUGH, ETag: first.ETag });
    });

    it('the same name in another account is another function', async () => {
      const { kvs, control } = setup();
      const other = kvs.cloudFrontClient({}, { accountId: '210987654321' });
      await createFn(control, 'shared');
      await createFn(other, 'shared');
      expect(kvs.getFunction('shared', '210987654321')!.ARN).toBe(functionArnOf('shared', '210987654321'));
    });

    it('a name off the pattern or too long → InvalidArgument listing each broken constraint; no function', async () => {
      const { kvs, control } = setup();
      await controlError(createFn(control, 'has space'), InvalidArgument, 'InvalidArgument', 400, "1 validation error detected: Value at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]{1,64}$");
      await controlError(createFn(control, 'x'.repeat(65)), InvalidArgument, 'InvalidArgument', 400, /Value at 'Name' failed to satisfy constraint: Member must have length less than or equal to 64/);
      expect(kvs.calls('CreateFunction').every((c) => c.error)).toBe(true);
      expect(kvs.snapshot().functions).toEqual([]);
    });

    it('past the functions quota (option, default 100) → TooManyFunctions (400)', async () => {
      const { kvs, control } = setup({ quotas: { functionsPerAccount: 2 } });
      await createFn(control, 'one');
      await createFn(control, 'two');
      await controlError(createFn(control, 'three'), TooManyFunctions, 'TooManyFunctions', 400, 'You have reached the maximum number of CloudFront functions for this account (2). Delete one first.');
      expect(kvs.getFunction('three')).toBeUndefined();
    });

    it('the default quota is 100', async () => {
      const { kvs, control } = setup();
      for (let i = 0; i < 100; i++) kvs.seedFunction({ name: `f${i}`, code: PASS_THROUGH });
      await controlError(createFn(control, 'f100'), TooManyFunctions, 'TooManyFunctions', 400, /\(100\)/);
    });
  });

  describe('F2: code size', () => {
    it('no code, empty code or over 40,960 bytes → InvalidArgument', async () => {
      const { kvs, control } = setup();
      await controlError(createFn(control, 'empty', { FunctionCode: new Uint8Array(0) }), InvalidArgument, 'InvalidArgument', 400, "1 validation error detected: Value at 'FunctionCode' failed to satisfy constraint: Member must have length greater than or equal to 1");
      await controlError(createFn(control, 'huge', { FunctionCode: new Uint8Array(40961) }), InvalidArgument, 'InvalidArgument', 400, /Member must have length less than or equal to 40960/);
      await controlError(
        control.send(new CreateFunctionCommand({ Name: 'none', FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' } } as never)),
        InvalidArgument,
        'InvalidArgument',
        400,
        "1 validation error detected: Value null at 'FunctionCode' failed to satisfy constraint: Member must not be null",
      );
      expect(kvs.snapshot().functions).toEqual([]);
    });

    it('over the size quota (10,240 bytes by default) → FunctionSizeLimitExceeded (413); exactly at it is fine', async () => {
      const { kvs, control } = setup();
      await createFn(control, 'at-limit', { FunctionCode: new Uint8Array(10240).fill(0x20) });
      await controlError(createFn(control, 'over', { FunctionCode: new Uint8Array(10241).fill(0x20) }), FunctionSizeLimitExceeded, 'FunctionSizeLimitExceeded', 413, 'The function is too large: its code is 10241 bytes, more than the 10240 bytes a function may have.');
      expect(kvs.getFunction('over')).toBeUndefined();
    });

    it('the size quota is an option', async () => {
      const { control } = setup({ quotas: { functionSizeBytes: 10 } });
      await controlError(createFn(control, 'over'), FunctionSizeLimitExceeded, 'FunctionSizeLimitExceeded', 413, /more than the 10 bytes/);
    });
  });

  describe('bad input → InvalidArgument, every broken constraint listed, nothing created', () => {
    it('FunctionConfig: a missing Comment and an unknown Runtime', async () => {
      const { kvs, control } = setup();
      await controlError(
        control.send(new CreateFunctionCommand({ Name: 'bad', FunctionCode: bytes(PASS_THROUGH), FunctionConfig: { Runtime: 'cloudfront-js-3.0' } } as never)),
        InvalidArgument,
        'InvalidArgument',
        400,
        "2 validation errors detected: Value null at 'FunctionConfig.Comment' failed to satisfy constraint: Member must not be null; Value at 'FunctionConfig.Runtime' failed to satisfy constraint: Member must satisfy enum value set: [cloudfront-js-1.0, cloudfront-js-2.0]",
      );
      expect(kvs.getFunction('bad')).toBeUndefined();
    });

    it('more than 50 tags', async () => {
      const { kvs, control } = setup();
      const Items = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await controlError(createFn(control, 'tags', { Tags: { Items } }), InvalidArgument, 'InvalidArgument', 400, 'A resource may have at most 50 tags; this request gives it 51.');
      expect(kvs.getFunction('tags')).toBeUndefined();
    });
  });

  describe('F5: KeyValueStoreAssociations', () => {
    it('Quantity not the number of Items, or more than one store → InvalidArgument naming both', async () => {
      const { kvs, control } = setup();
      const a = storeFor(kvs, 'a');
      const b = storeFor(kvs, 'b');
      await controlError(
        createFn(control, 'two', { FunctionConfig: { KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: a }, { KeyValueStoreARN: b }] } } }),
        InvalidArgument,
        'InvalidArgument',
        400,
        'Invalid KeyValueStoreAssociations: KeyValueStoreAssociations.Quantity is 1 but Items holds 2; a function can be associated with one key value store only; 2 are given.',
      );
      await controlError(createFn(control, 'zero', { FunctionConfig: { KeyValueStoreAssociations: { Quantity: 1 } } }), InvalidArgument, 'InvalidArgument', 400, /Quantity is 1 but Items holds 0/);
      expect(kvs.snapshot().functions).toEqual([]);
    });

    it('a missing Quantity or an ARN off the pattern → the shape errors', async () => {
      const { control } = setup();
      await controlError(
        createFn(control, 'bad', { FunctionConfig: { KeyValueStoreAssociations: { Items: [{ KeyValueStoreARN: 'arn:aws:s3:::bucket' }] } as never } }),
        InvalidArgument,
        'InvalidArgument',
        400,
        /^2 validation errors detected: Value null at 'FunctionConfig.KeyValueStoreAssociations.Quantity' failed to satisfy constraint: Member must not be null; Value at 'FunctionConfig.KeyValueStoreAssociations.Items.1.member.KeyValueStoreARN' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
    });

    it('a store that does not exist, was deleted, or is another account\'s → InvalidArgument', async () => {
      const { kvs, control } = setup();
      const missing = 'arn:aws:cloudfront::123456789012:key-value-store/00000000-0000-4000-8000-000000000000';
      await controlError(createFn(control, 'f', { FunctionConfig: { KeyValueStoreAssociations: associationOf(missing) } }), InvalidArgument, 'InvalidArgument', 400, `Invalid KeyValueStoreAssociations: the key value store ${missing} does not exist in this account.`);
      const theirs = kvs.seedStore({ name: 'theirs', accountId: '210987654321' });
      await controlError(createFn(control, 'f', { FunctionConfig: { KeyValueStoreAssociations: associationOf(theirs) } }), InvalidArgument, 'InvalidArgument', 400, /does not exist in this account/);
      expect(kvs.getFunction('f')).toBeUndefined();
    });

    it('an association on cloudfront-js-1.0 → InvalidArgument', async () => {
      const { kvs, control } = setup();
      const arn = storeFor(kvs);
      await controlError(
        createFn(control, 'old', { FunctionConfig: { Runtime: 'cloudfront-js-1.0', KeyValueStoreAssociations: associationOf(arn) } }),
        InvalidArgument,
        'InvalidArgument',
        400,
        'Invalid KeyValueStoreAssociations: key value stores can be associated with cloudfront-js-2.0 functions only; the Runtime is cloudfront-js-1.0.',
      );
    });

    it('one store serves at most 100 functions (an option): the 101st → InvalidArgument', async () => {
      // 100 functions per account is the account's own default, so the account quota is raised to reach the store's.
      const { kvs, control } = setup({ quotas: { functionsPerAccount: 150 } });
      const arn = storeFor(kvs);
      for (let i = 0; i < 100; i++) await createFn(control, `f${i}`, { FunctionConfig: { KeyValueStoreAssociations: associationOf(arn) } });
      await controlError(
        createFn(control, 'f100', { FunctionConfig: { KeyValueStoreAssociations: associationOf(arn) } }),
        InvalidArgument,
        'InvalidArgument',
        400,
        'Invalid KeyValueStoreAssociations: the key value store "store" is already associated with 100 functions, the most it may serve (100).',
      );
      expect(kvs.getFunction('f100')).toBeUndefined();
      await createFn(control, 'f100');
      const small = setup({ quotas: { functionsPerKeyValueStore: 1 } });
      const one = storeFor(small.kvs);
      await createFn(small.control, 'first', { FunctionConfig: { KeyValueStoreAssociations: associationOf(one) } });
      await controlError(createFn(small.control, 'second', { FunctionConfig: { KeyValueStoreAssociations: associationOf(one) } }), InvalidArgument, 'InvalidArgument', 400, /the most it may serve \(1\)/);
    });
  });

  it('UnsupportedOperation is reachable by fault injection, and creates nothing', async () => {
    const { kvs, control } = setup();
    kvs.injectFault({ operation: 'CreateFunction', error: 'UnsupportedOperation' });
    await controlError(createFn(control, 'f'), UnsupportedOperation, 'UnsupportedOperation', 400, 'UnsupportedOperation (injected by cloudfront-kvs-mock)');
    expect(kvs.getFunction('f')).toBeUndefined();
    expect(kvs.calls('CreateFunction')).toHaveLength(1);
  });
});
