/**
 * Runs calls through the real SDK clients (with the double attached) and through the reference
 * model in lockstep, and throws a {@link Divergence} describing the first difference: output,
 * error class and name, status, `$metadata`, or the state `getStore()` reports afterwards.
 */
import * as cf from '@aws-sdk/client-cloudfront';
import * as kv from '@aws-sdk/client-cloudfront-keyvaluestore';
import { CONTROL_ETAG, DATA_ETAG, ERROR_STATUS, Fresh, REQUEST_ID, STORE_ID, Satisfies, Unordered, type Outcome } from './outcome';
import type { ModelStore, ReferenceKvs } from './reference-kvs';

/** The part of the simulator the driver reads: its state, as plain data. */
export interface StateSource {
  getStore(arnOrName: string, accountId?: string): object | undefined;
}

export type Plane = 'data' | 'control';

/** A call as the driver sends it. */
export interface Call {
  plane: Plane;
  /** Index into the clients of that plane. */
  client: number;
  operation: string;
  input: Record<string, unknown> | undefined;
}

export type Actual = { ok: true; value: Record<string, unknown> } | { ok: false; error: any };

/** The model and the double disagreed: the message says where and how. */
export class Divergence extends Error {
  override name = 'Divergence';
}

const DATA_COMMANDS: Record<string, new (input: any) => any> = {
  DescribeKeyValueStore: kv.DescribeKeyValueStoreCommand,
  GetKey: kv.GetKeyCommand,
  ListKeys: kv.ListKeysCommand,
  PutKey: kv.PutKeyCommand,
  DeleteKey: kv.DeleteKeyCommand,
  UpdateKeys: kv.UpdateKeysCommand,
};

const CONTROL_COMMANDS: Record<string, new (input: any) => any> = {
  CreateKeyValueStore: cf.CreateKeyValueStoreCommand,
  DescribeKeyValueStore: cf.DescribeKeyValueStoreCommand,
  ListKeyValueStores: cf.ListKeyValueStoresCommand,
  UpdateKeyValueStore: cf.UpdateKeyValueStoreCommand,
  DeleteKeyValueStore: cf.DeleteKeyValueStoreCommand,
  ListTagsForResource: cf.ListTagsForResourceCommand,
  TagResource: cf.TagResourceCommand,
  UntagResource: cf.UntagResourceCommand,
};

/** Sends one call through a real client; never throws. */
export async function send(client: { send(command: any): Promise<any> }, plane: Plane, operation: string, input: unknown): Promise<Actual> {
  const Command = (plane === 'data' ? DATA_COMMANDS : CONTROL_COMMANDS)[operation];
  if (!Command) throw new Error(`no ${plane}-plane command ${operation}`);
  try {
    return { ok: true, value: await client.send(new Command(input)) };
  } catch (error) {
    return { ok: false, error };
  }
}

export interface Clients {
  data: Array<{ send(command: any): Promise<any> }>;
  /** Control-plane clients and the account each acts for. */
  control: Array<{ client: { send(command: any): Promise<any> }; accountId: string }>;
}

export class Lockstep {
  /** Every call made and its answer, rendered only for a divergence report. */
  readonly log: Array<() => string> = [];

  constructor(
    public model: ReferenceKvs,
    readonly clients: Clients,
    readonly state: StateSource,
  ) {}

  predict(model: ReferenceKvs, call: Call): Outcome {
    return call.plane === 'data' ? model.data(call.operation, call.input) : model.control(call.operation, call.input, this.clients.control[call.client]!.accountId);
  }

  async send(call: Call): Promise<Actual> {
    const client = call.plane === 'data' ? this.clients.data[call.client]! : this.clients.control[call.client]!.client;
    return send(client, call.plane, call.operation, call.input);
  }

  /** One call on both sides; returns what the double answered. */
  async call(call: Call): Promise<Actual> {
    const expected = this.predict(this.model, call);
    const actual = await this.send(call);
    this.log.push(() => describeCall(call, actual));
    const verdict = compareOutcome(this.model, call.plane, expected, actual);
    if ('mismatch' in verdict) throw this.divergence(call, expected, actual, verdict.mismatch);
    for (const [p, v] of verdict.bindings) this.model.bind(p, v);
    return actual;
  }

