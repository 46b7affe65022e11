import { KvsMockUsageError } from '../errors';
import type { DistributionTenant } from './types';

const KEYS = ['id', 'parameters', 'endpoint'];

/**
 * A `distributionTenant` option, checked strictly and copied (so changing the caller's object
 * later changes nothing), or a `KvsMockUsageError` from `where` that says what to pass.
 *
 * @example
 * ```ts
 * checkDistributionTenant({ id: 'dt_1a2b3c4d5e6f7', parameters: { TenantPath: 'tenant1' } }, 'runFunction()');
 * ```
 */
export function checkDistributionTenant(tenant: unknown, where: string): DistributionTenant {
  const usage = (what: string) =>
    new KvsMockUsageError(`${where}: distributionTenant ${what}. Pass { id: 'dt_1a2b3c4d5e6f7', parameters?: { name: 'value' }, endpoint?: 'd111111abcdef8.cloudfront.net' }.`);
  if (typeof tenant !== 'object' || tenant === null || Array.isArray(tenant)) throw usage('must be an object');
  for (const key of Object.keys(tenant)) if (!KEYS.includes(key)) throw usage(`has an unknown member ${JSON.stringify(key)} (known: ${KEYS.join(', ')})`);
  const { id, parameters, endpoint } = tenant as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw usage('needs an id, a non-empty string');
  if (endpoint !== undefined && (typeof endpoint !== 'string' || endpoint === '')) throw usage('endpoint must be a non-empty string (the connection group\'s domain name)');
  const copy: DistributionTenant = { id };
  if (parameters !== undefined) {
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) throw usage('parameters must be an object of parameter name to string value');
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(parameters)) {
      if (typeof value !== 'string') throw usage(`parameters[${JSON.stringify(name)}] must be a string, got ${typeof value}`);
      values[name] = value;
    }
    copy.parameters = values;
  }
  if (endpoint !== undefined) copy.endpoint = endpoint as string;
  return copy;
}
