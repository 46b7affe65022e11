import cf from 'cloudfront';

// A CBOR Web Token session cookie (base64url), MAC-checked with the key from the store; exp is ours to check.
const store = cf.kvs();

function deny(reason) {
  console.log(`cwt ${reason}`);
  return { statusCode: 403, statusDescription: 'Forbidden', headers: { 'cache-control': { value: 'no-store' } } };
}

async function handler(event) {
  const request = event.request;
  const cookie = request.cookies['cwt-session'];
  if (!cookie) return deny('missing');
  const key = await store.get('cwt-key');
  let token;
  try {
    token = await cf.cwt.validateToken(Buffer.from(cookie.value, 'base64url'), { key });
  } catch (err) {
    return deny('invalid');
  }
  const expires = token.payload['4'];
  if (typeof expires !== 'number' || expires <= Date.now() / 1000) return deny('expired');
  request.headers['x-cwt-sub'] = { value: String(token.payload['2']) };
  return request;
}