  /**
   * Two calls sent at once (`Promise.all`): the double must answer as if it ran them one after
   * the other, in one order or the other, never a mix.
   */
  async race(a: Call, b: Call): Promise<[Actual, Actual]> {
    const first = this.model.clone();
    const ab = [this.predict(first, a), this.predict(first, b)] as const;
    const second = this.model.clone();
    const bbFirst = this.predict(second, b);
    const ba = [this.predict(second, a), bbFirst] as const;
    const [ra, rb] = await Promise.all([this.send(a), this.send(b)]);
    this.log.push(() => `race { ${describeCall(a, ra)} || ${describeCall(b, rb)} }`);
    const tryOrder = (model: ReferenceKvs, ea: Outcome, eb: Outcome) => {
      const va = compareOutcome(model, a.plane, ea, ra);
      if ('mismatch' in va) return va;
      const vb = compareOutcome(model, b.plane, eb, rb, new Map(va.bindings));
      if ('mismatch' in vb) return vb;
      return { bindings: [...va.bindings, ...vb.bindings] };
    };
    const one = tryOrder(first, ab[0], ab[1]);
    if (!('mismatch' in one)) {
      this.model = first;
      for (const [p, v] of one.bindings) this.model.bind(p, v);
      return [ra, rb];
    }
    const two = tryOrder(second, ba[0], ba[1]);
    if (!('mismatch' in two)) {
      this.model = second;
      for (const [p, v] of two.bindings) this.model.bind(p, v);
      return [ra, rb];
    }
    throw new Divergence(
      `Racing calls match neither order.\n a then b: ${one.mismatch}\n b then a: ${two.mismatch}\n` +
        `a: ${show(a)}\n b: ${show(b)}\n a got: ${showActual(ra)}\n b got: ${showActual(rb)}\n` +
        `expected (a, b): ${showOutcome(ab[0])} / ${showOutcome(ab[1])}\n expected (b, a): ${showOutcome(ba[1])} / ${showOutcome(ba[0])}\n${this.history()}`,
    );
  }

  /** `getStore()` of every store the model knows, by ARN and by name, against the model. */
  checkState(): void {
    const model = this.model;
    const bindings = new Map<string, string>();
    const names = new Set<string>();
    for (const store of model.state.stores) {
      names.add(`${store.accountId}\u0001${store.name}`);
      const arn = model.arnOf(store);
      const actual = this.state.getStore(arn);
      if (store.deleted) {
        if (actual !== undefined) throw new Divergence(`getStore(${arn}) of a deleted store answered ${JSON.stringify(actual)}\n${this.history()}`);
        continue;
      }
      const expected = expectedStoreState(model, store);
      const problem = matchAll(model, expected, actual, `getStore(${store.name})`, bindings);
      if (problem) throw new Divergence(`${problem}\n${this.history()}`);
    }
    for (const [p, v] of bindings) model.bind(p, v);
    for (const pair of names) {
      const [accountId, name] = pair.split('\u0001') as [string, string];
      const live = model.liveStore(accountId, name);
      const actual = this.state.getStore(name, accountId) as Record<string, unknown> | undefined;
      const arn = actual?.['ARN'];
      if ((live ? model.arnOf(live) : undefined) !== arn) {
        throw new Divergence(`getStore(${JSON.stringify(name)}, ${accountId}) is ${String(arn)}, the model says ${live ? model.arnOf(live) : 'undefined'}\n${this.history()}`);
      }
    }
  }

  history(): string {
    return `calls so far (last 40):\n  ${this.log.slice(-40).map((line) => line()).join('\n  ')}`;
  }

  private divergence(call: Call, expected: Outcome, actual: Actual, mismatch: string): Divergence {
    return new Divergence(`${mismatch}\n call: ${show(call)}\n expected: ${showOutcome(expected)}\n actual: ${showActual(actual)}\n${this.history()}`);
  }
}

/** What `getStore()` must report for a live store. */
function expectedStoreState(model: ReferenceKvs, store: ModelStore): Record<string, unknown> {
  const fresh = (kind: Fresh['kind'], value: string) => (model.isPlaceholder(value) ? new Fresh(kind, value) : value);
  return {
    Name: store.name,
    Id: store.id,
    ARN: model.arnOf(store),
    AccountId: store.accountId,
    Comment: store.comment,
    Status: model.status(store),
    ...(store.failure === undefined ? {} : { FailureReason: new Satisfies('a non-empty FailureReason', (v) => typeof v === 'string' && v.length > 0) }),
    ETag: fresh('data-etag', store.etag),
    ControlETag: fresh('control-etag', store.controlEtag),
    ItemCount: store.items.size,
    TotalSizeInBytes: model.totalSize(store),
    Created: new Date(store.created),
    LastModified: new Date(store.lastModified),
    Items: Object.fromEntries(model.sortedItems(store)),
    Tags: Object.fromEntries(store.tags),
  };
}

