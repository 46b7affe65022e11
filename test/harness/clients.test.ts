import { describe, expect, it, jest } from '@jest/globals';
import { CloudFrontClient, CreateKeyValueStoreCommand } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient, GetKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, KvsMockUsageError } from '../../src';
import { rejection } from '../helpers/clients';
import * as app from './fixtures/app';

describe('keyValueStoreClient() and cloudFrontClient(): ready clients to inject', () => {
  it('are real clients of the packages, already attached, needing no region or credentials', async () => {
    const kvs = createKvsSimulator();
    const data = kvs.keyValueStoreClient();
    const cloudFront = kvs.cloudFrontClient();
    expect(data).toBeInstanceOf(CloudFrontKeyValueStoreClient);
    expect(cloudFront).toBeInstanceOf(CloudFrontClient);

    const { KeyValueStore } = await cloudFront.send(new CreateKeyValueStoreCommand({ Name: 'made' }));
    expect(kvs.getStore('made')?.ARN).toBe(KeyValueStore?.ARN);
    const arn = kvs.seedStore({ items: { k: 'v' } });
    expect(await app.readKey(arn, 'k', data)).toBe('v');
  });

  it('take the client config and, for CloudFront, the account it acts for', async () => {
    const kvs = createKvsSimulator();
    const data = kvs.keyValueStoreClient({ cacheMiddleware: true, region: 'eu-west-1' });
    expect(data.config.cacheMiddleware).toBe(true);
    expect(await data.config.region()).toBe('eu-west-1');
    const arn = kvs.seedStore({ items: { k: 'cached' } });
    expect(await app.readKey(arn, 'k', data)).toBe('cached');
    expect(await app.readKey(arn, 'k', data)).toBe('cached');

    const theirs = kvs.cloudFrontClient({}, { accountId: '210987654321' });
    const { KeyValueStore } = await theirs.send(new CreateKeyValueStoreCommand({ Name: 'theirs' }));
    expect(KeyValueStore?.ARN).toMatch(/^arn:aws:cloudfront::210987654321:/);
    expect(() => kvs.cloudFrontClient({}, { accountId: 'abc' })).toThrow(/accountId must be 12 digits/);
  });

  it('come off with detach() like any attached client', async () => {
    const kvs = createKvsSimulator();
    const data = kvs.keyValueStoreClient();
    expect(kvs.detach(data)).toBe(true);
    const error = await rejection(data.send(new GetKeyCommand({ KvsARN: 'arn:aws:cloudfront::123456789012:key-value-store/x', Key: 'k' })));
    expect(error.message).toBe('Region is missing');
  });
});

/** Loads this package with one client package missing, as in a project that installed only the other. */
function withoutPackage<T>(name: string, run: (src: typeof import('../../src')) => T): T {
  let result!: T;
  jest.isolateModules(() => {
    jest.doMock(name, () => {
      throw Object.assign(new Error(`Cannot find module '${name}' from 'src/harness/packages.ts'`), { code: 'MODULE_NOT_FOUND' });
    });
    result = run(require('../../src') as typeof import('../../src'));
  });
  jest.dontMock(name);
  return result;
}

describe('optional client packages', () => {
  it('a missing package is a usage error that says which package to install', () => {
    withoutPackage('@aws-sdk/client-cloudfront', (src) => {
      const kvs = src.createKvsSimulator();
      expect(() => kvs.cloudFrontClient()).toThrow(src.KvsMockUsageError);
      expect(() => kvs.cloudFrontClient()).toThrow(
        'cloudFrontClient() builds a CloudFrontClient, from the package @aws-sdk/client-cloudfront, which is not installed. Install it next to this package: npm install --save-dev @aws-sdk/client-cloudfront',
      );
      expect(kvs.keyValueStoreClient()).toBeDefined();
    });
    withoutPackage('@aws-sdk/client-cloudfront-keyvaluestore', (src) => {
      expect(() => src.createKvsSimulator().keyValueStoreClient()).toThrow(/npm install --save-dev @aws-sdk\/client-cloudfront-keyvaluestore/);
    });
  });

  it('install() patches what is there when one package is missing', async () => {
    // The isolated registry has its own SDK copy: the application there uses that copy's client.
    const { kvs, Client } = withoutPackage('@aws-sdk/client-cloudfront', (src) => ({
      kvs: src.createKvsSimulator().install(),
      Client: (require('@aws-sdk/client-cloudfront-keyvaluestore') as typeof import('@aws-sdk/client-cloudfront-keyvaluestore')).CloudFrontKeyValueStoreClient,
    }));
    try {
      const arn = kvs.seedStore({ items: { k: 'v' } });
      expect(await app.readKey(arn, 'k', new Client({}))).toBe('v');
    } finally {
      kvs.restore();
    }
  });

  it('install() with neither package says so', () => {
    jest.isolateModules(() => {
      for (const name of ['@aws-sdk/client-cloudfront', '@aws-sdk/client-cloudfront-keyvaluestore']) {
        jest.doMock(name, () => {
          throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
        });
      }
      const src = require('../../src') as typeof import('../../src');
      expect(() => src.createKvsSimulator().install()).toThrow(/found neither @aws-sdk\/client-cloudfront-keyvaluestore nor @aws-sdk\/client-cloudfront/);
    });
    jest.dontMock('@aws-sdk/client-cloudfront');
    jest.dontMock('@aws-sdk/client-cloudfront-keyvaluestore');
  });

  it('a package that fails to load for another reason is not hidden', () => {
    jest.isolateModules(() => {
      jest.doMock('@aws-sdk/client-cloudfront', () => {
        throw new SyntaxError('Unexpected token in a broken install');
      });
      const src = require('../../src') as typeof import('../../src');
      expect(() => src.createKvsSimulator().cloudFrontClient()).toThrow(SyntaxError);
    });
    jest.dontMock('@aws-sdk/client-cloudfront');
  });
});

describe('misuse', () => {
  it('KvsMockUsageError is what misuse throws', () => {
    expect(() => createKvsSimulator().attach({} as never)).toThrow(KvsMockUsageError);
  });
});
