import { CreateFunctionCommand, TestFunctionCommand } from '@aws-sdk/client-cloudfront';
import type { CaseContext, ConformanceCase } from '../harness/case';
import { code, viewerRequest } from './functions-control';

/**
 * Runs `source` through TestFunction (DEVELOPMENT, a viewer-request event unless given) as one
 * recorded step, after creating it; the step's TestResult is what CloudFront's runtime did.
 */
async function testRun(t: CaseContext, label: string, source: string, options: { runtime?: 'cloudfront-js-1.0' | 'cloudfront-js-2.0'; event?: Uint8Array; store?: boolean } = {}) {
  const associations = options.store ? { KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: (await t.res.store()).arn }] } } : {};
  const name = t.res.track('function', t.res.name());
  const created = await t.step(`CreateFunction: ${label}`, t.control, new CreateFunctionCommand({ Name: name, FunctionCode: code(source), FunctionConfig: { Comment: '', Runtime: options.runtime ?? 'cloudfront-js-2.0', ...associations } }));
  if (created.error) return created;
  return t.step(`TestFunction: ${label}`, t.control, new TestFunctionCommand({ Name: name, IfMatch: created.output.ETag, EventObject: options.event ?? viewerRequest() }));
}

/** The TestResult's error message of a step ('' when the function ran). */
const errorOf = (step: { output?: any }) => step.output?.TestResult?.FunctionErrorMessage ?? '';
const outputOf = (step: { output?: any }) => step.output?.TestResult?.FunctionOutput ?? '';

