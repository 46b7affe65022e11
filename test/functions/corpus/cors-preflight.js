// Answers CORS preflight requests at the edge for the origins the API trusts.
var ALLOWED_ORIGINS = ['https://app.example.com', 'https://admin.example.com'];

function handler(event) {
  var request = event.request;
  if (request.method !== 'OPTIONS') return request;
  var origin = request.headers.origin ? request.headers.origin.value : '';
  if (ALLOWED_ORIGINS.indexOf(origin) < 0) return { statusCode: 403, statusDescription: 'Forbidden' };
  var requested = request.headers['access-control-request-headers'];
  return {
    statusCode: 204,
    statusDescription: 'No Content',
    headers: {
      'access-control-allow-origin': { value: origin },
      'access-control-allow-methods': { value: 'GET, HEAD, POST, PUT, DELETE, OPTIONS' },
      'access-control-allow-headers': { value: requested ? requested.value : 'content-type' },
      'access-control-max-age': { value: '86400' },
      vary: { value: 'Origin' },
    },
  };
}
