import { afterEach, describe, expect, it, jest } from '@jest/globals';
import http from 'node:http';
import { CloudFrontClient, ListDistributionsCommand, ListKeyValueStoresCommand } from '@aws-sdk/client-cloudfront';
import { createKvsSimulator, KvsMockUsageError, type KvsSimulator } from '../../src';
import { isNetworkGuarded, networkGuardHolders } from '../../src/sdk/network-guard';
import { rejection } from '../helpers/clients';

// Credentials and a region, as on a developer's machine: without the guard these clients would
// sign and send to cloudfront.amazonaws.com.
const realistic = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 };

/** A CloudFront client from a second copy of the package, which install() has not patched. */
function clientOfAnotherCopy(): CloudFrontClient {
  let Client!: typeof CloudFrontClient;
  jest.isolateModules(() => {
    Client = (require('@aws-sdk/client-cloudfront') as typeof import('@aws-sdk/client-cloudfront')).CloudFrontClient;
  });
  expect(Client).not.toBe(CloudFrontClient);
  return new Client(realistic);
}

describe('nothing escapes to AWS while a simulator is active', () => {
  let kvs: KvsSimulator | undefined;
  afterEach(() => {
    kvs?.restore();
    kvs = undefined;
  });

  it('stops a request of a client install() did not reach, with a usage error that says why', async () => {
    kvs = createKvsSimulator();
    kvs.install();
    const error = await rejection(clientOfAnotherCopy().send(new ListKeyValueStoresCommand({})));
    expect(error).toBeInstanceOf(KvsMockUsageError);
    expect(error.message).toContain('A request to https://cloudfront.amazonaws.com/2020-05-31/key-value-store');
    expect(error.message).toContain('a copy of the SDK that install() did not patch');
    expect(error.message).toContain('allowNetwork: true');
  });

  it('stops a command let through with onUnhandled: passthrough from an attached client', async () => {
    kvs = createKvsSimulator({ onUnhandled: 'passthrough' });
    const control = kvs.attach(new CloudFrontClient(realistic));
    const error = await rejection(control.send(new ListDistributionsCommand({})));
    expect(error).toBeInstanceOf(KvsMockUsageError);
    expect(error.message).toContain('https://cloudfront.amazonaws.com/2020-05-31/distribution');
    kvs.detach(control);
  });

  it('stops the credential lookups at instance metadata and the container endpoint', async () => {
    kvs = createKvsSimulator();
    kvs.install();
    for (const url of ['http://169.254.169.254/latest/api/token', 'http://169.254.170.2/v2/credentials']) {
      const error = await new Promise<Error>((resolve) => http.get(url, () => resolve(new Error('answered'))).on('error', resolve));
      expect(error).toBeInstanceOf(KvsMockUsageError);
      expect(error.message).toContain('credential lookup');
    }
  });

  it('lets other hosts through, and is held by each install and attachment until restored or detached', async () => {
    // Other test files of this worker may still hold it (simulators they never detached).
    const before = networkGuardHolders();
    kvs = createKvsSimulator();
    const attached = createKvsSimulator();
    const control = attached.attach(new CloudFrontClient({}));
    const second = attached.attach(new CloudFrontClient({}));
    kvs.install();
    expect(networkGuardHolders()).toBe(before + 2);
    expect(isNetworkGuarded()).toBe(true);
    kvs.restore();
    expect(networkGuardHolders()).toBe(before + 1);
    attached.detach(control);
    expect(networkGuardHolders()).toBe(before + 1);
    attached.detach(second);
    expect(networkGuardHolders()).toBe(before);
    // A local server is another host: reached as usual while the guard is up.
    const server = http.createServer((_, res) => res.end('ok')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    kvs.install();
    const { port } = server.address() as { port: number };
    const body = await new Promise<string>((resolve, reject) => http.get(`http://127.0.0.1:${port}/`, (res) => res.on('data', (d) => resolve(String(d)))).on('error', reject));
    expect(body).toBe('ok');
    server.close();
  });

  it('opts out with allowNetwork: true, and refuses a non-boolean', async () => {
    const before = networkGuardHolders();
    kvs = createKvsSimulator({ allowNetwork: true });
    kvs.install();
    kvs.attach(new CloudFrontClient({}));
    expect(networkGuardHolders()).toBe(before);
    expect(() => createKvsSimulator({ allowNetwork: 'yes' as never })).toThrow(/allowNetwork must be true or false, got "yes"/);
  });
});
