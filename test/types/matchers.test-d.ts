/**
 * Type tests of the matchers, compiled (never run) once per runner typing: `tsconfig.*.json` in
 * this folder pick the runner's `expect` (see `runner-expect*.ts`) and the entry point whose
 * module augmentation puts the matchers on it. A broken augmentation fails the lines that should
 * compile; a signature that loosens fails the `@ts-expect-error` lines.
 */
import { expectTypeOf } from 'expect-type';
import { createKvsSimulator } from '../../src';
import type { AsymmetricMatcherLike, InputMatcher, KvsConditionalWrite, KvsOperation, StoreItemsMatcher } from '../../src/matchers';
import type { StoreStatus } from '../../src/core/store';
import { expect } from './runner-expect';

const kvs = createKvsSimulator();
const arn = kvs.seedStore({ items: { a: '1' } });

// Every matcher is there, on `expect(kvs)` and after `.not`, and returns the runner's `void`.
expectTypeOf(expect(kvs).toHaveKey(arn, 'a')).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveKey(arn, 'a')).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).toHaveItems(arn, { a: '1' })).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveItems(arn, {})).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).toHaveItemCount(arn, 1)).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveItemCount(arn, 0)).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).toHaveStoreStatus(arn, 'READY')).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveStoreStatus(arn, 'PROVISIONING')).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).toHaveReceivedKvsCommand('PutKey')).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveReceivedKvsCommand('DeleteKey', { Key: 'a' })).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).toHaveReceivedKvsCommandTimes('GetKey', 2)).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveReceivedKvsCommandTimes('GetKey', 2)).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).toHaveReceivedNthKvsCommandWith(1, 'PutKey', { Key: 'a' })).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveReceivedNthKvsCommandWith(1, 'PutKey', { Key: 'a' })).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).toHaveRejectedStaleETag()).toEqualTypeOf<void>();
expectTypeOf(expect(kvs).not.toHaveRejectedStaleETag('UpdateKeys')).toEqualTypeOf<void>();

// The parameters, exactly.
expectTypeOf(expect(kvs).toHaveKey).parameters.toEqualTypeOf<[arnOrName: string, key: string, value?: string | AsymmetricMatcherLike]>();
expectTypeOf(expect(kvs).toHaveItems).parameters.toEqualTypeOf<[arnOrName: string, items: StoreItemsMatcher]>();
expectTypeOf<StoreItemsMatcher>().toEqualTypeOf<Readonly<Record<string, string | AsymmetricMatcherLike>> | AsymmetricMatcherLike>();
expectTypeOf<InputMatcher>().toEqualTypeOf<Readonly<Record<string, unknown>> | AsymmetricMatcherLike>();
expectTypeOf(expect(kvs).toHaveItemCount).parameters.toEqualTypeOf<[arnOrName: string, count: number]>();
expectTypeOf(expect(kvs).toHaveStoreStatus).parameters.toEqualTypeOf<[arnOrName: string, status: StoreStatus]>();
expectTypeOf(expect(kvs).toHaveReceivedKvsCommand).parameters.toEqualTypeOf<[operation: KvsOperation, input?: InputMatcher]>();
expectTypeOf(expect(kvs).toHaveReceivedKvsCommandTimes).parameters.toEqualTypeOf<[operation: KvsOperation, times: number]>();
expectTypeOf(expect(kvs).toHaveReceivedNthKvsCommandWith).parameters.toEqualTypeOf<[nth: number, operation: KvsOperation, input: InputMatcher]>();
expectTypeOf(expect(kvs).toHaveRejectedStaleETag).parameters.toEqualTypeOf<[operation?: KvsConditionalWrite]>();
expectTypeOf<StoreStatus>().toEqualTypeOf<'PROVISIONING' | 'READY' | 'IMPORT_FAILURE'>();
expectTypeOf<KvsConditionalWrite>().toEqualTypeOf<'PutKey' | 'DeleteKey' | 'UpdateKeys' | 'UpdateKeyValueStore' | 'DeleteKeyValueStore' | 'UpdateFunction' | 'PublishFunction' | 'DeleteFunction'>();

// The runner's asymmetric matchers are accepted where values and inputs are compared.
expect(kvs).toHaveKey(arn, 'a', expect.stringContaining('1'));
expect(kvs).toHaveItems(arn, expect.objectContaining({ a: '1' }));
expect(kvs).toHaveItems(arn, { a: expect.any(String) });
expect(kvs).toHaveReceivedKvsCommand('PutKey', expect.objectContaining({ Key: 'a' }));
expect(kvs).toHaveReceivedKvsCommand('PutKey', { Value: expect.stringMatching(/^v/) });
expect(kvs).toHaveReceivedNthKvsCommandWith(2, 'UpdateKeys', { Puts: expect.arrayContaining([{ Key: 'a', Value: '1' }]) });

// Wrong arguments do not compile.
// @ts-expect-error: the key is a string
expect(kvs).toHaveKey(arn, 1);
// @ts-expect-error: values are strings
expect(kvs).toHaveKey(arn, 'a', 1);
// @ts-expect-error: values are strings
expect(kvs).toHaveItems(arn, { a: 1 });
// @ts-expect-error: the store is named by a string
expect(kvs).toHaveKey({ arn }, 'a');
// @ts-expect-error: items are an object of key to value
expect(kvs).toHaveItems(arn, 'a=1');
// @ts-expect-error: the count is a number
expect(kvs).toHaveItemCount(arn, '1');
// @ts-expect-error: statuses are upper case
expect(kvs).toHaveStoreStatus(arn, 'Ready');
// @ts-expect-error: operation names are AWS's, not a guess
expect(kvs).toHaveReceivedKvsCommand('PutKeys');
// @ts-expect-error: the input is an object
expect(kvs).toHaveReceivedKvsCommand('PutKey', 'a');
// @ts-expect-error: the times are a number
expect(kvs).toHaveReceivedKvsCommandTimes('PutKey', '2');
// @ts-expect-error: n comes first
expect(kvs).toHaveReceivedNthKvsCommandWith('PutKey', 1, {});
// @ts-expect-error: the input is required
expect(kvs).toHaveReceivedNthKvsCommandWith(1, 'PutKey');
// @ts-expect-error: reads cannot be rejected for a stale ETag
expect(kvs).toHaveRejectedStaleETag('GetKey');
// @ts-expect-error: not a matcher of this package
expect(kvs).toHaveReceivedKvsCommandOnce('PutKey');
