import cf from 'cloudfront';

// Tells the origin which edge location and Regional Edge Cache handled the request.
function handler(event) {
  const request = event.request;
  const edge = cf.edgeLocation;
  request.headers['x-served-by'] = { value: `${edge.name}-${edge.region}` };
  return request;
}
