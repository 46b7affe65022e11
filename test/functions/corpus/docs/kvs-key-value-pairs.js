import cf from 'cloudfront';

// Developer Guide, example code: use key-value pairs (the first path segment is looked up and replaced).
const kvsHandle = cf.kvs();

async function handler(event) {
  const request = event.request;
  const segments = request.uri.split('/');
  try {
    segments[1] = await kvsHandle.get(segments[1]);
    const rewritten = segments.join('/');
    console.log(`${request.uri} -> ${rewritten}`);
    request.uri = rewritten;
  } catch (err) {
    console.log(`${request.uri} | ${err}`);
  }
  return request;
}
