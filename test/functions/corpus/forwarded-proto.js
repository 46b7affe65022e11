// Tells the origin the viewer used HTTPS. A common mistake: CloudFront does not let functions set
// X-Forwarded-Proto, so in production every request fails with a 502.
function handler(event) {
  var request = event.request;
  request.headers['x-forwarded-proto'] = { value: 'https' };
  return request;
}
