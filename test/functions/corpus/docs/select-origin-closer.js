import cf from 'cloudfront';

// Developer Guide, example code: select the origin closer to the viewer (S3 with origin access control).
const REGIONS = { DE: 'eu-central-1', IE: 'eu-west-1', GB: 'eu-west-2', FR: 'eu-west-3', JP: 'ap-northeast-1', IN: 'ap-south-1' };

function handler(event) {
  const request = event.request;
  const header = request.headers['cloudfront-viewer-country'];
  const region = (header && REGIONS[header.value]) || 'us-east-1';
  cf.updateRequestOrigin({
    domainName: `cloudfront-functions-demo-bucket-in-${region}.s3.${region}.amazonaws.com`,
    originAccessControlConfig: { enabled: true, region: region, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' },
  });
  return request;
}
