import cf from 'cloudfront';

// Developer Guide, CWT support: generateToken() after a successful check, handed back in a cookie
// (the guide's argument order: the token's content, then the context).
const KEY = 'generate-key-for-docs-example';

function handler(event) {
  const now = Math.floor(Date.now() / 1000);
  const content = {
    protected: { 1: 5 },
    unprotected: {},
    payload: { 1: 'https://edge.example.com', 2: event.viewer.ip, 4: now + 300, 6: now },
  };
  const token = cf.cwt.generateToken(content, { coseTag: 'MAC0', cwtTag: true, key: KEY });
  const check = cf.cwt.validateToken(token, { key: KEY });
  console.log(`round trip sub ${check.payload['2']}`);
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: { location: { value: '/app/' } },
    cookies: { session: { value: token.toString('base64url'), attributes: 'Secure; HttpOnly; Path=/' } },
  };
}
