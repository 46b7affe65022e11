import cf from 'cloudfront';

// Media from the bucket in the viewer's region, signed with origin access control.
const REGION_BY_COUNTRY = { JP: 'ap-northeast-1', KR: 'ap-northeast-2', DE: 'eu-central-1', FR: 'eu-west-3', GB: 'eu-west-2' };

function handler(event) {
  const request = event.request;
  const country = request.headers['cloudfront-viewer-country'];
  const region = (country && REGION_BY_COUNTRY[country.value]) || 'us-east-1';
  cf.updateRequestOrigin({
    domainName: `media-${region}.s3.${region}.amazonaws.com`,
    originAccessControlConfig: { enabled: true, region, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' },
  });
  return request;
}
