import { expect } from '@jest/globals';
import {
  AccessDeniedException,
  CloudFrontKeyValueStoreServiceException,
  ConflictException,
  DescribeKeyValueStoreCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
  type CloudFrontKeyValueStoreClient,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { KvsSimulator } from '../../src';
import { metadata, rejection } from '../helpers/clients';

/** The data-plane ETag format (D8). */
export const ETAG = /^KV[0-9A-Z]{13}$/;
export const anyETag = () => expect.stringMatching(ETAG);

type ErrorClass = abstract new (...args: never[]) => Error;

/** Code and HTTP status of every data-plane error class (spec §1.4). */
const MODELED = new Map<ErrorClass, [string, number]>([
  [AccessDeniedException, ['AccessDeniedException', 403]],
  [ConflictException, ['ConflictException', 409]],
  [ResourceNotFoundException, ['ResourceNotFoundException', 404]],
  [ServiceQuotaExceededException, ['ServiceQuotaExceededException', 402]],
  [ValidationException, ['ValidationException', 400]],
]);

/** Asserts all a caller sees of a modeled data-plane error (D16): class, name, fault, $metadata, message. */
export function expectServiceError(error: unknown, Class: ErrorClass, message: string | RegExp): void {
  const [name, status] = MODELED.get(Class)!;
  expect(error).toBeInstanceOf(Class);
  expect(error).toBeInstanceOf(CloudFrontKeyValueStoreServiceException);
  const e = error as { name: string; $fault: string; $metadata: unknown; message: string };
  expect(e.name).toBe(name);
  expect(e.$fault).toBe('client');
  expect(e.$metadata).toEqual(metadata(status));
  if (typeof message === 'string') expect(e.message).toContain(message);
  else expect(e.message).toMatch(message);
}

/**
 * Sends a request that must fail and asserts the error and that the store did not change at all
 * (items, ETag, size, times): the promise is created only after the "before" snapshot.
 */
export async function expectRejectedUnchanged(
  kvs: KvsSimulator,
  arn: string,
  send: () => Promise<unknown>,
  Class: ErrorClass,
  message: string | RegExp,
): Promise<Error> {
  const before = kvs.getStore(arn);
  expect(before).toBeDefined();
  const error = await rejection(send());
  expectServiceError(error, Class, message);
  expect(kvs.getStore(arn)).toEqual(before);
  return error;
}

/** The store's current data-plane ETag, read the way a caller reads it. */
export async function currentETag(client: CloudFrontKeyValueStoreClient, arn: string): Promise<string> {
  const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
  return ETag!;
}

/** UTF-8 byte length by Node's own encoder: the oracle the double's sizes are checked against. */
export const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** D7 computed independently of src: Σ (key bytes + value bytes + 1). */
export const totalSize = (items: Record<string, string> | Array<[string, string]>) =>
  (Array.isArray(items) ? items : Object.entries(items)).reduce((sum, [k, v]) => sum + bytes(k) + bytes(v) + 1, 0);

/** Orders strings by their UTF-8 bytes, with Buffer.compare as the oracle. */
export const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
