// The edge half of the redirects app: a viewer-request CloudFront Function (cloudfront-js-2.0)
// associated with the store deployRedirects() fills. A path listed in the store answers a 301;
// other requests are split between two page variants by a cookie, set on first visit by the
// viewer-response function, and directories get index.html.
import cf from 'cloudfront';

const store = cf.kvs();

async function handler(event) {
  const request = event.request;
  let target;
  try {
    target = await store.get(request.uri);
  } catch (e) {
    // KeyNotFound: not a redirect.
  }
  if (target) {
    const host = request.headers.host ? request.headers.host.value : '';
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: target.startsWith('/') ? 'https://' + host + target : target } },
    };
  }
  const variant = request.cookies.variant ? request.cookies.variant.value : 'a';
  if (variant === 'b') request.uri = '/b' + request.uri;
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  console.log('variant ' + variant + ' ' + request.uri);
  return request;
}
