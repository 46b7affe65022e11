// No test may reach for credentials or the network: clear every AWS variable and turn off IMDS.
// The one exception is the opt-in AWS target of the conformance suite (docs/conformance.md).
if (process.env['KVS_TARGET'] !== 'aws') {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('AWS_')) delete process.env[name];
  }
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_CONFIG_FILE = '/nonexistent/cloudfront-kvs-mock/config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/cloudfront-kvs-mock/credentials';
}
// The SDK's notice that its 2027 releases need Node 22 says nothing about our tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