export const functionsRuntimeCases: ConformanceCase[] = [
  {
    id: 'rt-error-texts',
    settles: 'F10',
    title: 'the texts of a property read on undefined, a syntax error, an invalid returned object',
    async run(t) {
      const read = await testRun(t, 'reads a property of undefined', 'function handler(event) { var x; return x.value; }');
      t.expect(errorOf(read)).toContain('TypeError: cannot get property "value" of undefined');
      const syntax = await testRun(t, 'a syntax error', 'function handler(event) { return event.request; ');
      t.expect(syntax.error ?? errorOf(syntax)).toBeTruthy();
      const invalid = await testRun(t, 'returns 42', 'function handler(event) { return 42; }');
      t.expect(errorOf(invalid)).not.toBe('');
    },
  },
  {
    id: 'rt-kvs-without-association',
    settles: 'F11',
    title: 'cf.kvs() in a function with no store associated',
    async run(t) {
      const step = await testRun(t, 'cf.kvs() unassociated', "import cf from 'cloudfront';\nasync function handler(event) { const kvs = cf.kvs(); await kvs.get('k'); return event.request; }");
      t.expect(errorOf(step)).toContain('KVSNamespaceNotFound');
    },
  },
  {
    id: 'rt-language',
    settles: 'F12',
    title: 'optional chaining on 2.0, assigning to a built-in, a promise returned on 1.0, async arguments and a named async arrow',
    async run(t) {
      const chaining = await testRun(t, 'optional chaining', 'function handler(event) { return event?.request; }');
      t.expect(chaining.error ?? errorOf(chaining)).toBeTruthy();
      const builtin = await testRun(t, 'Array.prototype.x = 1', 'function handler(event) { Array.prototype.x = 1; return event.request; }');
      t.expect(errorOf(builtin)).toContain('TypeError');
      const promise = await testRun(t, 'a promise on 1.0', 'function handler(event) { return Promise.resolve(event.request); }', { runtime: 'cloudfront-js-1.0' });
      t.expect(errorOf(promise)).not.toBe('');
      const asyncArgument = await testRun(t, 'an async arrow as an argument (F20)', 'async function handler(event) { await Promise.all([1].map(async (x) => x)); return event.request; }');
      t.expect(asyncArgument.error ?? errorOf(asyncArgument)).toBeTruthy();
      const asyncBound = await testRun(t, 'a top-level async arrow bound to a name (F20)', 'const route = async (request) => request;\nasync function handler(event) { return route(event.request); }');
      t.expect(errorOf(asyncBound)).toBe('');
    },
  },
  {
    id: 'rt-compute-utilization',
    settles: 'F13',
    title: 'ComputeUtilization of a pass-through function',
    async run(t) {
      const step = await testRun(t, 'pass-through', 'function handler(event) { return event.request; }');
      t.expect(step.output.TestResult.ComputeUtilization).toMatch(/^\d+$/);
    },
  },
  {
    id: 'rt-viewer-events',
    settles: 'F14',
    title: 'a response returned from viewer-request; an upper-case header name',
    async run(t) {
      const response = await testRun(t, 'viewer-request returns a response', "function handler(event) { return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/new' } } }; }");
      t.expect(JSON.parse(outputOf(response) || '{}')).toMatchObject({ response: { statusCode: 302 } });
      const upper = await testRun(t, 'an upper-case header name', "function handler(event) { event.request.headers['X-Up'] = { value: '1' }; return event.request; }");
      t.expect(errorOf(upper)).not.toBe('');
    },
  },
  {
    id: 'rt-origin-helper-unknown-member',
    settles: 'F18',
    title: 'updateRequestOrigin with a member the docs do not list, and originAccessControlConfig.region',
    async run(t) {
      const step = await testRun(t, 'unknown member', "import cf from 'cloudfront';\nfunction handler(event) { cf.updateRequestOrigin({ domainName: 'example.com', noSuchMember: 1 }); return event.request; }");
      t.expect(errorOf(step)).toBe('');
      const region = await testRun(
        t,
        'originAccessControlConfig.region',
        "import cf from 'cloudfront';\nfunction handler(event) { cf.updateRequestOrigin({ domainName: 'bucket.s3.eu-central-1.amazonaws.com', originAccessControlConfig: { enabled: true, region: 'eu-central-1', signingBehavior: 'always', signingProtocol: 'sigv4', originType: 's3' } }); return event.request; }",
      );
      t.expect(errorOf(region)).toBe('');
    },
  },
  {
    id: 'rt-querystring-string',
    settles: 'F17',
    title: 'a query string returned as a string',
    async run(t) {
      const step = await testRun(t, 'querystring as a string', "function handler(event) { event.request.querystring = 'b=2&a=1'; return event.request; }");
      t.expect(errorOf(step)).toBe('');
      t.expect(JSON.parse(outputOf(step) || '{}')).toMatchObject({ request: { querystring: 'b=2&a=1' } });
    },
  },
  {
    id: 'rt-header-production-error',
    settles: 'F22',
    title: 'TestFunction and a disallowed or read-only header',
    async run(t) {
      const added = await testRun(t, 'a disallowed header added', "function handler(event) { event.request.headers['x-forwarded-proto'] = { value: 'https' }; return event.request; }");
      t.expect(errorOf(added)).toBe('');
      t.expect(JSON.parse(outputOf(added) || '{}')).toMatchObject({ request: { headers: { 'x-forwarded-proto': { value: 'https' } } } });
      const changed = await testRun(t, 'a read-only header changed', "function handler(event) { event.request.headers.host = { value: 'other.example.com' }; return event.request; }");
      t.expect(errorOf(changed)).toBe('');
    },
  },
  {
    id: 'rt-cwt-generate',
    settles: 'F23',
    title: "cf.cwt.generateToken with the documentation's argument order and member names",
    async run(t) {
      const step = await testRun(
        t,
        'generateToken(token, context), then validateToken',
        "import cf from 'cloudfront';\nfunction handler(event) { const token = cf.cwt.generateToken({ protected: { 1: 5 }, unprotected: {}, payload: { 2: 'user' } }, { coseTag: 'MAC0', cwtTag: true, key: 'k' }); const back = cf.cwt.validateToken(token, { key: 'k' }); event.request.headers['x-sub'] = { value: String(back.payload[2]) }; return event.request; }",
      );
      t.expect(errorOf(step)).toBe('');
      t.expect(JSON.parse(outputOf(step) || '{}')).toMatchObject({ request: { headers: { 'x-sub': { value: 'user' } } } });
    },
  },
  {
    id: 'rt-response-serialization',
    settles: 'F16',
    title: 'the order of a response’s members in FunctionOutput',
    async run(t) {
      const step = await testRun(t, 'members in reverse order', "function handler(event) { return { body: 'b', cookies: {}, headers: {}, statusDescription: 'OK', statusCode: 200 }; }");
      t.expect(Object.keys(JSON.parse(outputOf(step) || '{}').response ?? {})).toEqual(['statusCode', 'statusDescription', 'headers', 'cookies', 'body']);
    },
  },
];
