import { describe, expect, it } from '@jest/globals';
import { createKvsSimulator, type KvsSimulator } from '../../src';
import { BINDINGS } from '../../src/wire/bindings';
import { answerWire, encodeOutput, type WireRequest } from '../../src/wire';
import { route } from '../../src/wire/router';
import { parseXml } from '../../src/wire/xml';

/**
 * The wire layer alone: raw HTTP requests of both planes, as the SDK serializes them, answered
 * by a simulator with the responses AWS sends (status, headers, body), success and error.
 */

const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const ACCOUNT = '123456789012';
const text = (body: Uint8Array) => new TextDecoder().decode(body);
const json = (body: Uint8Array) => JSON.parse(text(body));
const xml = (root: string, inner: string) => `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${XMLNS}">${inner}</${root}>`;
const enc = encodeURIComponent;

async function ask(kvs: KvsSimulator, request: Partial<WireRequest> & { method: string; path: string }) {
  const exchange = await answerWire(kvs, { headers: {}, ...request }, { accountId: ACCOUNT });
  if (!exchange) throw new Error(`not routed: ${request.method} ${request.path}`);
  return exchange.response;
}

function fixture() {
  const kvs = createKvsSimulator({ seed: 'wire' });
  const arn = kvs.seedStore({ name: 'store', items: { k: 'v', 'a b': '1' } });
  const store = () => kvs.getStore(arn)!;
  return { kvs, arn, store, keys: `/key-value-stores/${enc(arn)}/keys` };
}

describe('the data plane at the wire (restJson1)', () => {
  it('answers all six operations as AWS does', async () => {
    const { kvs, arn, store, keys } = fixture();
    const describe = await ask(kvs, { method: 'GET', path: `/key-value-stores/${enc(arn)}` });
    expect(describe.statusCode).toBe(200);
    expect(describe.headers).toMatchObject({ etag: store().ETag, 'content-type': 'application/json', 'x-amzn-requestid': expect.any(String) });
    expect(json(describe.body)).toEqual({ ItemCount: 2, TotalSizeInBytes: store().TotalSizeInBytes, KvsARN: arn, Created: store().Created.getTime() / 1000, LastModified: store().LastModified.getTime() / 1000, Status: 'READY' });

    const get = await ask(kvs, { method: 'GET', path: `${keys}/${enc('a b')}` });
    expect([get.statusCode, json(get.body)]).toEqual([200, { Key: 'a b', Value: '1', ItemCount: 2, TotalSizeInBytes: store().TotalSizeInBytes }]);

    const list = await ask(kvs, { method: 'GET', path: keys, query: { MaxResults: '1' } });
    const page = json(list.body);
    expect(page.Items).toEqual([{ Key: 'a b', Value: '1' }]);
    const next = await ask(kvs, { method: 'GET', path: `${keys}?NextToken=${enc(page.NextToken)}` });
    expect(json(next.body)).toEqual({ Items: [{ Key: 'k', Value: 'v' }] });

    const put = await ask(kvs, { method: 'PUT', path: `${keys}/new`, headers: { 'if-match': store().ETag, 'content-type': 'application/json' }, body: new TextEncoder().encode('{"Value":"w"}') });
    expect(put.statusCode).toBe(200);
    expect(put.headers['etag']).toBe(store().ETag);
    expect(json(put.body)).toEqual({ ItemCount: 3, TotalSizeInBytes: store().TotalSizeInBytes });

    const del = await ask(kvs, { method: 'DELETE', path: `${keys}/new`, headers: { 'If-Match': store().ETag } });
    expect([del.statusCode, del.headers['etag'], json(del.body)]).toEqual([200, store().ETag, { ItemCount: 2, TotalSizeInBytes: store().TotalSizeInBytes }]);

    const update = await ask(kvs, { method: 'POST', path: keys, headers: { 'if-match': store().ETag }, body: JSON.stringify({ Puts: [{ Key: 'x', Value: 'y' }], Deletes: [{ Key: 'k' }] }) });
    expect([update.statusCode, update.headers['etag'], json(update.body)]).toEqual([200, store().ETag, { ItemCount: 2, TotalSizeInBytes: store().TotalSizeInBytes }]);
    expect(store().Items).toEqual({ 'a b': '1', x: 'y' });
  });

  it('answers errors with x-amzn-errortype and a JSON Message, for every operation', async () => {
    const { kvs, arn, keys } = fixture();
    const missing = `/key-value-stores/${enc(arn.replace(/.{4}$/, '0000'))}`;
    const cases: Array<[Partial<WireRequest> & { method: string; path: string }, number, string]> = [
      [{ method: 'GET', path: missing }, 404, 'ResourceNotFoundException'],
      [{ method: 'GET', path: `${keys}/nope` }, 404, 'ResourceNotFoundException'],
      [{ method: 'GET', path: keys, query: { MaxResults: '0' } }, 400, 'ValidationException'],
      [{ method: 'PUT', path: `${keys}/k`, headers: { 'if-match': 'KVSTALE' }, body: '{"Value":"w"}' }, 400, 'ValidationException'],
      [{ method: 'DELETE', path: `${missing}/keys/k`, headers: { 'if-match': 'KVX' } }, 404, 'ResourceNotFoundException'],
      [{ method: 'POST', path: keys, headers: { 'if-match': 'KVX' }, body: '{"Puts":[]}' }, 400, 'ValidationException'],
      [{ method: 'POST', path: keys, body: '{"Puts":' }, 400, 'SerializationException'],
    ];
    for (const [request, status, code] of cases) {
      const response = await ask(kvs, request);
      expect([response.statusCode, response.headers['x-amzn-errortype'], response.headers['content-type']]).toEqual([status, code, 'application/json']);
      expect(Object.keys(json(response.body))).toEqual(['Message']);
    }
    expect(kvs.getStore(arn)?.Items).toEqual({ k: 'v', 'a b': '1' });
  });
});

