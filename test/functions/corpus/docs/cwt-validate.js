import cf from 'cloudfront';

// Developer Guide, CWT support: validateToken() on a token from the query string; claims are the function's to check.
const KEY = Buffer.from('403697de87af64611c1d32a05dab0fe1fcb715a86ab435f1ec99192d79569388', 'hex');

async function handler(event) {
  const request = event.request;
  const token = request.querystring.token;
  if (!token) return { statusCode: 401, statusDescription: 'Unauthorized' };
  try {
    const decoded = cf.cwt.validateToken(Buffer.from(token.value, 'base64url'), { key: KEY });
    if (decoded.payload['4'] < Math.floor(Date.now() / 1000)) return { statusCode: 401, statusDescription: 'Token expired' };
    console.log(`sub ${decoded.payload['2']}, alg ${decoded.protectedHeaders['1']}`);
  } catch (err) {
    console.log(`${err}`);
    return { statusCode: 401, statusDescription: 'Unauthorized' };
  }
  return request;
}
