/**
 * Both planes through the AWS CLI, as docs/server-clients.md says: `--endpoint-url` the server,
 * HTTP_PROXY the server (the data plane's host carries the account id), the KVS model from
 * AWS_DATA_PATH for a CLI older than the service. Each check asserts the output or the error code
 * the CLI prints, and where a write happened, the state the server holds.
 */
export async function runAwsCliChecks({ aws, url, env, admin, run, check, same, record }) {
  record(`aws: ${aws.version}`, true);
  // A CLI without the CRT cannot sign SigV4a: the data plane then goes unsigned (the server checks no signature).
  let unsigned = [];
  const cli = async (...args) => {
    const plane = args[0] === 'cloudfront-keyvaluestore' ? unsigned : [];
    let result = await run(aws.file, ['--endpoint-url', url, '--output', 'json', ...plane, ...args], { env });
    if (args[0] === 'cloudfront-keyvaluestore' && unsigned.length === 0 && /crt/i.test(result.stderr) && /sigv4a|install|dependency/i.test(result.stderr)) {
      unsigned = ['--no-sign-request'];
      record('aws: no CRT here, the data plane goes with --no-sign-request', true);
      result = await run(aws.file, ['--endpoint-url', url, '--output', 'json', ...unsigned, ...args], { env });
    }
    return { ...result, json: result.code === 0 && result.stdout.trim() ? JSON.parse(result.stdout) : undefined };
  };
  /** The CLI's exit code for a service error (254; 255 from CLI v1) and its line "An error occurred (Code) when calling ...". */
  const failsWith = async (args, code, text) => {
    const result = await cli(...args);
    const ok = (result.code === 254 || result.code === 255) && result.stderr.includes(`An error occurred (${code})`) && (text === undefined || result.stderr.includes(text));
    return ok || `exit ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`;
  };
  const key = 'k 1/ü';
  let arn;
  let etag;
  let stale;

  await check('aws: cloudfront create-key-value-store', async () => {
    const { json, stderr } = await cli('cloudfront', 'create-key-value-store', '--name', 'cli-store', '--comment', 'from the CLI');
    if (!json) return stderr;
    arn = json.KeyValueStore.ARN;
    return same([json.KeyValueStore.Name, json.KeyValueStore.Comment, json.KeyValueStore.Status, typeof json.ETag], ['cli-store', 'from the CLI', 'PROVISIONING', 'string']);
  });
  await check('aws: cloudfront create-key-value-store of an existing name: EntityAlreadyExists', () => failsWith(['cloudfront', 'create-key-value-store', '--name', 'cli-store'], 'EntityAlreadyExists'));
  await check('aws: cloudfront list-key-value-stores', async () => {
    const { json, stderr } = await cli('cloudfront', 'list-key-value-stores');
    return json ? json.KeyValueStoreList.Items.some((s) => s.Name === 'cli-store' && s.ARN === arn) || 'cli-store not listed' : stderr;
  });
  await check('aws: cloudfront-keyvaluestore describe-key-value-store', async () => {
    const { json, stderr } = await cli('cloudfront-keyvaluestore', 'describe-key-value-store', '--kvs-arn', arn);
    if (!json) return stderr;
    stale = json.ETag;
    return same([json.KvsARN, json.ItemCount, json.TotalSizeInBytes, json.ETag === (await admin.getStore(arn))?.ETag], [arn, 0, 0, true]);
  });
  await check('aws: cloudfront-keyvaluestore put-key, and the server holds it', async () => {
    const { json, stderr } = await cli('cloudfront-keyvaluestore', 'put-key', '--kvs-arn', arn, '--key', key, '--value', 'v1', '--if-match', stale);
    if (!json) return stderr;
    etag = json.ETag;
    const store = await admin.getStore(arn);
    return same([json.ItemCount, store?.ETag === etag, store?.Items], [1, true, { [key]: 'v1' }]);
  });
  await check('aws: cloudfront-keyvaluestore get-key', async () => {
    const { json, stderr } = await cli('cloudfront-keyvaluestore', 'get-key', '--kvs-arn', arn, '--key', key);
    return json ? same(json, { Key: key, Value: 'v1', ItemCount: 1, TotalSizeInBytes: Buffer.byteLength(key) + 2 + 1 }) : stderr;
  });
  await check('aws: put-key with a stale ETag: ValidationException, Pre-Condition failed, nothing changed', async () => {
    const verdict = await failsWith(['cloudfront-keyvaluestore', 'put-key', '--kvs-arn', arn, '--key', 'other', '--value', 'x', '--if-match', stale], 'ValidationException', 'Pre-Condition failed');
    return verdict === true ? same((await admin.getStore(arn))?.Items, { [key]: 'v1' }) : verdict;
  });
  await check('aws: get-key of a missing key: ResourceNotFoundException', () => failsWith(['cloudfront-keyvaluestore', 'get-key', '--kvs-arn', arn, '--key', 'missing'], 'ResourceNotFoundException'));
  await check('aws: update-keys then list-keys', async () => {
    const puts = JSON.stringify([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
    const updated = await cli('cloudfront-keyvaluestore', 'update-keys', '--kvs-arn', arn, '--if-match', etag, '--puts', puts, '--deletes', JSON.stringify([{ Key: key }]));
    if (!updated.json) return updated.stderr;
    const { json, stderr } = await cli('cloudfront-keyvaluestore', 'list-keys', '--kvs-arn', arn);
    return json ? same(json.Items, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]) : stderr;
  });
  await check('aws: cloudfront delete-key-value-store, then the data plane: ConflictException', async () => {
    const described = await cli('cloudfront', 'describe-key-value-store', '--name', 'cli-store');
    if (!described.json) return described.stderr;
    const deleted = await cli('cloudfront', 'delete-key-value-store', '--name', 'cli-store', '--if-match', described.json.ETag);
    if (deleted.code !== 0) return deleted.stderr;
    return failsWith(['cloudfront-keyvaluestore', 'describe-key-value-store', '--kvs-arn', arn], 'ConflictException');
  });
  await check('aws: cloudfront describe-key-value-store of the deleted store: EntityNotFound', () => failsWith(['cloudfront', 'describe-key-value-store', '--name', 'cli-store'], 'EntityNotFound'));
}
