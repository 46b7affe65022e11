// Developer Guide, example code: redirect viewers from one country to a localised page.
async function handler(event) {
  const request = event.request;
  const country = request.headers['cloudfront-viewer-country'];
  if (country && country.value === 'DE') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: `https://${request.headers.host.value}/de/index.html` } } };
  }
  return request;
}
