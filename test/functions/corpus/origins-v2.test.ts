import { describe, expect, it } from '@jest/globals';
import { viewerRequestEvent } from '../../../src';
import { forwarded, outputOf, run, V2, values } from './corpus';

// Runtime 2.0 functions that choose the origin (F15, F18) or read cf.edgeLocation.

describe('select-origin-country (2.0): updateRequestOrigin with originAccessControlConfig.region (F18)', () => {
  it.each([
    ['JP', 'ap-northeast-1'],
    ['FR', 'eu-west-3'],
    ['BR', 'us-east-1'],
  ])('a viewer in %s is served from the bucket in %s', (country, region) => {
    const event = viewerRequestEvent({ uri: '/video/intro.mp4', headers: { 'cloudfront-viewer-country': country } });
    const result = run('select-origin-country', V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.originCalls).toEqual([
      {
        method: 'updateRequestOrigin',
        argument: {
          domainName: `media-${region}.s3.${region}.amazonaws.com`,
          originAccessControlConfig: { enabled: true, region, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' },
        },
      },
    ]);
  });
});

describe('origin-by-path (2.0): selectRequestOriginById', () => {
  it.each([
    ['/api/users/7', 'api-alb', '/users/7'],
    ['/media/cat.jpg', 'media-bucket', '/cat.jpg'],
  ])('%s goes to %s as %s', (uri, originId, rest) => {
    const event = viewerRequestEvent({ uri });
    const result = run('origin-by-path', V2, event);
    expect(outputOf(result)).toEqual(forwarded(event, { uri: rest }));
    expect(result.originCalls).toEqual([{ method: 'selectRequestOriginById', argument: originId }]);
  });

  it('leaves other paths on the default origin', () => {
    const event = viewerRequestEvent({ uri: '/index.html' });
    const result = run('origin-by-path', V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.originCalls).toEqual([]);
  });
});

describe('origin-failover (2.0): createRequestOriginGroup', () => {
  it('builds a failover group for checkout requests', () => {
    const event = viewerRequestEvent({ method: 'POST', uri: '/checkout/pay' });
    const result = run('origin-failover', V2, event);
    expect(outputOf(result)).toEqual(forwarded(event));
    expect(result.originCalls).toEqual([
      {
        method: 'createRequestOriginGroup',
        argument: { originIds: ['checkout-us-east-1', 'checkout-us-west-2'], selectionCriteria: 'default', failoverCriteria: { statusCodes: [500, 502, 503, 504] } },
      },
    ]);
  });

  it('does nothing for other requests', () => {
    expect(run('origin-failover', V2, viewerRequestEvent({ uri: '/' })).originCalls).toEqual([]);
  });
});

describe('edge-served-by (2.0): cf.edgeLocation', () => {
  it('names the edge location and its Regional Edge Cache', () => {
    const event = viewerRequestEvent();
    const result = run('edge-served-by', V2, event, { edgeLocation: { name: 'NRT', serverIp: '192.0.2.80', region: 'ap-northeast-1' } });
    expect(outputOf(result)).toEqual(forwarded(event, { headers: values({ host: 'www.example.com', 'x-served-by': 'NRT-ap-northeast-1' }) }));
  });
});
