import { describe, expect, test } from '@jest/globals';
import { createKvsSimulator, INLINE_STORE_ID, manualClock, runFunction, viewerRequestEvent } from '../../src';

const handler = (body: string) => `import cf from 'cloudfront';\nasync function handler(event) {\n${body}\nreturn event.request; }`;
const log = (expr: string) => `console.log(JSON.stringify(${expr}));`;

describe('cf.kvs() over a store of the simulator (F11)', () => {
  const clock = manualClock('2024-03-01T00:00:00Z');
  const kvs = createKvsSimulator({ clock });
  const arn = kvs.seedStore({ name: 'config', items: { greeting: 'hello', settings: '{"ab":0.5}', 'ünï': 'cödé' } });
  const id = kvs.getStore(arn)!.Id;
  const call = (body: string, store: string = arn) => kvs.runFunction({ code: handler(body), event: viewerRequestEvent(), kvs: store });

  test('get() answers a string, a parsed JSON value or bytes', () => {
    const result = call(`var s = cf.kvs(); ${log("[await s.get('greeting'), await s.get('settings', { format: 'json' }), (await s.get('ünï', { format: 'bytes' })).toString('hex'), await s.get('greeting', { format: 'string' })]")}`);
    expect(result.logs).toEqual([JSON.stringify(['hello', { ab: 0.5 }, Buffer.from('cödé').toString('hex'), 'hello'])]);
  });

  test('a missing key rejects with Error: KeyNotFound; exists() answers a boolean', () => {
    const result = call(`var s = cf.kvs(); var e = await s.get('nope').catch(function (x) { return x; }); ${log("[String(e), e instanceof Error, await s.exists('greeting'), await s.exists('nope')]")}`);
    expect(result.logs).toEqual([JSON.stringify(['Error: KeyNotFound', true, true, false])]);
  });

  test('an uncaught KeyNotFound fails the invocation with that error', () => {
    expect(call("await cf.kvs().get('nope');").errorMessage).toBe('The CloudFront function associated with the CloudFront distribution is invalid or could not run. Error: KeyNotFound');
  });

  test('meta() answers the creation, the last data-plane write and the key count', () => {
    clock.advance(60_000);
    kvs.writeKeys(arn, { puts: { added: '1' } });
    const result = call(log('await cf.kvs().meta()'));
    expect(JSON.parse(result.logs[0]!)).toEqual({ creationDateTime: '2024-03-01T00:00:00.000Z', lastUpdatedDateTime: '2024-03-01T00:01:00.000Z', keyCount: 4 });
  });

  test('the store is read as it is at the call', () => {
    kvs.writeKeys(arn, { puts: { greeting: 'changed' } });
    expect(call(log("await cf.kvs().get('greeting')")).logs).toEqual(['"changed"']);
  });

  test('cf.kvs(id) takes the associated store\'s Id; another id, or no association, is KVSNamespaceNotFound', () => {
    expect(call(log(`await cf.kvs(${JSON.stringify(id)}).get('added')`)).logs).toEqual(['"1"']);
    expect(call(`cf.kvs(${JSON.stringify(arn)});`).error).toEqual({ name: 'Error', message: 'KVSNamespaceNotFound' });
    expect(kvs.runFunction({ code: handler('cf.kvs();'), event: viewerRequestEvent() }).error).toEqual({ name: 'Error', message: 'KVSNamespaceNotFound' });
  });

  test('a store by name, in the simulator\'s account', () => {
    expect(call(log("await cf.kvs().get('greeting')"), 'config').logs).toEqual(['"changed"']);
  });

  test('an unknown format rejects', () => {
    expect(call("await cf.kvs().get('greeting', { format: 'xml' });").error?.message).toBe('Invalid format "xml": use "string", "json" or "bytes"');
  });

  test('Date inside the function is the simulator\'s clock at the call', () => {
    expect(call(log('new Date().toISOString()')).logs).toEqual([JSON.stringify(new Date(clock()).toISOString())]);
  });
});

describe('cf.kvs() over inline pairs', () => {
  test('an object of pairs or the import format, with the inline Id', () => {
    for (const pairs of [{ a: '1' }, [{ key: 'a', value: '1' }]]) {
      const result = runFunction({ code: handler(log(`await cf.kvs(${JSON.stringify(INLINE_STORE_ID)}).get('a')`)), event: viewerRequestEvent(), kvs: pairs });
      expect(result.logs).toEqual(['"1"']);
    }
  });

  test('the top-level cf.kvs() of AWS\'s samples works, every invocation', () => {
    const code = "import cf from 'cloudfront';\nconst store = cf.kvs();\nasync function handler(event) { console.log(await store.get('a')); return event.request; }";
    for (let i = 0; i < 3; i++) expect(runFunction({ code, event: viewerRequestEvent(), kvs: { a: String(i) } }).logs).toEqual([String(i)]);
  });
});
