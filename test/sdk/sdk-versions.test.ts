import { describe, expect, it } from '@jest/globals';
import { CloudFrontClient, EntityNotFound, DescribeKeyValueStoreCommand } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient, GetKeyCommand, PutKeyCommand, ValidationException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from '../../src';
import { rejection } from '../helpers/clients';

// Runs in both jest configurations: with the latest clients, and (jest.floor.config.ts) with
// the oldest supported ones, whose versions this file checks before anything else.
const floor = process.env.KVS_MOCK_SDK_FLOOR === '1';
const pinned = require('../floor/package.json').dependencies as Record<string, string>;

describe(`the client packages in use (${floor ? 'floor' : 'latest'})`, () => {
  it('are the versions this run is meant to test', () => {
    const versions = {
      '@aws-sdk/client-cloudfront': require('@aws-sdk/client-cloudfront/package.json').version,
      '@aws-sdk/client-cloudfront-keyvaluestore': require('@aws-sdk/client-cloudfront-keyvaluestore/package.json').version,
    };
    if (floor) expect(versions).toEqual(pinned);
    else expect(versions).not.toEqual(pinned);
  });

  it('throws the application’s own exception classes on both planes, installed and attached', async () => {
    const kvs = createKvsSimulator({ seed: 'versions' });
    const arn = kvs.seedStore({ items: { k: 'v' } });
    kvs.install();
    try {
      const data = new CloudFrontKeyValueStoreClient({});
      const control = new CloudFrontClient({});
      const stale = await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'w', IfMatch: 'stale' })));
      expect(stale).toBeInstanceOf(ValidationException);
      expect(stale).toMatchObject({ name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
      const missing = await rejection(control.send(new DescribeKeyValueStoreCommand({ Name: 'nope' })));
      expect(missing).toBeInstanceOf(EntityNotFound);
      expect(missing).toMatchObject({ name: 'EntityNotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } });
      expect((await data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v');
    } finally {
      kvs.restore();
    }
  });
});
