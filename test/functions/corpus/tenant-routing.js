import cf from 'cloudfront';

// Multi-tenant site: each tenant's content lives under its own prefix (a tenant parameter, else its id).
function handler(event) {
  const request = event.request;
  let tenant;
  try {
    tenant = cf.distributionTenant.id;
  } catch (err) {
    console.log(`standard distribution: ${err.message}`);
    return request;
  }
  let prefix;
  try {
    prefix = cf.distributionTenant.parameters.get('contentPrefix');
  } catch (err) {
    prefix = tenant;
  }
  request.uri = `/${prefix}${request.uri}`;
  request.headers['x-tenant-id'] = { value: tenant };
  request.headers['x-connection-endpoint'] = { value: event.context.endpoint ?? 'none' };
  return request;
}
