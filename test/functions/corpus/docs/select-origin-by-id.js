import cf from 'cloudfront';

// Developer Guide, helper methods for origin modification: selectRequestOriginById(), with and without options.
function handler(event) {
  const request = event.request;
  if (request.headers['x-beta']) cf.selectRequestOriginById('beta-origin', { hostHeader: 'beta.example.com' });
  else cf.selectRequestOriginById('main-origin');
  return request;
}
