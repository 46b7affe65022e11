import cf from 'cloudfront';

// Developer Guide, helper methods for key value stores: get() in each format, exists(), meta(), cf.kvs(id).
const kvs = cf.kvs('a1b2c3d4-5678-4abc-8def-0123456789ab');

async function handler(event) {
  const text = await kvs.get('greeting');
  const same = await kvs.get('greeting', { format: 'string' });
  const config = await kvs.get('config', { format: 'json' });
  const bytes = await kvs.get('greeting', { format: 'bytes' });
  const known = await kvs.exists('greeting');
  const unknown = await kvs.exists('nothing-here');
  const meta = await kvs.meta();
  console.log(`${text}|${same}|${config.mode}:${config.limit}|${bytes.length}:${bytes[0]}|${known}|${unknown}|${meta.keyCount}`);
  try {
    await kvs.get('nothing-here');
  } catch (err) {
    console.log(`${err}`);
  }
  return event.request;
}
