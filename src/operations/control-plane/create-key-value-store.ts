import { serviceError, quote } from '../../errors';
import type { Operation } from '../types';
import { list, string, structure, validate } from '../shapes';
import { COMMENT, NAME, TAG_KEY, TAG_VALUE, storeOutput } from './common';

export interface CreateKeyValueStoreInput {
  Name: string;
  Comment?: string;
  ImportSource?: { SourceType: 'S3'; SourceARN: string };
  Tags?: { Items?: Array<{ Key: string; Value?: string }> };
}

const S3_OBJECT_ARN = /^arn:aws:s3:::([^/]+\/.+)$/;

/** The input shape of the model. */
const INPUT = {
  Name: NAME,
  Comment: COMMENT,
  ImportSource: structure({
    SourceType: string({ required: true, enum: ['S3'] }),
    SourceARN: string({ required: true, pattern: S3_OBJECT_ARN }),
  }),
  Tags: structure({ Items: list(structure({ Key: TAG_KEY, Value: TAG_VALUE }), { unique: (t: { Key: string }) => t.Key }) }),
};

/**
 * CreateKeyValueStore: a new store, `PROVISIONING` in the answer and `READY` once the
 * provisioning delay has passed on the simulator's clock (D10), or `IMPORT_FAILURE` when its
 * ImportSource could not be loaded (D11). Names are unique per account; 200 stores by default (D14).
 */
export const createKeyValueStore: Operation<unknown> = {
  name: 'CreateKeyValueStore',
  plane: 'control',
  successStatus: 201,
  run(raw, { service, accountId }) {
    const input = validate<CreateKeyValueStoreInput>(raw, INPUT, 'InvalidArgument');
    // The same 50-tag limit as TagResource, with the same error: a store never holds more.
    const tagCount = input.Tags?.Items?.length ?? 0;
    if (tagCount > 50) throw serviceError('InvalidTagging', `A resource may have at most 50 tags; this request gives it ${tagCount}.`);
    const account = service.account(accountId);
    if (account.stores.has(input.Name)) {
      throw serviceError('EntityAlreadyExists', `A key value store named ${quote(input.Name)} already exists in this account.`);
    }
    const limit = service.config.quotas.keyValueStoresPerAccount;
    if (account.stores.size >= limit) {
      throw serviceError('EntityLimitExceeded', `This account already has ${account.stores.size} key value stores, the most it may have (${limit}). Delete one first.`);
    }
    const source = input.ImportSource ? S3_OBJECT_ARN.exec(input.ImportSource.SourceARN)![1]! : undefined;
    const store = service.createStore({
      accountId,
      name: input.Name,
      comment: input.Comment,
      tags: input.Tags?.Items?.map((t) => [t.Key, t.Value ?? ''] as [string, string]),
      items: source === undefined ? undefined : service.importFrom(source),
    });
    return {
      KeyValueStore: { ...storeOutput(service, store), Status: 'PROVISIONING' },
      ETag: store.controlETag,
      Location: `https://cloudfront.amazonaws.com/2020-05-31/key-value-store/${store.arn}`,
    };
  },
};
