import cf from 'cloudfront';

// Developer Guide, helper methods for CloudFront SaaS Manager properties: endpoint, tenant id, parameters.
function handler(event) {
  const request = event.request;
  console.log(`endpoint ${event.context.endpoint}`);
  try {
    console.log(`tenant ${cf.distributionTenant.id}`);
  } catch (err) {
    console.log(`no tenant: ${err}`);
    return request;
  }
  try {
    console.log(`plan ${cf.distributionTenant.parameters.get('plan')}`);
    console.log(`region ${cf.distributionTenant.parameters.get('region')}`);
  } catch (err) {
    console.log(`${err}`);
  }
  return request;
}
