import cf from 'cloudfront';

// Beta testers (cookie "beta" listed in the store as "beta:<id>") see the /beta build.
const flags = cf.kvs();

async function handler(event) {
  const request = event.request;
  const beta = request.cookies.beta;
  if (beta && (await flags.exists(`beta:${beta.value}`))) request.uri = `/beta${request.uri}`;
  const meta = await flags.meta();
  request.headers['x-flag-count'] = { value: `${meta.keyCount}` };
  return request;
}
