/**
 * The conformance suite's commands (docs/conformance.md):
 *   dry-run                     what an AWS run would create and send, and its rough cost; sends nothing
 *   cleanup --prefix X [--dry-run]   deletes (or lists) the stores and functions named X-… in the account
 */
// The SDK's notice about its 2027 Node requirement is noise in a command's output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { expect } from 'expect';
import { CASES } from './cases';
import { cleanup } from './harness/cleanup';
import { formatPlan, planRun } from './harness/plan';
import { runPrefix } from './harness/run-prefix';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'dry-run') {
    console.log(formatPlan(await planRun(CASES, runPrefix(process.env), expect as never)));
    return 0;
  }
  if (command === 'cleanup') {
    const at = rest.indexOf('--prefix');
    const prefix = at >= 0 ? rest[at + 1] : undefined;
    if (!prefix) {
      console.error('usage: npm run conformance:cleanup -- --prefix <run prefix> [--dry-run]');
      return 2;
    }
    const control = new CloudFrontClient({ region: process.env['AWS_REGION'] || 'us-east-1' });
    const execute = !rest.includes('--dry-run');
    const { found, failed } = await cleanup(control, prefix, { execute });
    for (const r of found) console.log(`${execute ? 'deleted' : 'would delete'} ${r.kind} ${r.name}${failed.some((f) => f.startsWith(`${r.kind}:${r.name} `)) ? ' (FAILED)' : ''}`);
    if (found.length === 0) console.log(`nothing named ${prefix}-… in this account`);
    for (const f of failed) console.error(`could not delete ${f}`);
    return failed.length ? 1 : 0;
  }
  console.error('usage: conformance dry-run | cleanup --prefix <run prefix> [--dry-run]');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
