// Time-limited download links: ?expires=<epoch seconds>&signature=<hex HMAC-SHA256 of "uri:expires">.
var crypto = require('crypto');
var KEY = 'url-signing-key';

function handler(event) {
  var request = event.request;
  var qs = request.querystring;
  if (!qs.expires || !qs.signature) return { statusCode: 403, statusDescription: 'Forbidden' };
  var expires = parseInt(qs.expires.value, 10);
  if (isNaN(expires) || expires * 1000 < Date.now()) return { statusCode: 410, statusDescription: 'Gone' };
  var expected = crypto.createHmac('sha256', KEY).update(request.uri + ':' + qs.expires.value).digest('hex');
  if (expected !== qs.signature.value) return { statusCode: 403, statusDescription: 'Forbidden' };
  delete qs.signature;
  delete qs.expires;
  return request;
}
