// No test may reach for credentials or the network: clear every AWS variable and turn off IMDS.
for (const name of Object.keys(process.env)) {
  if (name.startsWith('AWS_')) delete process.env[name];
}
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_CONFIG_FILE = '/nonexistent/cloudfront-kvs-mock/config';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/cloudfront-kvs-mock/credentials';