/** Compares one answer with the model's prediction; returns the placeholders it binds. */
export function compareOutcome(
  model: ReferenceKvs,
  plane: Plane,
  expected: Outcome,
  actual: Actual,
  bound: Map<string, string> = new Map(),
): { bindings: Array<[string, string]> } | { mismatch: string } {
  const bindings = new Map(bound);
  if (expected.kind === 'ok') {
    if (!actual.ok) return { mismatch: `expected success, got ${showError(actual.error)}` };
    const { $metadata, ...output } = actual.value;
    const meta = checkMetadata($metadata, expected.status);
    if (meta) return { mismatch: meta };
    const problem = matchAll(model, expected.output, output, 'output', bindings);
    if (problem) return { mismatch: problem };
    return { bindings: [...bindings].filter(([p]) => !bound.has(p)) };
  }
  if (actual.ok) return { mismatch: `expected ${expected.name}, got success ${JSON.stringify(actual.value)}` };
  const error = actual.error;
  if (expected.kind === 'client') {
    if (error instanceof kv.CloudFrontKeyValueStoreServiceException || error instanceof cf.CloudFrontServiceException) {
      return { mismatch: `expected the SDK's own ${expected.name} (${expected.message}), got service error ${showError(error)}` };
    }
    if (error?.name !== expected.name || error?.message !== expected.message) return { mismatch: `expected ${expected.name}: ${expected.message}, got ${showError(error)}` };
    return { bindings: [] };
  }
  const Base = plane === 'data' ? kv.CloudFrontKeyValueStoreServiceException : cf.CloudFrontServiceException;
  if (!(error instanceof Base)) return { mismatch: `expected ${expected.name} (an instance of ${Base.name}), got ${showError(error)}` };
  if (error.name !== expected.name) return { mismatch: `expected ${expected.name} (${expected.why}), got ${showError(error)}` };
  if (error.$fault !== 'client') return { mismatch: `${error.name} has $fault ${error.$fault}` };
  const meta = checkMetadata(error.$metadata, ERROR_STATUS[expected.name]!);
  if (meta) return { mismatch: meta };
  if (typeof error.message !== 'string' || error.message.length === 0) return { mismatch: `${error.name} has no message` };
  if (plane === 'data' && expected.name === 'ValidationException') {
    // Production clients retry on exactly this text (D1): it must be there for a stale ETag and only then.
    const says = error.message.includes('Pre-Condition failed');
    if (says !== Boolean(expected.precondition)) return { mismatch: `ValidationException (${expected.why}) ${says ? 'says' : 'does not say'} "Pre-Condition failed": ${error.message}` };
  }
  return { bindings: [] };
}

function checkMetadata(meta: any, status: number): string | undefined {
  if (!meta || typeof meta !== 'object') return `no $metadata`;
  if (meta.httpStatusCode !== status) return `$metadata.httpStatusCode is ${meta.httpStatusCode}, expected ${status}`;
  if (typeof meta.requestId !== 'string' || !REQUEST_ID.test(meta.requestId)) return `$metadata.requestId ${meta.requestId} is not a request id`;
  if (meta.attempts !== 1 || meta.totalRetryDelay !== 0 || meta.extendedRequestId !== undefined || meta.cfId !== undefined) return `$metadata ${JSON.stringify(meta)} is not D16's`;
  return undefined;
}

const SHAPES: Record<Fresh['kind'], RegExp> = {
  'data-etag': DATA_ETAG,
  'control-etag': CONTROL_ETAG,
  id: STORE_ID,
  token: /^[\x21-\x7e]+$/,
  marker: /^[\x21-\x7e]+$/,
};

const PENDING = new WeakMap<Map<string, string>, Array<() => string | undefined>>();

function pendingOf(bindings: Map<string, string>): Array<() => string | undefined> {
  let pending = PENDING.get(bindings);
  if (!pending) PENDING.set(bindings, (pending = []));
  return pending;
}

