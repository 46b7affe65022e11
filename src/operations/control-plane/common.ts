import { serviceError, quote } from '../../errors';
import type { KvsService } from '../../core/service';
import { parseFunctionArn } from '../../core/functions';
import { KeyValueStore } from '../../core/store';
import { string } from '../shapes';

/** Model constraints shared by the control-plane operations (cloudfront 2020-05-31). */
export const NAME = string({ required: true, min: 1, max: 64, pattern: /^[a-zA-Z0-9-_]{1,64}$/ });
export const COMMENT = string({ min: 0, max: 128 });
export const IF_MATCH = string();
export const TAG_KEY = string({ required: true, min: 1, max: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u });
export const TAG_VALUE = string({ min: 0, max: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u });

/** The `KeyValueStore` structure every control-plane store operation answers with. */
export function storeOutput(service: KvsService, store: KeyValueStore) {
  return {
    Name: store.name,
    Id: store.id,
    Comment: store.comment,
    ARN: store.arn,
    Status: store.status(service.now()),
    LastModifiedTime: new Date(store.controlLastModified),
  };
}

/** A live store of the caller's account by name, or EntityNotFound. */
export function findStore(service: KvsService, accountId: string, name: string): KeyValueStore {
  const store = service.accounts.get(accountId)?.stores.get(name);
  if (!store) throw serviceError('EntityNotFound', `The key value store entity was not found: no key value store is named ${quote(name)}.`);
  return store;
}

/** D12: Update and Delete need the store's current control-plane ETag. */
export function checkIfMatch(store: KeyValueStore, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '') {
    throw serviceError('InvalidIfMatchVersion', 'The If-Match version is missing or not valid for the resource: pass IfMatch, the ETag from DescribeKeyValueStore on the CloudFront client.');
  }
  if (ifMatch !== store.controlETag) {
    throw serviceError(
      'PreconditionFailed',
      `The request failed because it didn't meet the preconditions in one or more request-header fields: IfMatch ${quote(ifMatch)} is not the current ETag of key value store ${quote(store.name)}.`,
    );
  }
}

/** A store or a function of the caller's account by ARN, for the tag operations: what holds its tags. */
export function findTaggable(service: KvsService, accountId: string, arn: string): { readonly tags: Map<string, string> } {
  // The model's ResourceARN pattern; a well-formed ARN of no store or function is NoSuchResource instead.
  if (!/^arn:aws(-cn)?:cloudfront::[0-9]+:/.test(arn)) {
    throw serviceError('InvalidArgument', `Resource ${quote(arn)} is not a CloudFront resource ARN (arn:aws:cloudfront::{account}:{resource}).`);
  }
  const named = parseFunctionArn(arn);
  const resource = named ? service.accounts.get(named.accountId)?.functions.get(named.name) : service.storesByArn.get(arn);
  if (!resource || (resource instanceof KeyValueStore && resource.deleted) || resource.accountId !== accountId) {
    throw serviceError('NoSuchResource', `The specified resource does not exist: ${arn}.`);
  }
  return resource;
}
