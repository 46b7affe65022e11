// Viewer response: the security headers every page should carry, and no server fingerprint.
function handler(event) {
  var response = event.response;
  var headers = response.headers;
  headers['strict-transport-security'] = { value: 'max-age=31536000; includeSubDomains' };
  headers['x-content-type-options'] = { value: 'nosniff' };
  headers['referrer-policy'] = { value: 'strict-origin-when-cross-origin' };
  headers['content-security-policy'] = { value: "default-src 'self'; frame-ancestors 'none'" };
  if (!headers['x-frame-options']) headers['x-frame-options'] = { value: 'DENY' };
  delete headers.server;
  delete headers['x-powered-by'];
  return response;
}
