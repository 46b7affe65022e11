import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CloudFrontClient, CreateKeyValueStoreCommand, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createKvsSimulator } from '../../src';
import { metadata, rejection } from '../helpers/clients';
import * as app from './fixtures/app';

const sendOwner = Object.getPrototypeOf(CloudFrontKeyValueStoreClient.prototype) as { send: unknown };
const pristineSend = sendOwner.send;

// The recipe: a project that already stubs the clients with aws-sdk-client-mock puts the
// simulator behind the stub, and keeps its toHaveReceivedCommand* assertions.
const kvs = createKvsSimulator({ seed: 'client-mock' });
const kvsMock = mockClient(CloudFrontKeyValueStoreClient);
const cloudFrontMock = mockClient(CloudFrontClient);

beforeEach(() => {
  kvsMock.reset();
  cloudFrontMock.reset();
  kvsMock.send.callsFake(kvs.fakeSend());
  cloudFrontMock.send.callsFake(kvs.fakeSend());
});

afterEach(() => kvs.reset());

describe('aws-sdk-client-mock in front of the simulator', () => {
  it("answers the application's own clients from the simulator, and the mock's matchers see the calls", async () => {
    const arn = kvs.seedStore({ items: { greeting: 'hello' } });
    expect(await app.readKey(arn, 'greeting')).toBe('hello');
    await app.writeKey(arn, 'greeting', 'bonjour');
    expect(await app.readKey(arn, 'greeting')).toBe('bonjour');

    expect(kvsMock).toHaveReceivedCommandTimes(GetKeyCommand, 2);
    expect(kvsMock).toHaveReceivedCommandWith(PutKeyCommand, { KvsARN: arn, Key: 'greeting', Value: 'bonjour' });
    expect(kvsMock).toHaveReceivedNthCommandWith(2, DescribeKeyValueStoreCommand, { KvsARN: arn });
    expect(kvs.calls().map((c) => c.operation)).toEqual(['GetKey', 'DescribeKeyValueStore', 'PutKey', 'GetKey']);
    expect(kvs.getStore(arn)?.Items).toEqual({ greeting: 'bonjour' });
  });

  it('gives exactly what an attached client gets: outputs with $metadata, the package exception classes', async () => {
    const arn = kvs.seedStore({ items: { k: 'v' } });
    const client = new CloudFrontKeyValueStoreClient({});
    expect(await client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).toEqual({ Key: 'k', Value: 'v', ItemCount: 1, TotalSizeInBytes: 3, $metadata: metadata(200) });
    const error = await rejection(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'missing' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(kvsMock).toHaveReceivedCommandTimes(GetKeyCommand, 2);
  });

  it('answers CloudFront clients too', async () => {
    await app.createStore('via-mock');
    expect(await app.storeNames()).toEqual(['via-mock']);
    expect(cloudFrontMock).toHaveReceivedCommandWith(CreateKeyValueStoreCommand, { Name: 'via-mock' });
    expect(cloudFrontMock).toHaveReceivedCommand(ListKeyValueStoresCommand);
  });

  it("lets a per-command stub win over the simulator, for the calls it matches", async () => {
    const arn = kvs.seedStore({ items: { k: 'v', other: 'o' } });
    kvsMock.on(GetKeyCommand, { Key: 'k' }).rejects(new ConflictException({ message: 'stubbed', $metadata: {} }));
    expect((await rejection(app.readKey(arn, 'k'))).message).toBe('stubbed');
    expect(await app.readKey(arn, 'other')).toBe('o');
    expect(kvs.calls('GetKey')).toHaveLength(1);
  });

  it('works alongside install(), and restore() still leaves the SDK as found', async () => {
    const installed = createKvsSimulator().install();
    try {
      const arn = kvs.seedStore({ items: { k: 'from the mock simulator' } });
      expect(await app.readKey(arn, 'k')).toBe('from the mock simulator');
      expect(installed.calls()).toEqual([]);
    } finally {
      installed.restore();
    }
    expect(sendOwner.send).toBe(pristineSend);
  });
});
