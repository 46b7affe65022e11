// Sends visitors of some countries from the home page to their localised home page.
var HOME_BY_COUNTRY = { DE: '/de/', FR: '/fr/', JP: '/ja/' };

function handler(event) {
  var request = event.request;
  var country = request.headers['cloudfront-viewer-country'];
  if (!country || request.uri !== '/') return request;
  var home = HOME_BY_COUNTRY[country.value];
  if (!home) return request;
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: {
      location: { value: `https://${request.headers.host.value}${home}` },
      'cache-control': { value: 'private, max-age=0' },
    },
  };
}
