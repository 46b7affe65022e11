import { expect } from '@jest/globals';
import {
  CloudFrontServiceException,
  CreateKeyValueStoreCommand,
  DescribeKeyValueStoreCommand,
  type CloudFrontClient,
  type CreateKeyValueStoreCommandInput,
} from '@aws-sdk/client-cloudfront';
import { metadata, rejection } from '../helpers/clients';

/** Control-plane ETags: `E` + 12 or 13 of `[0-9A-Z]` (D8). */
export const CONTROL_ETAG = /^E[0-9A-Z]{12,13}$/;
/** Data-plane ETags: `KV` + 13 of `[0-9A-Z]` (D8). */
export const DATA_ETAG = /^KV[0-9A-Z]{13}$/;
/** Store ids are UUIDs (D13). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ACCOUNT = '123456789012';

/** The ARN D13 gives a store of `account` with this id. */
export function arnOf(id: string, account = ACCOUNT): string {
  return `arn:aws:cloudfront::${account}:key-value-store/${id}`;
}

/** D13's Location header for a store ARN. */
export function locationOf(arn: string): string {
  return `https://cloudfront.amazonaws.com/2020-05-31/key-value-store/${arn}`;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Awaits a rejection and checks everything a caller can read of a control-plane service error
 * (D16): the client package's own class, `name`, `$fault`, `$metadata`, the message, and the
 * XML error fields the SDK sets on errors that come off the wire. Returns the error.
 */
export async function controlError(
  promise: Promise<unknown>,
  Class: ErrorClass,
  code: string,
  status: number,
  message: RegExp | string,
): Promise<CloudFrontServiceException & Record<string, unknown>> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(Class);
  expect(error).toBeInstanceOf(CloudFrontServiceException);
  expect(error.name).toBe(code);
  expect(error.$fault).toBe('client');
  expect(error.$metadata).toEqual(metadata(status));
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.Code).toBe(code);
  expect(error.Type).toBe('Sender');
  // The oldest clients do not copy the envelope's RequestId and Error onto an error read off the
  // wire (the whole pipeline, taken while a fault is queued); every release has $metadata.requestId.
  if (FLOOR && error.Error === undefined && error.RequestId === undefined) return error;
  expect(error.RequestId).toBe(error.$metadata.requestId);
  expect(error.Error).toEqual({ Type: 'Sender', Code: code, Message: error.message });
  return error;
}

const FLOOR = process.env['KVS_MOCK_SDK_FLOOR'] === '1';

/** Creates a store through the control plane and returns what Create answered. */
export async function createStore(control: CloudFrontClient, input: CreateKeyValueStoreCommandInput) {
  return control.send(new CreateKeyValueStoreCommand(input));
}

/** The control-plane view of a store now. */
export async function describeStore(control: CloudFrontClient, name: string) {
  return control.send(new DescribeKeyValueStoreCommand({ Name: name }));
}
