import crypto from 'crypto';
import cf from 'cloudfront';

// Developer Guide, example code: validate a simple token (HS256 JWT in ?jwt=, secret in the store).
const unauthorized = { statusCode: 401, statusDescription: 'Unauthorized' };

function verify(token, secret) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('Not enough or too many segments');
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url'));
  const expected = crypto.createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url');
  if (expected !== parts[2]) throw new Error('Signature verification failed');
  if (claims.nbf && Date.now() < claims.nbf * 1000) throw new Error('Token not yet active');
  if (claims.exp && Date.now() > claims.exp * 1000) throw new Error('Token expired');
}

async function handler(event) {
  const request = event.request;
  let secret;
  try {
    secret = await cf.kvs().get('jwt.secret');
  } catch (err) {
    return unauthorized;
  }
  if (!request.querystring.jwt) return unauthorized;
  try {
    verify(request.querystring.jwt.value, secret);
  } catch (err) {
    console.log(`${err}`);
    return unauthorized;
  }
  delete request.querystring.jwt;
  console.log('Valid JWT token');
  return request;
}
