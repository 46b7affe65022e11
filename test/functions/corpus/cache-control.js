// Viewer response: a Cache-Control policy by status and content type, unless the origin set one.
function handler(event) {
  var response = event.response;
  var headers = response.headers;
  if (headers['cache-control']) return response;
  var type = headers['content-type'] ? headers['content-type'].value : '';
  var policy;
  if (response.statusCode >= 200 && response.statusCode < 400) {
    policy = type.indexOf('text/html') === 0 ? 'no-cache' : 'public, max-age=31536000, immutable';
  } else {
    policy = 'no-store';
  }
  headers['cache-control'] = { value: policy };
  return response;
}
