import { describe, expect, test } from '@jest/globals';
import { createKvsSimulator, KvsMockUsageError, runFunction, viewerRequestEvent, viewerResponseEvent, type DistributionTenant } from '../../src';
import { throughTestFunction } from './through-test-function';

const TENANT: DistributionTenant = { id: 'dt_1a2b3c4d5e6f7', parameters: { TenantPath: 'tenant1', plan: 'gold' } };

/** Tenant routing: the tenant's path prefix, from its parameters. */
const ROUTE = `import cf from 'cloudfront';
function handler(event) {
  const request = event.request;
  request.uri = '/' + cf.distributionTenant.parameters.get('TenantPath') + request.uri;
  console.log(cf.distributionTenant.id + ' via ' + event.context.endpoint + ' ' + String(event.context.distributionDomainName));
  return request;
}`;

const PROBE = `import cf from 'cloudfront';
function handler(event) {
  try { cf.distributionTenant.id; console.log('available'); } catch (e) { console.log(e.name + ': ' + e.message); }
  return event.request;
}`;

const event = viewerRequestEvent({ uri: '/index.html' });

describe('distribution tenants (F25)', () => {
  test('with a tenant: cf.distributionTenant answers, and context.endpoint replaces distributionDomainName', () => {
    const result = runFunction({ code: ROUTE, event, distributionTenant: TENANT });
    expect(result.error).toBeUndefined();
    expect(result.output?.request).toMatchObject({ uri: '/tenant1/index.html' });
    expect(result.logs).toEqual(['dt_1a2b3c4d5e6f7 via d111111abcdef8.cloudfront.net undefined']);
  });

  test('the endpoint can be given; a viewer-response function sees the tenant too', () => {
    const code = "import cf from 'cloudfront';\nfunction handler(event) { console.log(event.context.endpoint + ' ' + cf.distributionTenant.parameters.get('plan')); return event.response; }";
    const result = runFunction({ code, event: viewerResponseEvent(), distributionTenant: { ...TENANT, endpoint: 'cg-123.cloudfront.net' } });
    expect(result.logs).toEqual(['cg-123.cloudfront.net gold']);
  });

  test('a missing parameter throws DistributionTenantParameterKeyNotFound', () => {
    const code = "import cf from 'cloudfront';\nfunction handler(event) { cf.distributionTenant.parameters.get('missing'); return event.request; }";
    expect(runFunction({ code, event, distributionTenant: TENANT }).error).toEqual({ name: 'Error', message: 'DistributionTenantParameterKeyNotFound' });
    expect(runFunction({ code, event, distributionTenant: { id: 'dt_x' } }).error).toEqual({ name: 'Error', message: 'DistributionTenantParameterKeyNotFound' });
  });

  test('without a tenant, touching cf.distributionTenant throws "distributionTenant module is not available"', () => {
    expect(runFunction({ code: PROBE, event }).logs).toEqual(['Error: distributionTenant module is not available']);
    expect(runFunction({ code: PROBE, event, distributionTenant: TENANT }).logs).toEqual(['available']);
    expect(runFunction({ code: ROUTE, event }).errorMessage).toBe('The CloudFront function associated with the CloudFront distribution is invalid or could not run. Error: distributionTenant module is not available');
  });

  test('the tenant of one run does not leak into the next', () => {
    runFunction({ code: PROBE, event, distributionTenant: TENANT });
    expect(runFunction({ code: PROBE, event }).logs).toEqual(['Error: distributionTenant module is not available']);
  });

  test.each([
    [{ id: 'dt_1', parameter: {} }, 'distributionTenant has an unknown member "parameter" (known: id, parameters, endpoint)'],
    [{ parameters: {} }, 'distributionTenant needs an id, a non-empty string'],
    [{ id: 'dt_1', parameters: { a: 1 } }, 'distributionTenant parameters["a"] must be a string, got number'],
    [{ id: 'dt_1', parameters: ['a'] }, 'distributionTenant parameters must be an object of parameter name to string value'],
    [{ id: 'dt_1', endpoint: '' }, "distributionTenant endpoint must be a non-empty string (the connection group's domain name)"],
    ['dt_1', 'distributionTenant must be an object'],
  ])('a malformed distributionTenant option is a usage error: %j', (tenant, message) => {
    expect(() => runFunction({ code: PROBE, event, distributionTenant: tenant as never })).toThrow(KvsMockUsageError);
    expect(() => runFunction({ code: PROBE, event, distributionTenant: tenant as never })).toThrow(`runFunction(): ${message}. Pass { id: 'dt_1a2b3c4d5e6f7'`);
  });
});

describe('distribution tenants in the simulator and TestFunction (F25)', () => {
  test('TestFunction runs for the simulator\'s distributionTenant', async () => {
    const tested = await throughTestFunction(ROUTE, { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.1' }, request: { method: 'GET', uri: '/a', querystring: {}, headers: {}, cookies: {} } }, 'cloudfront-js-2.0', { distributionTenant: TENANT });
    expect(tested.FunctionErrorMessage).toBe('');
    expect(JSON.parse(tested.FunctionOutput!).request.uri).toBe('/tenant1/a');
    expect(tested.FunctionExecutionLogs).toEqual(['dt_1a2b3c4d5e6f7 via undefined undefined']);
  });

  test('TestFunction without one: the module is not available', async () => {
    const tested = await throughTestFunction(PROBE, event);
    expect(tested.FunctionExecutionLogs).toEqual(['Error: distributionTenant module is not available']);
  });

  test('simulator.runFunction() uses the simulator\'s tenant unless it names its own; setDistributionTenant() changes it', () => {
    const kvs = createKvsSimulator({ distributionTenant: TENANT });
    kvs.seedFunction({ name: 'route', code: ROUTE });
    expect(kvs.runFunction({ function: 'route', event }).output?.request).toMatchObject({ uri: '/tenant1/index.html' });
    expect(kvs.runFunction({ code: ROUTE, event, distributionTenant: { id: 'dt_2', parameters: { TenantPath: 'two' } } }).output?.request).toMatchObject({ uri: '/two/index.html' });
    kvs.setDistributionTenant(undefined);
    expect(kvs.runFunction({ function: 'route', event }).error?.message).toBe('distributionTenant module is not available');
    kvs.setDistributionTenant({ id: 'dt_3', parameters: { TenantPath: 'three' } });
    expect(kvs.runFunction({ function: 'route', event }).output?.request).toMatchObject({ uri: '/three/index.html' });
    kvs.reset();
    kvs.seedFunction({ name: 'route', code: ROUTE });
    expect(kvs.runFunction({ function: 'route', event }).output?.request).toMatchObject({ uri: '/three/index.html' });
  });

  test('a malformed tenant setting is a usage error that changes nothing', () => {
    expect(() => createKvsSimulator({ distributionTenant: { id: 'dt_1', extra: 1 } as never })).toThrow('createKvsSimulator(): distributionTenant has an unknown member "extra"');
    const kvs = createKvsSimulator({ distributionTenant: TENANT });
    expect(() => kvs.setDistributionTenant({ id: '' })).toThrow('setDistributionTenant(): distributionTenant needs an id, a non-empty string');
    expect(kvs.runFunction({ code: PROBE, event }).logs).toEqual(['available']);
  });
});
