import cf from 'cloudfront';

// Checkout traffic fails over to a second Region when the primary answers a server error.
function handler(event) {
  const request = event.request;
  if (request.uri.startsWith('/checkout/')) {
    cf.createRequestOriginGroup({
      originIds: ['checkout-us-east-1', 'checkout-us-west-2'],
      selectionCriteria: 'default',
      failoverCriteria: { statusCodes: [500, 502, 503, 504] },
    });
  }
  return request;
}
