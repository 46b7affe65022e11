import crypto from 'crypto';

// Signed links: the signature (last parameter, "sig") covers the path and the raw query before it.
const KEY = 'v2-url-key';
const forbidden = { statusCode: 403, statusDescription: 'Forbidden' };

function handler(event) {
  const request = event.request;
  const raw = request.rawQueryString();
  const at = raw ? raw.lastIndexOf('&sig=') : -1;
  if (at < 0) return forbidden;
  const expected = crypto.createHmac('sha256', KEY).update(`${request.uri}?${raw.slice(0, at)}`).digest('base64url');
  if (raw.slice(at + 5) !== expected) return forbidden;
  const exp = Number(request.querystring.exp ? request.querystring.exp.value : NaN);
  if (!(exp > Date.now() / 1000)) return { statusCode: 410, statusDescription: 'Gone' };
  delete request.querystring.sig;
  return request;
}
