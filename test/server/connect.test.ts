import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { CloudFrontClient, DescribeKeyValueStoreCommand as DescribeControl } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient, GetKeyCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { kvsServerClientConfig, startKvsServer, type KvsServer } from '../../src/server';
import { appDirectory, buildPreload, removeAppDirectory, packagesWithExportsMap, runApp, type AppRun, type Preload } from '../helpers/connect';

/**
 * Unmodified applications (test/server/fixtures/app.cjs and app.mjs build their clients with no
 * endpoint, region or credentials) started with the preload against a server this test starts.
 * Under jest.floor.config.ts the applications load the oldest supported client releases.
 */
describe('cloudfront-kvs-mock/connect: unmodified applications reach the server', () => {
  let server: KvsServer;
  let preload: Preload;
  let exportsMapDir: string;
  let apps: string;
  const endpoint = () => ({ CLOUDFRONT_KVS_MOCK_ENDPOINT: server.url });

  beforeAll(async () => {
    preload = buildPreload();
    exportsMapDir = packagesWithExportsMap();
    apps = appDirectory();
    server = await startKvsServer();
  });
  afterAll(async () => {
    await server.close();
    rmSync(exportsMapDir, { recursive: true, force: true });
    removeAppDirectory(apps);
    preload.remove();
  });

  /** The app wrote its store on the server: the state there is what the app printed. */
  function expectStoreOnServer(run: AppRun, name: string, value: string): void {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({ value, itemCount: 1 });
    expect(run.result!.stores).toContain(name);
    const store = server.simulator.getStore(run.result!.arn);
    expect(store).toMatchObject({ Name: name, ETag: run.result!.etag, Items: { greeting: value } });
  }

  it('a CommonJS application with --require', async () => {
    server.simulator.clearCalls();
    const run = await runApp(apps, 'app.cjs', ['cjs-require'], { ...endpoint(), NODE_OPTIONS: `--require ${preload.cjs}` });
    expectStoreOnServer(run, 'cjs-require', 'hello from cjs');
    // Every call of both planes arrived, unsigned: no credentials were needed or looked for.
    expect(server.simulator.calls().map((c) => c.operation)).toEqual(['CreateKeyValueStore', 'DescribeKeyValueStore', 'PutKey', 'GetKey', 'ListKeyValueStores']);
  });

  it('an ES module application with --import', async () => {
    const run = await runApp(apps, 'app.mjs', ['esm-import'], { ...endpoint(), NODE_OPTIONS: `--import ${preload.esm}` });
    expectStoreOnServer(run, 'esm-import', 'hello from esm');
  });

  it('an ES module application with --require', async () => {
    const run = await runApp(apps, 'app.mjs', ['esm-require'], { ...endpoint(), NODE_OPTIONS: `--require ${preload.cjs}` });
    expectStoreOnServer(run, 'esm-require', 'hello from esm');
  });

  it('client packages with an exports map, loaded by require and by import', async () => {
    const cjs = await runApp(exportsMapDir, 'app.cjs', ['map-require'], { ...endpoint(), NODE_OPTIONS: `--require ${preload.cjs}` });
    expectStoreOnServer(cjs, 'map-require', 'hello from cjs');
    const esm = await runApp(exportsMapDir, 'app.mjs', ['map-import'], { ...endpoint(), NODE_OPTIONS: `--import ${preload.esm}` });
    expectStoreOnServer(esm, 'map-import', 'hello from esm');
  });

  it("overrides an endpoint the application configured itself, and says so once per client class", async () => {
    // Port 9 (discard) on loopback: had the app's endpoint been used, the app would have failed.
    const run = await runApp(apps, 'app.cjs', ['own-endpoint'], { ...endpoint(), NODE_OPTIONS: `--require ${preload.cjs}`, APP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(run.code).toBe(0);
    expect(server.simulator.getStore(run.result!.arn)).toMatchObject({ Name: 'own-endpoint', Items: { greeting: 'hello from cjs' } });
    const warnings = run.stderr.split('\n').filter((line) => line.includes('CLOUDFRONT_KVS_MOCK_CONNECT'));
    expect(warnings).toEqual([
      expect.stringContaining(`a CloudFrontClient configured with http://127.0.0.1:9/ is sent to ${server.url}`),
      expect.stringContaining(`a CloudFrontKeyValueStoreClient configured with http://127.0.0.1:9/ is sent to ${server.url}`),
    ]);
  });

  it('stops a client the hooks cannot reach (a bundled SDK) before it leaves the machine', async () => {
    // Region and credentials, so that the SDK would otherwise sign and send to cloudfront.amazonaws.com.
    const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'placeholder' };
    const run = await runApp(apps, 'bundled.cjs', [], { ...endpoint(), ...env, NODE_OPTIONS: `--require ${preload.cjs}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('KvsMockUsageError: [cloudfront-kvs-mock] A request to https://cloudfront.amazonaws.com/2020-05-31/key-value-store was stopped');
    expect(run.stderr).toContain(`cloudfront-kvs-mock/connect routes the clients of this process to ${server.url}, and this one was not reached`);
  });

  it('stops the application with a usage error when the endpoint variable is missing or not a URL', async () => {
    const before = server.simulator.snapshot().stores.length;
    for (const [env, said] of [
      [{}, 'CLOUDFRONT_KVS_MOCK_ENDPOINT is not set'],
      [{ CLOUDFRONT_KVS_MOCK_ENDPOINT: 'localhost:4567' }, '"localhost:4567" is not a server URL'],
    ] as const) {
      for (const option of [`--require ${preload.cjs}`, `--import ${preload.esm}`]) {
        const run = await runApp(apps, 'app.mjs', ['never'], { ...env, NODE_OPTIONS: option });
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(`KvsMockUsageError: [cloudfront-kvs-mock] `);
        expect(run.stderr).toContain(said);
        expect(run.stderr).toContain('http://localhost:4567');
      }
    }
    expect(server.simulator.snapshot().stores.length).toBe(before);
  });
});

describe('kvsServerClientConfig()', () => {
  let server: KvsServer;
  beforeAll(async () => {
    server = await startKvsServer();
  });
  afterAll(() => server.close());

  it('configures both clients as they are, with no spread or cast', async () => {
    const config = kvsServerClientConfig(server.url);
    const control = new CloudFrontClient(config.cloudFront);
    const data = new CloudFrontKeyValueStoreClient(config.keyValueStore);
    const arn = server.simulator.seedStore({ name: 'configured', items: { k: 'v' } });
    await expect(data.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).resolves.toMatchObject({ Key: 'k', Value: 'v', ItemCount: 1 });
    await expect(control.send(new DescribeControl({ Name: 'configured' }))).resolves.toMatchObject({ KeyValueStore: { ARN: arn, Status: 'READY' } });
    data.destroy();
    control.destroy();
  });

  it('refuses what is not a server URL with a usage error', () => {
    for (const bad of ['localhost:4567', 'ftp://localhost', 'http://localhost:4567/?x=1', '']) {
      expect(() => kvsServerClientConfig(bad)).toThrow(expect.objectContaining({ name: 'KvsMockUsageError', message: expect.stringContaining('is not a server URL') }));
    }
  });
});