describe('the control plane at the wire (restXml)', () => {
  it('answers all eight operations as AWS does', async () => {
    const { kvs, arn } = fixture();
    const create = await ask(kvs, { method: 'POST', path: '/2020-05-31/key-value-store', body: xml('CreateKeyValueStoreRequest', '<Name>made</Name><Comment>a &amp; b</Comment><Tags><Items><Tag><Key>t</Key><Value>1</Value></Tag></Items></Tags>') });
    const made = kvs.getStore('made')!;
    expect(create.statusCode).toBe(201);
    expect(create.headers).toMatchObject({ etag: made.ControlETag, location: `https://cloudfront.amazonaws.com/2020-05-31/key-value-store/${made.ARN}`, 'content-type': 'text/xml' });
    const root = parseXml(text(create.body));
    expect([root.name, root.attributes['xmlns']]).toEqual(['KeyValueStore', XMLNS]);
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['Name', 'made'],
      ['Id', made.Id],
      ['Comment', 'a & b'],
      ['ARN', made.ARN],
      ['Status', 'PROVISIONING'],
      ['LastModifiedTime', made.LastModified.toISOString()],
    ]);
    expect(made.Tags).toEqual({ t: '1' });

    const describe = await ask(kvs, { method: 'GET', path: '/2020-05-31/key-value-store/store' });
    expect([describe.statusCode, describe.headers['etag']]).toEqual([200, kvs.getStore('store')!.ControlETag]);

    const list = await ask(kvs, { method: 'GET', path: '/2020-05-31/key-value-store?MaxItems=1' });
    const listed = parseXml(text(list.body));
    expect(listed.name).toBe('KeyValueStoreList');
    expect(listed.children.map((c) => c.name)).toEqual(['NextMarker', 'MaxItems', 'Quantity', 'Items']);
    expect(listed.children[3]!.children.map((c) => c.name)).toEqual(['KeyValueStore']);

    const update = await ask(kvs, { method: 'PUT', path: '/2020-05-31/key-value-store/store', headers: { 'If-Match': kvs.getStore('store')!.ControlETag }, body: xml('UpdateKeyValueStoreRequest', '<Comment>new</Comment>') });
    expect([update.statusCode, update.headers['etag'], kvs.getStore('store')!.Comment]).toEqual([200, kvs.getStore('store')!.ControlETag, 'new']);

    const tag = await ask(kvs, { method: 'POST', path: `/2020-05-31/tagging?Operation=Tag&Resource=${enc(arn)}`, body: xml('Tags', '<Items><Tag><Key>env</Key><Value>prod</Value></Tag></Items>') });
    expect([tag.statusCode, tag.body.byteLength]).toEqual([204, 0]);
    const tags = await ask(kvs, { method: 'GET', path: '/2020-05-31/tagging', query: { Resource: arn } });
    expect(text(tags.body)).toContain('<Tags xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Items><Tag><Key>env</Key><Value>prod</Value></Tag></Items></Tags>');
    const untag = await ask(kvs, { method: 'POST', path: '/2020-05-31/tagging', query: { Operation: 'Untag', Resource: arn }, body: xml('TagKeys', '<Items><Key>env</Key></Items>') });
    expect(untag.statusCode).toBe(204);
    expect(kvs.getStore('store')!.Tags).toEqual({});

    const del = await ask(kvs, { method: 'DELETE', path: '/2020-05-31/key-value-store/made', headers: { 'if-match': made.ControlETag } });
    expect([del.statusCode, del.body.byteLength, kvs.getStore('made')]).toEqual([204, 0, undefined]);
  });

  it('leaves Items out of an empty list, as CloudFront does', async () => {
    const kvs = createKvsSimulator();
    const list = await ask(kvs, { method: 'GET', path: '/2020-05-31/key-value-store' });
    expect(text(list.body)).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n<KeyValueStoreList xmlns="${XMLNS}"><NextMarker></NextMarker><MaxItems>100</MaxItems><Quantity>0</Quantity></KeyValueStoreList>`);
  });

  it('answers errors with an <ErrorResponse>, for every operation', async () => {
    const { kvs, arn } = fixture();
    const etag = kvs.getStore('store')!.ControlETag;
    const cases: Array<[Partial<WireRequest> & { method: string; path: string }, number, string]> = [
      [{ method: 'POST', path: '/2020-05-31/key-value-store', body: xml('CreateKeyValueStoreRequest', '<Name>store</Name>') }, 409, 'EntityAlreadyExists'],
      [{ method: 'GET', path: '/2020-05-31/key-value-store/none' }, 404, 'EntityNotFound'],
      [{ method: 'GET', path: '/2020-05-31/key-value-store?MaxItems=500' }, 400, 'InvalidArgument'],
      [{ method: 'PUT', path: '/2020-05-31/key-value-store/store', headers: { 'if-match': 'ESTALE' }, body: xml('UpdateKeyValueStoreRequest', '<Comment>c</Comment>') }, 412, 'PreconditionFailed'],
      [{ method: 'DELETE', path: '/2020-05-31/key-value-store/store' }, 400, 'InvalidIfMatchVersion'],
      [{ method: 'GET', path: '/2020-05-31/tagging?Resource=nope' }, 400, 'InvalidArgument'],
      [{ method: 'POST', path: `/2020-05-31/tagging?Operation=Tag&Resource=${enc(arn.replace(/.{4}$/, '0000'))}`, body: xml('Tags', '<Items/>') }, 404, 'NoSuchResource'],
      [{ method: 'POST', path: '/2020-05-31/tagging?Operation=Untag&Resource=x', body: xml('TagKeys', '<Items/>') }, 400, 'InvalidArgument'],
      [{ method: 'POST', path: '/2020-05-31/key-value-store', body: '<CreateKeyValueStoreRequest><Name>' }, 400, 'MalformedXML'],
    ];
    for (const [request, status, code] of cases) {
      const response = await ask(kvs, request);
      expect([response.statusCode, response.headers['content-type']]).toEqual([status, 'text/xml']);
      const envelope = parseXml(text(response.body));
      expect(envelope.name).toBe('ErrorResponse');
      const error = envelope.children[0]!;
      expect(error.children.map((c) => [c.name, c.name === 'Message' ? typeof c.text : c.text])).toEqual([
        ['Type', 'Sender'],
        ['Code', code],
        ['Message', 'string'],
      ]);
      expect(envelope.children[1]).toMatchObject({ name: 'RequestId', text: response.headers['x-amzn-requestid'] });
    }
    expect(kvs.getStore('store')!.ControlETag).toBe(etag);
  });

  it('answers nothing for a request that names no operation it simulates', async () => {
    const kvs = createKvsSimulator();
    expect(await answerWire(kvs, { method: 'GET', path: '/2020-05-31/distribution', headers: {} }, { accountId: ACCOUNT })).toBeUndefined();
    expect(await answerWire(kvs, { method: 'PATCH', path: '/key-value-stores/x', headers: {} }, { accountId: ACCOUNT })).toBeUndefined();
  });
});

describe('the CloudFront Functions bindings', () => {
  const none = new Map<string, string[]>();
  it('route all eight operations', () => {
    const routes: Array<[string, string, string, string?]> = [
      ['CreateFunction', 'POST', '/2020-05-31/function'],
      ['ListFunctions', 'GET', '/2020-05-31/function'],
      ['DescribeFunction', 'GET', '/2020-05-31/function/f/describe'],
      ['GetFunction', 'GET', '/2020-05-31/function/f'],
      ['UpdateFunction', 'PUT', '/2020-05-31/function/f'],
      ['PublishFunction', 'POST', '/2020-05-31/function/f/publish'],
      ['TestFunction', 'POST', '/2020-05-31/function/f/test'],
      ['DeleteFunction', 'DELETE', '/2020-05-31/function/f'],
    ];
    for (const [operation, method, path] of routes) {
      const routed = route('control', method, path, none);
      expect(routed?.operation).toBe(operation);
      if (path.includes('/function/')) expect(routed?.labels).toEqual({ Name: 'f' });
    }
  });

  it('write GetFunction’s code as the raw payload and UpdateFunction’s ETag under the model’s ETtag header', () => {
    const code = new TextEncoder().encode('function handler(event) { return event.request; }');
    const get = encodeOutput('control', BINDINGS.control.operations['GetFunction']!, { FunctionCode: code, ETag: 'ETVPDKIKX0DER', ContentType: 'application/octet-stream' }, 'rid');
    expect([get.statusCode, get.headers['etag'], get.headers['content-type'], text(get.body)]).toEqual([200, 'ETVPDKIKX0DER', 'application/octet-stream', text(code)]);
    const update = encodeOutput('control', BINDINGS.control.operations['UpdateFunction']!, { ETag: 'E2', FunctionSummary: { Name: 'f', Status: 'UNPUBLISHED' } }, 'rid');
    expect(update.headers['ettag']).toBe('E2');
    expect(text(update.body)).toContain('<FunctionSummary xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Name>f</Name><Status>UNPUBLISHED</Status>');
  });
});
