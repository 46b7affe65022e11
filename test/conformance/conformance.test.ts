import { describe, expect, it } from '@jest/globals';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { TARGET, itSimulatorOnly } from '../helpers/target';
import { CASES } from './cases';
import { runCase } from './harness/case';
import { runEnv } from './harness/env';
import { differences, readRecording, writeRecording } from './harness/recording';

/**
 * The conformance suite (docs/conformance.md): each case settles one decision of the spec.
 * In-process (and against the server) each case asserts the double's decision and, where a
 * recording of AWS's answers exists, that the double answers the same. Against AWS each case
 * records what AWS answered, then asserts the double's decision (a failure there is a Caveat
 * that turned out wrong).
 */
const env = runEnv(TARGET, expect as never);

describe(`conformance (${TARGET})`, () => {
  for (const c of CASES) {
    const test = c.simulatorOnly ? itSimulatorOnly : it;
    test(`${c.id} (${c.settles}): ${c.title}`, async () => {
      const result = await runCase(c, env);
      if (TARGET === 'aws') {
        writeRecording({
          case: c.id,
          settles: c.settles,
          recordedAt: new Date().toISOString().slice(0, 10),
          region: process.env['AWS_REGION'] || 'us-east-1',
          sdk: { 'client-cloudfront': versionOf(CloudFrontClient), 'client-cloudfront-keyvaluestore': versionOf(CloudFrontKeyValueStoreClient) },
          answers: result.answers,
        });
      } else {
        const recording = readRecording(c.id);
        if (recording) expect(differences(recording.answers, result.answers)).toEqual([]);
      }
      if (result.leftovers.length) {
        throw new Error(`teardown left ${result.leftovers.join(', ')}: npm run conformance:cleanup -- --prefix ${env.prefix}`);
      }
      if (result.failure) throw result.failure;
    });
  }
});

function versionOf(Client: { name: string }): string {
  const pkg = Client.name === 'CloudFrontClient' ? '@aws-sdk/client-cloudfront' : '@aws-sdk/client-cloudfront-keyvaluestore';
  return (require(`${pkg}/package.json`) as { version: string }).version;
}
