import cf from 'cloudfront';

// Developer Guide, use async and await: sequential awaits in the handler and in a helper, and a .then chain.
const kvs = cf.kvs();

async function lookup(key, fallback) {
  try {
    return await kvs.get(key);
  } catch (err) {
    return fallback;
  }
}

async function handler(event) {
  const request = event.request;
  const language = await lookup(`lang:${request.headers['cloudfront-viewer-country'] ? request.headers['cloudfront-viewer-country'].value : 'XX'}`, 'en');
  const version = await lookup('site-version', 'v1');
  const suffix = await Promise.resolve(request.uri).then((uri) => (uri.endsWith('/') ? 'index.html' : ''));
  request.uri = `/${version}/${language}${request.uri}${suffix}`;
  return request;
}
