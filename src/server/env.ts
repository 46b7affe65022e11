/** The environment a child process needs to reach the server with unmodified AWS clients. */

/**
 * Variables for a child process (an application, a script, the AWS CLI): the endpoint for the
 * package's own preload and for the SDKs that read `AWS_ENDPOINT_URL_*`, a proxy for the clients
 * that put the account id in front of the host (botocore, the AWS CLI, Go), a region, and
 * placeholder credentials (never checked) so that signing clients do not go looking for real ones.
 */
export function childEnvironment(url: string, proxyHost: string, port: number): Record<string, string> {
  const proxy = `http://${proxyHost.includes(':') ? `[${proxyHost}]` : proxyHost}:${port}`;
  return {
    CLOUDFRONT_KVS_MOCK_ENDPOINT: url,
    AWS_ENDPOINT_URL_CLOUDFRONT: url,
    AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE: url,
    HTTP_PROXY: proxy,
    http_proxy: proxy,
    AWS_SIGV4A_SIGNING_REGION_SET: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDKVSMOCKSERVER00',
    AWS_SECRET_ACCESS_KEY: 'cloudfront-kvs-mock-server-placeholder',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
