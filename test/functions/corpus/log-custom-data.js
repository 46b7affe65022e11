import cf from 'cloudfront';

// Adds the viewer's country and A/B variant to the access log line.
function handler(event) {
  const request = event.request;
  const country = request.headers['cloudfront-viewer-country'];
  const variant = request.cookies['ab-variant'];
  cf.logCustomData('first');
  cf.logCustomData(`country-${country ? country.value : 'XX'}.variant-${variant ? variant.value : 'none'}`);
  return request;
}