/** {@link match}, then the comparisons that waited for placeholders to be bound. */
export function matchAll(model: ReferenceKvs, expected: unknown, actual: unknown, path: string, bindings: Map<string, string>): string | undefined {
  const problem = match(model, expected, actual, path, bindings);
  const pending = pendingOf(bindings).splice(0);
  if (problem) return problem;
  for (const check of pending) {
    const late = check();
    if (late) return late;
  }
  return undefined;
}

/** Deep match of an expected value (with placeholders and matchers) against an actual one. */
export function match(model: ReferenceKvs, expected: unknown, actual: unknown, path: string, bindings: Map<string, string>): string | undefined {
  if (expected instanceof Fresh) {
    const known = bindings.get(expected.placeholder);
    if (known !== undefined) return known === actual ? undefined : `${path}: expected ${known}, got ${String(actual)}`;
    const why = model.rejectFresh(expected, actual, SHAPES[expected.kind]);
    if (why) return `${path}: ${why}`;
    if (expected.kind !== 'token' && expected.kind !== 'marker' && [...bindings.values()].includes(actual as string)) return `${path}: ${String(actual)} is not new`;
    bindings.set(expected.placeholder, actual as string);
    return undefined;
  }
  if (expected instanceof Satisfies) return expected.test(actual) ? undefined : `${path}: expected ${expected.description}, got ${JSON.stringify(actual)}`;
  if (expected instanceof Unordered) {
    if (!Array.isArray(actual) || actual.length !== expected.items.length) return `${path}: expected ${expected.items.length} items in any order, got ${JSON.stringify(actual)}`;
    const left = [...actual];
    for (const item of expected.items) {
      const i = left.findIndex((a) => matchAll(model, item, a, path, new Map(bindings)) === undefined);
      if (i < 0) return `${path}: no item matches ${JSON.stringify(item)} in ${JSON.stringify(actual)}`;
      left.splice(i, 1);
    }
    return undefined;
  }
  if (expected instanceof Date) {
    return actual instanceof Date && actual.getTime() === expected.getTime() ? undefined : `${path}: expected ${expected.toISOString()}, got ${actual instanceof Date ? actual.toISOString() : String(actual)}`;
  }
  if (typeof expected === 'string' && model.isPlaceholder(expected)) {
    // A string built from a placeholder (an ARN from an Id): compared once every sibling is bound.
    const pending = pendingOf(bindings);
    pending.push(() => {
      let resolved = expected;
      for (const [p, v] of bindings) resolved = resolved.split(p).join(v);
      if (model.isPlaceholder(resolved)) return `${path}: the model's ${JSON.stringify(expected)} is still unbound`;
      return resolved === actual ? undefined : `${path}: expected ${JSON.stringify(resolved)}, got ${JSON.stringify(actual)}`;
    });
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path}: expected ${expected.length} items, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = match(model, expected[i], actual[i], `${path}[${i}]`, bindings);
      if (problem) return problem;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    const defined = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined).sort();
    const ek = defined(expected);
    const ak = defined(actual);
    if (ek.join('\u0001') !== ak.join('\u0001')) return `${path}: expected fields [${ek.join(', ')}], got [${ak.join(', ')}]`;
    for (const k of ek) {
      const problem = match(model, (expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], `${path}.${k}`, bindings);
      if (problem) return problem;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function show(call: Call): string {
  return `${call.plane} ${call.operation}(client ${call.client}) ${showValue(call.input)}`;
}

function describeCall(call: Call, actual: Actual): string {
  return `${show(call)} -> ${actual.ok ? 'ok' : actual.error?.name}`;
}

export function showValue(value: unknown): string {
  const text = JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : typeof v === 'string' && v.length > 60 ? `${v.slice(0, 20)}…(${v.length} chars)` : v));
  return text ?? String(value);
}

function showOutcome(o: Outcome): string {
  if (o.kind === 'ok') return `ok ${o.status} ${showValue(o.output)}`;
  if (o.kind === 'client') return `client-side ${o.name}: ${o.message}`;
  return `${o.name} (${o.why})${o.precondition ? ' [Pre-Condition failed]' : ''}`;
}

function showActual(a: Actual): string {
  return a.ok ? `ok ${showValue(a.value)}` : showError(a.error);
}

function showError(error: any): string {
  return `${error?.constructor?.name}/${error?.name}: ${error?.message} (status ${error?.$metadata?.httpStatusCode})`;
}
