import cf from 'cloudfront';

// Developer Guide, example code: rewrite a request URI from a weighted configuration in the store,
// e.g. "latest": {"a_weightage": 0.8, "a_url": "v1", "b_url": "v2"}; a sticky cookie skips the store.
const KVS_ID = 'a1b2c3d4-5678-4abc-8def-0123456789ab';
const STICKY = 'appversion';

async function prefixFor(key) {
  const config = JSON.parse(await cf.kvs(KVS_ID).get(key));
  if (!config || !isFinite(config.a_weightage)) return null;
  return Math.random() <= config.a_weightage ? config.a_url || null : config.b_url || null;
}

async function handler(event) {
  const request = event.request;
  const segments = request.uri.split('/');
  const key = segments[1];
  const sticky = request.cookies[STICKY];
  if (!key || (sticky && sticky.value === key)) return request;
  try {
    const prefix = await prefixFor(key);
    if (!prefix) return request;
    segments[1] = prefix;
    request.uri = segments.join('/');
  } catch (err) {
    // Not configured: the request goes on unchanged.
  }
  return request;
}
