import cf from 'cloudfront';

// Developer Guide, helper methods for origin modification: createRequestOriginGroup().
function handler(event) {
  if (event.request.uri.startsWith('/live/')) {
    cf.createRequestOriginGroup({
      originIds: [{ originId: 'origin-1', originOverrides: { hostHeader: 'one.example.com' } }, 'origin-2'],
      failoverCriteria: { statusCodes: [500, 502] },
    });
  } else {
    cf.createRequestOriginGroup({ originIds: ['origin-1', 'origin-2'], failoverCriteria: { statusCodes: [403, 404] } });
  }
  return event.request;
}
