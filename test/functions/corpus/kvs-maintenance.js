import cf from 'cloudfront';

// Maintenance mode switched from the store: {"enabled":true,"allowIps":[…],"retryAfter":900,"message":"…"}.
const settings = cf.kvs();

async function handler(event) {
  let config;
  try {
    config = await settings.get('maintenance', { format: 'json' });
  } catch (err) {
    return event.request;
  }
  if (!config.enabled) return event.request;
  const allowed = config.allowIps || [];
  if (allowed.includes(event.viewer.ip)) return event.request;
  return {
    statusCode: 503,
    statusDescription: 'Service Unavailable',
    headers: {
      'retry-after': { value: String(config.retryAfter ?? 600) },
      'content-type': { value: 'text/html; charset=utf-8' },
      'cache-control': { value: 'no-store' },
    },
    body: `<h1>${config.message || 'Back soon'}</h1>`,
  };
}
