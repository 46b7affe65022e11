// Passes the viewer's location to the origin in the application's own headers.
var EU = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

function handler(event) {
  var headers = event.request.headers;
  var country = headers['cloudfront-viewer-country'] ? headers['cloudfront-viewer-country'].value : 'XX';
  var city = headers['cloudfront-viewer-city'] ? headers['cloudfront-viewer-city'].value : '';
  headers['x-geo-country'] = { value: country };
  if (city) headers['x-geo-city'] = { value: city };
  headers['x-eu-visitor'] = { value: EU.indexOf(country) >= 0 ? 'true' : 'false' };
  console.log('geo ' + country + (city ? ' ' + city : ''));
  return event.request;
}
