import cf from 'cloudfront';

// Redirects the paths the store lists; a path it does not list goes on to the origin.
const redirects = cf.kvs();

async function handler(event) {
  const request = event.request;
  let target;
  try {
    target = await redirects.get(request.uri);
  } catch (err) {
    console.log(`no redirect for ${request.uri}: ${err}`);
    return request;
  }
  const location = target.startsWith('https://') ? target : `https://${request.headers.host.value}${target}`;
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: { location: { value: location }, 'cache-control': { value: 'max-age=3600' } },
  };
}
