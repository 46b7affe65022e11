// Checks an HS256 JSON Web Token from a cookie or a Bearer header (runtime 1.0: byte strings).
var crypto = require('crypto');
var SECRET = 'corpus-secret-1';

function decodeJson(segment) {
  return JSON.parse(String.bytesFrom(segment, 'base64url'));
}

function unauthorized(reason) {
  console.log('jwt rejected: ' + reason);
  return { statusCode: 401, statusDescription: 'Unauthorized', headers: { 'cache-control': { value: 'no-store' } } };
}

function handler(event) {
  var request = event.request;
  var cookie = request.cookies.token;
  var header = request.headers.authorization;
  var token = '';
  if (cookie) token = cookie.value;
  else if (header && header.value.indexOf('Bearer ') === 0) token = header.value.slice(7);
  if (!token) return unauthorized('missing');
  var parts = token.split('.');
  if (parts.length !== 3) return unauthorized('malformed');
  var head;
  var claims;
  try {
    head = decodeJson(parts[0]);
    claims = decodeJson(parts[1]);
  } catch (e) {
    return unauthorized('undecodable');
  }
  if (head.alg !== 'HS256') return unauthorized('alg ' + head.alg);
  var expected = crypto.createHmac('sha256', SECRET).update(parts[0] + '.' + parts[1]).digest('base64url');
  if (expected !== parts[2]) return unauthorized('signature');
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return unauthorized('expired');
  request.headers['x-user-id'] = { value: String(claims.sub) };
  return request;
}
