// A project with two copies of @aws-sdk/client-cloudfront: its own, and an older one nested
// under a tool it depends on (node_modules/legacy-tool/node_modules). install() must reach
// clients of both, and a nested copy's error must be of that copy's own class.
const assert = require('node:assert/strict');
const { createKvsSimulator } = require('cloudfront-kvs-mock');
const own = require('@aws-sdk/client-cloudfront');
const nested = require('./node_modules/legacy-tool/node_modules/@aws-sdk/client-cloudfront');

(async () => {
  assert.notEqual(own.CloudFrontClient, nested.CloudFrontClient, 'two copies are loaded');
  const kvs = createKvsSimulator();
  kvs.install();
  try {
    for (const [name, sdk] of [['own', own], ['nested', nested]]) {
      const client = new sdk.CloudFrontClient({});
      await client.send(new sdk.CreateKeyValueStoreCommand({ Name: `store-${name}` }));
      const error = await client.send(new sdk.DescribeKeyValueStoreCommand({ Name: 'missing' })).catch((e) => e);
      assert.ok(error instanceof sdk.EntityNotFound, `${name} copy: the error is that copy's EntityNotFound`);
      console.log(`${name} copy (${require(`${name === 'own' ? '' : './node_modules/legacy-tool/node_modules/'}@aws-sdk/client-cloudfront/package.json`).version}): answered by the simulator`);
    }
    assert.deepEqual(kvs.calls('CreateKeyValueStore').map((c) => c.input.Name), ['store-own', 'store-nested']);
  } finally {
    kvs.restore();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
