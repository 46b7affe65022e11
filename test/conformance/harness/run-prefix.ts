/**
 * The run prefix of an AWS conformance run: every resource the run creates is named with it and
 * tagged with it, and `npm run conformance:cleanup -- --prefix <it>` finds leftovers by it.
 * `KVS_AWS_RUN_PREFIX` when given (checked), else a new one from the time and a random part.
 */
export const PREFIX_TAG = 'cloudfront-kvs-mock:run';
export const CASE_TAG = 'cloudfront-kvs-mock:case';

const PREFIX = /^[a-zA-Z][a-zA-Z0-9-]{2,23}$/;

export function runPrefix(env: NodeJS.ProcessEnv, now = new Date(), random = Math.random): string {
  const given = env['KVS_AWS_RUN_PREFIX'];
  if (given !== undefined && given !== '') return checkPrefix(given);
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 12);
  const tail = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `kvsmock-${stamp}-${tail}`;
}

/** A prefix as runs make them: 3-24 of `[a-zA-Z0-9-]`, starting with a letter (names allow 64 in all). */
export function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`a run prefix is 3-24 of [a-zA-Z0-9-] starting with a letter; got ${JSON.stringify(prefix)}`);
  return prefix;
}

/** A resource name within the 64 characters of `[a-zA-Z0-9-_]` stores and functions allow. */
export function resourceName(prefix: string, caseId: string, n: number): string {
  const suffix = `-${n}`;
  return `${prefix}-${caseId}`.replace(/[^a-zA-Z0-9-_]/g, '-').slice(0, 64 - suffix.length) + suffix;
}
