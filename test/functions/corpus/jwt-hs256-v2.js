import crypto from 'crypto';
import cf from 'cloudfront';

// Bearer tokens signed with HS256, the secret kept in the store under "jwt-secret".
const store = cf.kvs();
const denied = { statusCode: 401, statusDescription: 'Unauthorized', headers: { 'www-authenticate': { value: 'Bearer' } } };

function sameText(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

async function handler(event) {
  const request = event.request;
  const authorization = request.headers.authorization;
  if (!authorization || !authorization.value.startsWith('Bearer ')) return denied;
  const parts = authorization.value.slice(7).split('.');
  if (parts.length !== 3) return denied;
  let secret;
  try {
    secret = await store.get('jwt-secret');
  } catch (err) {
    console.log('no jwt-secret in the store');
    return denied;
  }
  const signature = crypto.createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url');
  if (!sameText(signature, parts[2])) return denied;
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  const now = Math.floor(Date.now() / 1000);
  if (claims.nbf && now < claims.nbf) return denied;
  if (claims.exp && now >= claims.exp) return denied;
  request.headers['x-jwt-sub'] = { value: `${claims.sub}` };
  delete request.headers.authorization;
  return request;
}
