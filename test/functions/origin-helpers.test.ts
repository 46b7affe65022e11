import { describe, expect, test } from '@jest/globals';
import { runFunction, viewerRequestEvent } from '../../src';
import { throughTestFunction } from './through-test-function';

const event = viewerRequestEvent({ uri: '/img/a.png', headers: { 'cloudfront-viewer-country': 'DE' } });
const cf = (body: string) => runFunction({ code: `import cf from 'cloudfront';\nfunction handler(event) {\n${body}\nreturn event.request; }`, event });

/** Origin selection by country, as AWS's own sample does it: an OAC config that names its region. */
const BY_COUNTRY = `import cf from 'cloudfront';
function handler(event) {
  const country = event.request.headers['cloudfront-viewer-country'] && event.request.headers['cloudfront-viewer-country'].value;
  if (country === 'DE') {
    cf.updateRequestOrigin({
      domainName: 'assets-eu.s3.eu-central-1.amazonaws.com',
      originAccessControlConfig: { enabled: true, region: 'eu-central-1', signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' },
    });
  }
  return event.request;
}`;

describe('updateRequestOrigin(): the documented members (F18)', () => {
  test('originAccessControlConfig.region is accepted (the select-origin-based-on-country shape)', async () => {
    const result = runFunction({ code: BY_COUNTRY, event });
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.originCalls).toEqual([
      { method: 'updateRequestOrigin', argument: { domainName: 'assets-eu.s3.eu-central-1.amazonaws.com', originAccessControlConfig: { enabled: true, region: 'eu-central-1', signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' } } },
    ]);
    const tested = await throughTestFunction(BY_COUNTRY, event);
    expect(tested.FunctionErrorMessage).toBe('');
  });

  test('every documented member at once: no error, no warning', () => {
    const all = {
      domainName: 'origin.example.com',
      hostHeader: 'origin.example.com',
      originPath: '/v2',
      customHeaders: { 'x-origin-key': 'secret' },
      connectionAttempts: 3,
      originShield: { enabled: true, region: 'us-east-1' },
      originAccessControlConfig: { enabled: false },
      timeouts: { readTimeout: 30, keepAliveTimeout: 5, connectionTimeout: 10 },
      customOriginConfig: { port: 443, protocol: 'https', sslProtocols: ['TLSv1.2'] },
      sni: 'origin.example.com',
      allowedCertificateNames: ['origin.example.com', '*.example.com'],
      mTLSConfig: 'off',
    };
    const result = cf(`cf.updateRequestOrigin(${JSON.stringify(all)});`);
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.originCalls).toEqual([{ method: 'updateRequestOrigin', argument: all }]);
    expect(cf("cf.updateRequestOrigin({ mTLSConfig: 'inherit' });").error).toBeUndefined();
  });

  test('a member no documentation shows is a warning, not an error', () => {
    const result = cf("cf.updateRequestOrigin({ domainName: 'a.example.com', ipAddressType: 'dualstack', originShield: { enabled: false, tier: 1 } });");
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([
      'updateRequestOrigin(): unknown member ipAddressType (known: domainName, hostHeader, originPath, customHeaders, connectionAttempts, originShield, originAccessControlConfig, timeouts, customOriginConfig, sni, allowedCertificateNames, mTLSConfig)',
      'updateRequestOrigin(): unknown member originShield.tier (known: enabled, region)',
    ]);
    expect(result.originCalls).toHaveLength(1);
  });

  test.each([
    ["cf.updateRequestOrigin({ mTLSConfig: 'on' })", 'updateRequestOrigin(): mTLSConfig must be one of inherit, off'],
    ["cf.updateRequestOrigin({ sni: '' })", 'updateRequestOrigin(): sni must be a non-empty string'],
    ["cf.updateRequestOrigin({ hostHeader: 5 })", 'updateRequestOrigin(): hostHeader must be a non-empty string'],
    ["cf.updateRequestOrigin({ allowedCertificateNames: 'a.example.com' })", 'updateRequestOrigin(): allowedCertificateNames must be a non-empty array of certificate names'],
    ["cf.updateRequestOrigin({ originAccessControlConfig: { enabled: true, region: 7, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' } })", 'updateRequestOrigin(): originAccessControlConfig.region must be a non-empty string'],
    ["cf.updateRequestOrigin({ originAccessControlConfig: { enabled: true, signingBehavior: 'sometimes', signingProtocol: 'sigv4', originType: 's3' } })", 'updateRequestOrigin(): originAccessControlConfig.signingBehavior must be one of always, never, no-override'],
    ['cf.updateRequestOrigin()', 'updateRequestOrigin(): takes an object of origin properties'],
  ])('a documented member with an invalid value fails the function: %s', (body, message) => {
    const result = cf(body);
    expect(result.error).toEqual({ name: 'TypeError', message });
    expect(result.originCalls).toEqual([]);
  });
});

describe('selectRequestOriginById(id, options?) (F18)', () => {
  test('the id alone, or with hostHeader, sni and allowedCertificateNames', () => {
    const result = cf("cf.selectRequestOriginById('eu-origin'); cf.selectRequestOriginById('mtls-origin', { hostHeader: 'api.example.com', sni: 'api.example.com', allowedCertificateNames: ['api.example.com'] });");
    expect(result.error).toBeUndefined();
    expect(result.originCalls).toEqual([
      { method: 'selectRequestOriginById', argument: 'eu-origin' },
      { method: 'selectRequestOriginById', argument: 'mtls-origin', options: { hostHeader: 'api.example.com', sni: 'api.example.com', allowedCertificateNames: ['api.example.com'] } },
    ]);
  });

  test('an unknown option is a warning; an invalid one an error', () => {
    const warned = cf("cf.selectRequestOriginById('o', { domainName: 'x.example.com' });");
    expect(warned.error).toBeUndefined();
    expect(warned.warnings).toEqual(['selectRequestOriginById(): unknown member domainName (known: hostHeader, sni, allowedCertificateNames)']);
    expect(cf("cf.selectRequestOriginById('o', { sni: 1 });").error).toEqual({ name: 'TypeError', message: 'selectRequestOriginById(): sni must be a non-empty string' });
    expect(cf("cf.selectRequestOriginById('o', 'x');").error?.message).toBe('selectRequestOriginById(): its second argument must be { hostHeader?, sni?, allowedCertificateNames? }');
  });
});

describe('createRequestOriginGroup() (F18)', () => {
  test('origin ids as strings or { originId, originOverrides }', () => {
    const group = { originIds: ['primary', { originId: 'backup', originOverrides: { hostHeader: 'backup.example.com', mTLSConfig: 'off' } }], selectionCriteria: 'media-quality-score', failoverCriteria: { statusCodes: [500, 503] } };
    const result = cf(`cf.createRequestOriginGroup(${JSON.stringify(group)});`);
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.originCalls).toEqual([{ method: 'createRequestOriginGroup', argument: group }]);
  });

  test('unknown members of the overrides, the entries and the criteria are warnings', () => {
    const result = cf("cf.createRequestOriginGroup({ originIds: [{ originId: 'a', weight: 1, originOverrides: { port: 8443 } }, 'b'], failoverCriteria: { statusCodes: [502], methods: ['GET'] } });");
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([
      'createRequestOriginGroup(): unknown member originIds[0].weight (known: originId, originOverrides)',
      expect.stringMatching(/^createRequestOriginGroup\(\): unknown member originIds\[0\]\.originOverrides\.port \(known: domainName, /),
      'createRequestOriginGroup(): unknown member failoverCriteria.methods (known: statusCodes)',
    ]);
  });

  test.each([
    ["{ originIds: ['a', 'b', 'c'], failoverCriteria: { statusCodes: [500] } }", 'createRequestOriginGroup(): originIds must be two origins (primary, then failover), each an id or { originId, originOverrides? }'],
    ["{ originIds: ['a', { originOverrides: {} }], failoverCriteria: { statusCodes: [500] } }", 'createRequestOriginGroup(): originIds[1].originId must be a non-empty string'],
    ["{ originIds: ['a', 5], failoverCriteria: { statusCodes: [500] } }", 'createRequestOriginGroup(): originIds[1] must be an origin id or { originId, originOverrides? }'],
    ["{ originIds: ['a', { originId: 'b', originOverrides: { connectionAttempts: 9 } }], failoverCriteria: { statusCodes: [500] } }", 'createRequestOriginGroup(): originIds[1].originOverrides.connectionAttempts must be an integer from 1 to 3'],
    ["{ originIds: ['a', 'b'] }", 'createRequestOriginGroup(): failoverCriteria.statusCodes must be a non-empty array of status codes'],
    ["{ originIds: ['a', 'b'], failoverCriteria: { statusCodes: [500] }, selectionCriteria: 'fastest' }", 'createRequestOriginGroup(): selectionCriteria must be one of default, media-quality-score'],
  ])('an invalid group fails the function: %s', (arg, message) => {
    expect(cf(`cf.createRequestOriginGroup(${arg});`).error).toEqual({ name: 'TypeError', message });
  });
});

test('TestFunction does not show origin calls or warnings, and an unknown member does not fail it', async () => {
  const code = "import cf from 'cloudfront';\nfunction handler(event) { cf.updateRequestOrigin({ domainName: 'a.example.com', futureMember: true }); return event.request; }";
  const tested = await throughTestFunction(code, event);
  expect(tested.FunctionErrorMessage).toBe('');
  expect(Object.keys(tested).sort()).toEqual(['ComputeUtilization', 'FunctionErrorMessage', 'FunctionExecutionLogs', 'FunctionOutput', 'FunctionSummary']);
  expect(runFunction({ code, event }).warnings).toHaveLength(1);
});
