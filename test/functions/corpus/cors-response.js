// Viewer response: CORS headers for the company's own sites, when the origin did not set them.
var ALLOWED = /^https:\/\/([a-z0-9-]+\.)*example\.com$/;

function handler(event) {
  var origin = event.request.headers.origin;
  var response = event.response;
  var headers = response.headers;
  if (!origin || !ALLOWED.test(origin.value) || headers['access-control-allow-origin']) return response;
  headers['access-control-allow-origin'] = { value: origin.value };
  headers['access-control-allow-credentials'] = { value: 'true' };
  headers['access-control-expose-headers'] = { value: 'etag, x-request-id' };
  headers.vary = { value: headers.vary ? headers.vary.value + ', Origin' : 'Origin' };
  return response;
}
