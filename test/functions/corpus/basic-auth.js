// Password-protects a staging site with HTTP Basic authentication (admin / s3cret).
var EXPECTED = 'Basic YWRtaW46czNjcmV0';

function handler(event) {
  var authorization = event.request.headers.authorization;
  if (authorization && authorization.value === EXPECTED) return event.request;
  return {
    statusCode: 401,
    statusDescription: 'Unauthorized',
    headers: { 'www-authenticate': { value: 'Basic realm="staging", charset="UTF-8"' } },
  };
}
