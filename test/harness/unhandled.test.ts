import { describe, expect, it } from '@jest/globals';
import { CloudFrontClient, CreateDistributionCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { createKvsSimulator, KvsMockUsageError } from '../../src';
import { metadata, rejection } from '../helpers/clients';

const DISTRIBUTION = {
  DistributionConfig: {
    CallerReference: 'ref',
    Comment: '',
    Enabled: true,
    Origins: { Quantity: 1, Items: [{ Id: 'o', DomainName: 'example.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' as const } }] },
    DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'allow-all' as const },
  },
};

describe('commands the simulator does not model (onUnhandled)', () => {
  it("'throw' (the default): a usage error that names the command and says what to do", async () => {
    const kvs = createKvsSimulator();
    const cloudFront = kvs.attach(new CloudFrontClient({}));
    const error = await rejection(cloudFront.send(new CreateDistributionCommand(DISTRIBUTION)));
    expect(error).toBeInstanceOf(KvsMockUsageError);
    expect(error.message).toBe(
      "[cloudfront-kvs-mock] CreateDistributionCommand on CloudFrontClient is not simulated: the simulator answers the key value store and CloudFront Functions operations only. To let it through to the SDK, create the simulator with onUnhandled: 'passthrough'; to answer it yourself, pass onUnhandled: (command) => output.",
    );
    expect(kvs.calls()).toEqual([]);
  });

  it("'passthrough': the SDK handles the command as if the simulator were not there", async () => {
    const kvs = createKvsSimulator({ onUnhandled: 'passthrough' });
    const cloudFront = kvs.attach(new CloudFrontClient({})); // no region: the bare SDK stops at once
    const error = await rejection(cloudFront.send(new ListDistributionsCommand({})));
    expect(error).not.toBeInstanceOf(KvsMockUsageError);
    expect(error.message).toBe('Region is missing');
    expect(kvs.calls()).toEqual([]);
  });

  it('a function: answers the command with what it returns, plus $metadata', async () => {
    const seen: unknown[] = [];
    const kvs = createKvsSimulator({
      onUnhandled: (command) => {
        seen.push(command);
        return { DistributionList: { Quantity: 0, MaxItems: 100, IsTruncated: false, Marker: '' } };
      },
    });
    const cloudFront = kvs.attach(new CloudFrontClient({}));
    const output = await cloudFront.send(new ListDistributionsCommand({ MaxItems: 5 }));
    expect(output).toEqual({ DistributionList: { Quantity: 0, MaxItems: 100, IsTruncated: false, Marker: '' }, $metadata: metadata(200) });
    expect(seen).toEqual([{ clientName: 'CloudFrontClient', commandName: 'ListDistributionsCommand', input: { MaxItems: 5 } }]);
  });

  it('a function that throws: the caller gets its error', async () => {
    const refusal = new Error('no distributions in this test');
    const kvs = createKvsSimulator({
      onUnhandled: () => {
        throw refusal;
      },
    });
    const cloudFront = kvs.cloudFrontClient();
    expect(await rejection(cloudFront.send(new ListDistributionsCommand({})))).toBe(refusal);
  });

  it('applies to clients reached by install() too', async () => {
    const kvs = createKvsSimulator().install();
    try {
      const error = await rejection(new CloudFrontClient({}).send(new ListDistributionsCommand({})));
      expect(error).toBeInstanceOf(KvsMockUsageError);
      expect(error.message).toContain('ListDistributionsCommand on CloudFrontClient is not simulated');
    } finally {
      kvs.restore();
    }
    expect((await rejection(new CloudFrontClient({}).send(new ListDistributionsCommand({})))).message).toBe('Region is missing');
  });
});
