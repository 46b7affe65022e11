import { expect } from '@jest/globals';
import { CloudFrontServiceException, CreateFunctionCommand, type CloudFrontClient, type CreateFunctionCommandInput } from '@aws-sdk/client-cloudfront';
import type { KvsSimulator } from '../../src';
import { metadata, rejection } from '../helpers/clients';
import { ACCOUNT } from './fixtures';

/** A viewer-request function that passes the request through. */
export const PASS_THROUGH = 'function handler(event) { return event.request; }';

export const bytes = (text: string) => new TextEncoder().encode(text);
export const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

/** F3's function ARN. */
export function functionArnOf(name: string, account = ACCOUNT): string {
  return `arn:aws:cloudfront::${account}:function/${name}`;
}

/** The association of one store, as the model writes it. */
export function associationOf(storeArn: string) {
  return { Quantity: 1, Items: [{ KeyValueStoreARN: storeArn }] };
}

/** CreateFunction with defaults: a 2.0 pass-through function, no association. */
type Overrides = Omit<Partial<CreateFunctionCommandInput>, 'FunctionConfig'> & { FunctionConfig?: Partial<NonNullable<CreateFunctionCommandInput['FunctionConfig']>> };

export async function createFn(control: CloudFrontClient, name: string, overrides: Overrides = {}) {
  const { FunctionConfig, ...rest } = overrides;
  return control.send(
    new CreateFunctionCommand({
      Name: name,
      FunctionCode: bytes(PASS_THROUGH),
      ...rest,
      FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0', ...FunctionConfig } as CreateFunctionCommandInput['FunctionConfig'],
    }),
  );
}

/** A READY store seeded in the simulator; its ARN. */
export function storeFor(kvs: KvsSimulator, name = 'store'): string {
  return kvs.seedStore({ name, items: { k: 'v' } });
}

/** An injected server error as the caller sees it: the client package's class, `$fault: 'server'`, Type Receiver. */
export async function serverError(promise: Promise<unknown>, Class: abstract new (...args: never[]) => Error, code: string, status: number) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(Class);
  expect(error).toBeInstanceOf(CloudFrontServiceException);
  expect(error.name).toBe(code);
  expect(error.$fault).toBe('server');
  expect(error.$metadata).toEqual(metadata(status));
  expect(error.Type).toBe('Receiver');
  expect(error.Code).toBe(code);
  return error;
}
