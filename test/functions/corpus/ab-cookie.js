// A/B test of the home page: a valid variant cookie wins, else the viewer's address picks a sticky bucket.
var crypto = require('crypto');

function handler(event) {
  var request = event.request;
  var cookie = request.cookies['ab-variant'];
  var variant = cookie && (cookie.value === 'a' || cookie.value === 'b') ? cookie.value : '';
  if (!variant) {
    var bucket = parseInt(crypto.createHash('md5').update(event.viewer.ip).digest('hex').slice(0, 2), 16);
    variant = bucket < 128 ? 'a' : 'b';
    request.cookies['ab-variant'] = { value: variant };
  }
  if (request.uri === '/' || request.uri === '/index.html') request.uri = '/' + variant + '/index.html';
  return request;
}
