import cf from 'cloudfront';

// Developer Guide, helper methods for origin modification: updateRequestOrigin() with the documented members.
function handler(event) {
  const request = event.request;
  if (request.uri.startsWith('/s3/')) {
    cf.updateRequestOrigin({
      domainName: 'assets-bucket.s3.us-west-2.amazonaws.com',
      originAccessControlConfig: { enabled: true, signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' },
      customHeaders: {},
    });
  } else if (request.uri.startsWith('/alb/')) {
    cf.updateRequestOrigin({
      domainName: 'api.internal.example.com',
      originPath: '/v2',
      customHeaders: { 'x-origin-secret': 'abc123' },
      connectionAttempts: 2,
      originShield: { enabled: true, region: 'us-east-1' },
      timeouts: { readTimeout: 30, connectionTimeout: 5 },
      customOriginConfig: { port: 443, protocol: 'https', sslProtocols: ['TLSv1.2'] },
    });
  } else if (request.uri.startsWith('/mtls/')) {
    cf.updateRequestOrigin({
      domainName: 'secure.example.com',
      hostHeader: 'secure.example.com',
      sni: 'secure.example.com',
      allowedCertificateNames: ['secure.example.com'],
      mTLSConfig: 'inherit',
    });
  }
  return request;
}
