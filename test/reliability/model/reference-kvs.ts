/**
 * An independent reference model of CloudFront KeyValueStore (both planes), written from
 * the spec (`kvs-api-spec.md`, Decisions D1-D16 first) and the README's order of checks; it
 * imports nothing from `src/`, so a bug there cannot hide by being shared. Plain maps and
 * arrays, no cleverness: it is meant to be obviously right, not fast.
 *
 * Every call takes the raw input the test sends through the real client and returns an
 * {@link Outcome}; values only the double can choose (ids, ETags, page tokens) come back as
 * {@link Fresh} placeholders that the lockstep driver binds to the real ones.
 */
import { Fresh, Satisfies, Unordered, clientError, controlError, dataError, ok, type Outcome } from './outcome';
import { bytes, codePoints, pairBytes, wellFormed } from './text';

export interface ModelQuotas {
  keyValueStoresPerAccount: number;
  storeSizeBytes: number;
  keySizeBytes: number;
  valueSizeBytes: number;
  keysPerUpdate: number;
  updatePayloadBytes: number;
  importFileSizeBytes: number;
}

/** §3 of the spec: AWS's default quotas. */
export const AWS_QUOTAS: Readonly<ModelQuotas> = Object.freeze({
  keyValueStoresPerAccount: 200,
  storeSizeBytes: 5 * 1024 * 1024,
  keySizeBytes: 512,
  valueSizeBytes: 1024,
  keysPerUpdate: 50,
  updatePayloadBytes: 3 * 1024 * 1024,
  importFileSizeBytes: 5 * 1024 * 1024,
});

export interface ModelStore {
  seq: number;
  /** The UUID, or a placeholder until the double's answer binds it. */
  id: string;
  accountId: string;
  name: string;
  comment: string;
  created: number;
  readyAt: number;
  failure: string | undefined;
  deleted: boolean;
  items: Map<string, string>;
  /** Data-plane ETag and every one it has had (D8). */
  etag: string;
  etags: string[];
  controlEtag: string;
  controlEtags: string[];
  lastModified: number;
  controlLastModified: number;
  tags: Map<string, string>;
}

export interface ModelState {
  now: number;
  quotas: ModelQuotas;
  provisioningDelayMs: number;
  /** Accounts the double knows of (D15): others are AccessDenied on the data plane. */
  accounts: string[];
  stores: ModelStore[];
  /** S3 objects for ImportSource, by `bucket/key`. */
  s3: Map<string, string>;
  /** ListKeys tokens issued: token → the store and the key the next page starts after. */
  tokens: Map<string, { arn: string; after: string }>;
  /** ListKeyValueStores markers: marker → the account and the seq the next page starts after. */
  markers: Map<string, { accountId: string; after: number }>;
  /** Every real ETag and id seen, to check that a fresh one is new. */
  seen: Set<string>;
  placeholders: number;
}

export type StoreStatus = 'PROVISIONING' | 'READY' | 'IMPORT_FAILURE';

const ARN_PREFIX = 'arn:aws:cloudfront::';
const NAME_PATTERN = /^[a-zA-Z0-9-_]{1,64}$/;
const S3_OBJECT_ARN = /^arn:aws:s3:::([^/]+\/.+)$/;
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const PLACEHOLDER = '\u0000';

type Input = Record<string, unknown>;

export class ReferenceKvs {
  constructor(readonly state: ModelState) {}

  static create(options: { accountId: string; quotas?: Partial<ModelQuotas>; provisioningDelayMs?: number; now: number }): ReferenceKvs {
    return new ReferenceKvs({
      now: options.now,
      quotas: { ...AWS_QUOTAS, ...options.quotas },
      provisioningDelayMs: options.provisioningDelayMs ?? 0,
      accounts: [options.accountId],
      stores: [],
      s3: new Map(),
      tokens: new Map(),
      markers: new Map(),
      seen: new Set(),
      placeholders: 0,
    });
  }

  /** A deep copy: to try both orders of two racing calls. */
  clone(): ReferenceKvs {
    return new ReferenceKvs(structuredClone(this.state));
  }

  setTime(now: number): void {
    this.state.now = now;
  }

  addAccount(accountId: string): void {
    if (!this.state.accounts.includes(accountId)) this.state.accounts.push(accountId);
  }

  putS3Object(path: string, text: string): void {
    this.state.s3.set(path, text);
  }

  arnOf(store: ModelStore): string {
    return `${ARN_PREFIX}${store.accountId}:key-value-store/${store.id}`;
  }

  storeByArn(arn: string): ModelStore | undefined {
    return this.state.stores.find((s) => this.arnOf(s) === arn);
  }

  liveStore(accountId: string, name: string): ModelStore | undefined {
    return this.state.stores.find((s) => !s.deleted && s.accountId === accountId && s.name === name);
  }

  status(store: ModelStore): StoreStatus {
    if (this.state.now < store.readyAt) return 'PROVISIONING';
    return store.failure === undefined ? 'READY' : 'IMPORT_FAILURE';
  }

  /** Pairs in the order ListKeys must return them (D9). */
  sortedItems(store: ModelStore): Array<[string, string]> {
    return sortedOf(store.items).map(({ pair }) => pair);
  }

  totalSize(store: ModelStore): number {
    let total = 0;
    for (const [k, v] of store.items) total += pairBytes(k, v);
    return total;
  }

  isPlaceholder(value: string): boolean {
    return value.includes(PLACEHOLDER);
  }

  /** Replaces a placeholder with the double's real value everywhere in the model. */
  bind(placeholder: string, actual: string): void {
    const swap = (v: string) => (v === placeholder ? actual : v);
    for (const s of this.state.stores) {
      s.id = swap(s.id);
      s.etag = swap(s.etag);
      s.etags = s.etags.map(swap);
      s.controlEtag = swap(s.controlEtag);
      s.controlEtags = s.controlEtags.map(swap);
    }
    const token = this.state.tokens.get(placeholder);
    if (token) {
      this.state.tokens.delete(placeholder);
      this.state.tokens.set(actual, token);
    }
    const marker = this.state.markers.get(placeholder);
    if (marker) {
      this.state.markers.delete(placeholder);
      this.state.markers.set(actual, marker);
    }
    for (const [t, v] of this.state.tokens) if (v.arn.includes(placeholder)) this.state.tokens.set(t, { ...v, arn: v.arn.split(placeholder).join(actual) });
    if (!this.isPlaceholder(actual)) this.state.seen.add(actual);
  }

  /** Why `actual` cannot be the value of `fresh`, or undefined when it can. */
  rejectFresh(fresh: Fresh, actual: unknown, shape: RegExp | undefined): string | undefined {
    if (typeof actual !== 'string') return `expected a string, got ${String(actual)}`;
    if (shape && !shape.test(actual)) return `${JSON.stringify(actual)} does not match ${shape}`;
    if (fresh.kind === 'token') {
      const known = this.state.tokens.get(actual);
      const mine = this.state.tokens.get(fresh.placeholder)!;
      if (known && (known.arn !== mine.arn || known.after !== mine.after)) return `token ${actual} was already issued for another position`;
      return undefined;
    }
    if (fresh.kind === 'marker') {
      const known = this.state.markers.get(actual);
      const mine = this.state.markers.get(fresh.placeholder)!;
      if (known && (known.accountId !== mine.accountId || known.after !== mine.after)) return `marker ${actual} was already issued for another position`;
      return actual === '' ? 'an empty marker on a page that has more' : undefined;
    }
    if (this.state.seen.has(actual)) return `${JSON.stringify(actual)} is not new: it was seen before`;
    return undefined;
  }

  private fresh(kind: Fresh['kind']): Fresh {
    return new Fresh(kind, `${PLACEHOLDER}${kind}#${++this.state.placeholders}`);
  }

  // ---------------------------------------------------------------- data plane

  /** One data-plane call (CloudFrontKeyValueStoreClient). */
  data(operation: string, raw: unknown): Outcome {
    const input: Input = raw && typeof raw === 'object' ? (raw as Input) : {};
    // 1. What the SDK itself refuses before sending (the ARNs here are always well formed).
    if (operation === 'GetKey' || operation === 'PutKey' || operation === 'DeleteKey') {
      if (input['Key'] === undefined || input['Key'] === null) return clientError('Error', 'No value provided for input HTTP label: Key.');
      if (typeof input['Key'] === 'string' && !wellFormed(input['Key'])) return clientError('URIError', 'URI malformed');
    }
    if (operation === 'ListKeys' && typeof input['NextToken'] === 'string' && !wellFormed(input['NextToken'])) return clientError('URIError', 'URI malformed');

    // 2. The model's constraints, all of them, before anything else.
    const problems: string[] = [];
    str(input, 'KvsARN', problems, { required: true, min: 1, max: 2048 });
    const writes = operation === 'PutKey' || operation === 'DeleteKey' || operation === 'UpdateKeys';
    if (operation === 'GetKey' || operation === 'PutKey' || operation === 'DeleteKey') str(input, 'Key', problems, { required: true, min: 1, max: 1024 });
    if (operation === 'PutKey') str(input, 'Value', problems, { required: true });
    if (writes) str(input, 'IfMatch', problems, { required: true });
    if (operation === 'ListKeys') {
      str(input, 'NextToken', problems, {});
      int(input, 'MaxResults', problems, 1, 50);
    }
    let puts: Array<{ Key: string; Value: string }> = [];
    let deletes: Array<{ Key: string }> = [];
    if (operation === 'UpdateKeys') {
      puts = listOf(input, 'Puts', problems, (item, at) => {
        str(item, 'Key', problems, { required: true, min: 1, max: 1024 }, at);
        str(item, 'Value', problems, { required: true }, at);
      }) as typeof puts;
      deletes = listOf(input, 'Deletes', problems, (item, at) => str(item, 'Key', problems, { required: true, min: 1, max: 1024 }, at)) as typeof deletes;
      if (problems.length === 0) {
        if (hasDuplicate(puts.map((p) => p.Key))) problems.push('Puts has a key twice (@uniqueItems)');
        if (hasDuplicate(deletes.map((d) => d.Key))) problems.push('Deletes has a key twice (@uniqueItems)');
        const putKeys = new Set(puts.map((p) => p.Key));
        if (deletes.some((d) => putKeys.has(d.Key))) problems.push('a key is in both Puts and Deletes (D5)');
        if (puts.length + deletes.length === 0) problems.push('no item in Puts or Deletes (D5)');
      }
    }
    if (problems.length > 0) return dataError('ValidationException', problems.join('; '));

    // 3. The store.
    const arn = input['KvsARN'] as string;
    const store = this.storeByArn(arn);
    if (!store) {
      const account = arn.split(':')[4] ?? '';
      if (!this.state.accounts.includes(account)) return dataError('AccessDeniedException', `account ${account} is unknown (D15)`);
      return dataError('ResourceNotFoundException', `no store ${arn} (D3)`);
    }
    const status = this.status(store);
    if (store.deleted) return dataError('ConflictException', 'store deleted (D3)');
    if (status === 'PROVISIONING') return dataError('ConflictException', 'store provisioning (D3)');
    if (status === 'IMPORT_FAILURE' && operation !== 'DescribeKeyValueStore') return dataError('ConflictException', 'import failed (D3)');

    switch (operation) {
      case 'DescribeKeyValueStore':
        return ok({
          ETag: store.etag,
          ItemCount: store.items.size,
          TotalSizeInBytes: this.totalSize(store),
          KvsARN: arn,
          Created: new Date(store.created),
          LastModified: new Date(store.lastModified),
          Status: status,
          ...(store.failure === undefined ? {} : { FailureReason: new Satisfies('a non-empty FailureReason', (v) => typeof v === 'string' && v.length > 0) }),
        });
      case 'GetKey': {
        const key = input['Key'] as string;
        const value = store.items.get(key);
        if (value === undefined) return dataError('ResourceNotFoundException', `no key ${JSON.stringify(key)} (D4)`);
        return ok({ Key: key, Value: value, ItemCount: store.items.size, TotalSizeInBytes: this.totalSize(store) });
      }
      case 'ListKeys': {
        let after: string | undefined;
        const token = input['NextToken'] as string | undefined;
        if (token !== undefined) {
          const issued = this.state.tokens.get(token);
          if (!issued || issued.arn !== arn) return dataError('ValidationException', 'NextToken not issued for this store (D9)');
          after = issued.after;
        }
        const max = (input['MaxResults'] as number | undefined) ?? 10;
        const from = after === undefined ? undefined : Buffer.from(after, 'utf8');
        const rest = sortedOf(store.items)
          .filter(({ bytes: b }) => from === undefined || Buffer.compare(b, from) > 0)
          .map(({ pair }) => pair);
        const page = rest.slice(0, max);
        const Items = page.map(([Key, Value]) => ({ Key, Value }));
        if (rest.length <= max) return ok({ Items });
        const next = this.fresh('token');
        this.state.tokens.set(next.placeholder, { arn, after: page[page.length - 1]![0] });
        return ok({ NextToken: next, Items });
      }
    }

    // 4. The ETag (D1).
    if (input['IfMatch'] !== store.etag) return dataError('ValidationException', 'stale IfMatch (D1)', true);

    const q = this.state.quotas;
    if (operation === 'PutKey') {
      const key = input['Key'] as string;
      const value = input['Value'] as string;
      // 5. Request quotas (D6).
      if (bytes(key) > q.keySizeBytes) return dataError('ServiceQuotaExceededException', 'key over the byte quota (D6)');
      if (bytes(value) > q.valueSizeBytes) return dataError('ServiceQuotaExceededException', 'value over the byte quota (D6)');
      // 7. Store size (D6, D7).
      const next = new Map(store.items).set(key, value);
      if (sizeOf(next) > q.storeSizeBytes) return dataError('ServiceQuotaExceededException', 'store over 5 MB (D6)');
      return this.commit(store, next);
    }
    if (operation === 'DeleteKey') {
      const key = input['Key'] as string;
      // D6 names the key quota for every key a write carries.
      if (bytes(key) > q.keySizeBytes) return dataError('ServiceQuotaExceededException', 'key over the byte quota (D6)');
      if (!store.items.has(key)) return dataError('ResourceNotFoundException', `no key ${JSON.stringify(key)} (D4)`);
      const next = new Map(store.items);
      next.delete(key);
      return this.commit(store, next);
    }
    // UpdateKeys (D5). 5. request quotas.
    if (puts.length + deletes.length > q.keysPerUpdate) return dataError('ServiceQuotaExceededException', 'more keys than keysPerUpdate (D5)');
    for (const p of puts) {
      if (bytes(p.Key) > q.keySizeBytes) return dataError('ServiceQuotaExceededException', 'key over the byte quota (D6)');
      if (bytes(p.Value) > q.valueSizeBytes) return dataError('ServiceQuotaExceededException', 'value over the byte quota (D6)');
    }
    for (const d of deletes) if (bytes(d.Key) > q.keySizeBytes) return dataError('ServiceQuotaExceededException', 'key over the byte quota (D6)');
    const payload = puts.reduce((n, p) => n + bytes(p.Key) + bytes(p.Value), 0) + deletes.reduce((n, d) => n + bytes(d.Key), 0);
    if (payload > q.updatePayloadBytes) return dataError('ServiceQuotaExceededException', 'payload over the quota (D5)');
    // 6. Deletes must exist.
    for (const d of deletes) if (!store.items.has(d.Key)) return dataError('ResourceNotFoundException', `delete of missing key ${JSON.stringify(d.Key)} (D5)`);
    const next = new Map(store.items);
    for (const d of deletes) next.delete(d.Key);
    for (const p of puts) next.set(p.Key, p.Value);
    // 7. Store size.
    if (sizeOf(next) > q.storeSizeBytes) return dataError('ServiceQuotaExceededException', 'store over 5 MB (D6)');
    return this.commit(store, next);
  }

  private commit(store: ModelStore, items: Map<string, string>): Outcome {
    const etag = this.fresh('data-etag');
    store.items = items;
    store.etag = etag.placeholder;
    store.etags.push(etag.placeholder);
    store.lastModified = this.state.now;
    return ok({ ETag: etag, ItemCount: items.size, TotalSizeInBytes: sizeOf(items) });
  }

  // ------------------------------------------------------------- control plane

  /** One control-plane call (CloudFrontClient) made for `accountId`. */
  control(operation: string, raw: unknown, accountId: string): Outcome {
    const input: Input = raw && typeof raw === 'object' ? (raw as Input) : {};
    const named = operation === 'DescribeKeyValueStore' || operation === 'UpdateKeyValueStore' || operation === 'DeleteKeyValueStore';
    if (named) {
      if (input['Name'] === undefined || input['Name'] === null) return clientError('Error', 'No value provided for input HTTP label: Name.');
      if (typeof input['Name'] === 'string' && !wellFormed(input['Name'])) return clientError('URIError', 'URI malformed');
    }
    const problems: string[] = [];
    switch (operation) {
      case 'CreateKeyValueStore': {
        str(input, 'Name', problems, { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
        str(input, 'Comment', problems, { max: 128 });
        const source = input['ImportSource'];
        if (source !== undefined && source !== null) {
          if (!isObject(source)) problems.push('ImportSource must be a structure');
          else {
            str(source, 'SourceType', problems, { required: true, oneOf: ['S3'] }, 'ImportSource');
            str(source, 'SourceARN', problems, { required: true, pattern: S3_OBJECT_ARN }, 'ImportSource');
          }
        }
        const tags = this.tagItems(input['Tags'], problems, false);
        if (problems.length > 0) return controlError('InvalidArgument', problems.join('; '));
        const name = input['Name'] as string;
        if (this.liveStore(accountId, name)) return controlError('EntityAlreadyExists', `name ${name} taken (D14)`);
        const count = this.state.stores.filter((s) => !s.deleted && s.accountId === accountId).length;
        if (count >= this.state.quotas.keyValueStoresPerAccount) return controlError('EntityLimitExceeded', 'too many stores (D14)');
        return this.createStore(accountId, name, (input['Comment'] as string | undefined) ?? '', source as { SourceARN: string } | undefined, tags ?? []);
      }
      case 'DescribeKeyValueStore': {
        str(input, 'Name', problems, { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
        if (problems.length > 0) return controlError('InvalidArgument', problems.join('; '));
        const store = this.liveStore(accountId, input['Name'] as string);
        if (!store) return controlError('EntityNotFound', 'no such store');
        return ok({ KeyValueStore: this.controlView(store), ETag: store.controlEtag });
      }
      case 'UpdateKeyValueStore':
      case 'DeleteKeyValueStore': {
        str(input, 'Name', problems, { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
        if (operation === 'UpdateKeyValueStore') str(input, 'Comment', problems, { required: true, max: 128 });
        str(input, 'IfMatch', problems, {});
        if (problems.length > 0) return controlError('InvalidArgument', problems.join('; '));
        const store = this.liveStore(accountId, input['Name'] as string);
        if (!store) return controlError('EntityNotFound', 'no such store');
        const ifMatch = input['IfMatch'];
        // An empty header is not sent: the same as a missing one (D12).
        if (ifMatch === undefined || ifMatch === null || ifMatch === '') return controlError('InvalidIfMatchVersion', 'no If-Match (D12)');
        if (ifMatch !== store.controlEtag) return controlError('PreconditionFailed', 'stale If-Match (D12)');
        if (operation === 'DeleteKeyValueStore') {
          store.deleted = true;
          return ok({}, 204);
        }
        const etag = this.fresh('control-etag');
        store.comment = input['Comment'] as string;
        store.controlEtag = etag.placeholder;
        store.controlEtags.push(etag.placeholder);
        store.controlLastModified = this.state.now;
        return ok({ KeyValueStore: this.controlView(store), ETag: etag });
      }
      case 'ListKeyValueStores': {
        str(input, 'Marker', problems, {});
        str(input, 'Status', problems, {});
        int(input, 'MaxItems', problems, 1, 100);
        if (problems.length > 0) return controlError('InvalidArgument', problems.join('; '));
        let after = -1;
        const marker = input['Marker'] as string | undefined;
        if (marker !== undefined && marker !== '') {
          const issued = this.state.markers.get(marker);
          if (!issued || issued.accountId !== accountId) return controlError('InvalidArgument', 'unknown Marker');
          after = issued.after;
        }
        const max = (input['MaxItems'] as number | undefined) ?? 100;
        const wanted = input['Status'] as string | undefined;
        const rest = this.state.stores.filter((s) => !s.deleted && s.accountId === accountId && s.seq > after && (wanted === undefined || this.status(s) === wanted));
        const page = rest.slice(0, max);
        let NextMarker: unknown = '';
        if (rest.length > max) {
          const next = this.fresh('marker');
          this.state.markers.set(next.placeholder, { accountId, after: page[page.length - 1]!.seq });
          NextMarker = next;
        }
        // CloudFront leaves the Items element out of an empty list.
        const Items = page.length === 0 ? {} : { Items: page.map((s) => this.controlView(s)) };
        return ok({ KeyValueStoreList: { NextMarker, MaxItems: max, Quantity: page.length, ...Items } });
      }
      case 'ListTagsForResource':
      case 'TagResource':
      case 'UntagResource': {
        str(input, 'Resource', problems, { required: true });
        let tags: Array<[string, string]> | undefined;
        let removals: string[] = [];
        if (operation === 'TagResource') {
          if (!isObject(input['Tags'])) problems.push('Tags is required');
          else tags = this.tagItems(input['Tags'], problems, true);
        }
        if (operation === 'UntagResource') {
          const keys = input['TagKeys'];
          if (!isObject(keys)) problems.push('TagKeys is required');
          else {
            const items = keys['Items'];
            if (items !== undefined && items !== null) {
              if (!Array.isArray(items)) problems.push('TagKeys.Items must be a list');
              else for (const k of items) if (typeof k !== 'string' || codePoints(k) < 1 || codePoints(k) > 128 || !TAG_PATTERN.test(k)) problems.push('bad tag key');
              if (Array.isArray(items)) removals = items as string[];
            }
          }
        }
        if (problems.length > 0) return controlError('InvalidArgument', problems.join('; '));
        const store = this.storeByArn(input['Resource'] as string);
        if (!store || store.deleted || store.accountId !== accountId) return controlError('NoSuchResource', 'no such resource in this account');
        if (operation === 'ListTagsForResource') return ok({ Tags: { Items: new Unordered([...store.tags].map(([Key, Value]) => ({ Key, Value }))) } });
        if (operation === 'TagResource') {
          const merged = new Map(store.tags);
          for (const [k, v] of tags ?? []) merged.set(k, v);
          if (merged.size > 50) return controlError('InvalidTagging', 'more than 50 tags');
          store.tags = merged;
          return ok({}, 204);
        }
        for (const k of removals) store.tags.delete(k);
        return ok({}, 204);
      }
    }
    throw new Error(`the reference model has no control-plane operation ${operation}`);
  }

  /** The `KeyValueStore` structure of the control plane. */
  controlView(store: ModelStore): Record<string, unknown> {
    return {
      Name: store.name,
      Id: store.id,
      Comment: store.comment,
      ARN: this.arnOf(store),
      Status: this.status(store),
      LastModifiedTime: new Date(store.controlLastModified),
    };
  }

  private tagItems(raw: unknown, problems: string[], required: boolean): Array<[string, string]> | undefined {
    if (raw === undefined || raw === null) {
      if (required) problems.push('Tags is required');
      return undefined;
    }
    if (!isObject(raw)) {
      problems.push('Tags must be a structure');
      return undefined;
    }
    const items = raw['Items'];
    if (items === undefined || items === null) return [];
    if (!Array.isArray(items)) {
      problems.push('Tags.Items must be a list');
      return undefined;
    }
    const out: Array<[string, string]> = [];
    for (const item of items) {
      if (!isObject(item)) {
        problems.push('a tag must be a structure');
        continue;
      }
      str(item, 'Key', problems, { required: true, min: 1, max: 128, pattern: TAG_PATTERN }, 'Tag');
      str(item, 'Value', problems, { max: 256, pattern: TAG_PATTERN }, 'Tag');
      out.push([item['Key'] as string, (item['Value'] as string | undefined) ?? '']);
    }
    if (hasDuplicate(out.map(([k]) => k))) problems.push('a tag key twice');
    return out;
  }

  private createStore(accountId: string, name: string, comment: string, source: { SourceARN: string } | undefined, tags: Array<[string, string]>): Outcome {
    const id = this.fresh('id');
    const etag = this.fresh('control-etag');
    const dataEtag = this.fresh('data-etag');
    let items = new Map<string, string>();
    let failure: string | undefined;
    if (source) {
      const imported = this.parseImport(this.state.s3.get(S3_OBJECT_ARN.exec(source.SourceARN)![1]!));
      if ('failure' in imported) failure = imported.failure;
      else items = imported.items;
    }
    const now = this.state.now;
    const store: ModelStore = {
      seq: this.state.stores.length,
      id: id.placeholder,
      accountId,
      name,
      comment,
      created: now,
      readyAt: now + this.state.provisioningDelayMs,
      failure,
      deleted: false,
      items,
      etag: dataEtag.placeholder,
      etags: [dataEtag.placeholder],
      controlEtag: etag.placeholder,
      controlEtags: [etag.placeholder],
      lastModified: now,
      controlLastModified: now,
      tags: new Map(tags),
    };
    this.state.stores.push(store);
    const arn = this.arnOf(store);
    return ok(
      {
        KeyValueStore: { ...this.controlView(store), Id: id, Status: 'PROVISIONING' },
        ETag: etag,
        Location: `https://cloudfront.amazonaws.com/2020-05-31/key-value-store/${arn}`,
      },
      201,
    );
  }

  /** D11 and §4: the import file's format and every limit; any failure imports nothing. */
  parseImport(text: string | undefined): { items: Map<string, string> } | { failure: string } {
    if (text === undefined) return { failure: 'no such S3 object' };
    const q = this.state.quotas;
    if (bytes(text) > q.importFileSizeBytes) return { failure: 'file too large' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { failure: 'not JSON' };
    }
    if (!isObject(parsed) || !Array.isArray(parsed['data'])) return { failure: 'no data array' };
    const items = new Map<string, string>();
    for (const item of parsed['data'] as unknown[]) {
      if (!isObject(item) || typeof item['key'] !== 'string' || typeof item['value'] !== 'string') return { failure: 'bad item' };
      const key = item['key'];
      const value = item['value'];
      if (key === '' || !wellFormed(key) || !wellFormed(value) || codePoints(key) > 1024) return { failure: 'bad key or value' };
      if (bytes(key) > q.keySizeBytes || bytes(value) > q.valueSizeBytes) return { failure: 'pair over quota' };
      if (items.has(key)) return { failure: 'duplicate key' };
      items.set(key, value);
    }
    if (sizeOf(items) > q.storeSizeBytes) return { failure: 'Datasource size exceeds the allowed limit' };
    return { items };
  }
}

/**
 * A store's pairs in UTF-8 byte order (D9), with each key's bytes. Writes replace a store's Map
 * rather than change it, so the Map itself is the cache key.
 */
const SORTED = new WeakMap<Map<string, string>, Array<{ pair: [string, string]; bytes: Buffer }>>();

function sortedOf(items: Map<string, string>): Array<{ pair: [string, string]; bytes: Buffer }> {
  let sorted = SORTED.get(items);
  if (!sorted) {
    sorted = [...items].map((pair) => ({ pair, bytes: Buffer.from(pair[0], 'utf8') })).sort((a, b) => Buffer.compare(a.bytes, b.bytes));
    SORTED.set(items, sorted);
  }
  return sorted;
}

function sizeOf(items: Map<string, string>): number {
  let total = 0;
  for (const [k, v] of items) total += pairBytes(k, v);
  return total;
}

function isObject(v: unknown): v is Input {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasDuplicate(values: string[]): boolean {
  return new Set(values).size !== values.length;
}

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  oneOf?: string[];
}

function str(input: Input, name: string, problems: string[], rule: StringRule, at = ''): void {
  const v = input[name];
  const where = at ? `${at}.${name}` : name;
  if (v === undefined || v === null) {
    if (rule.required) problems.push(`${where} is required`);
    return;
  }
  if (typeof v !== 'string') return void problems.push(`${where} must be a string`);
  if (!wellFormed(v)) return void problems.push(`${where} has a lone surrogate`);
  const n = codePoints(v);
  if (rule.min !== undefined && n < rule.min) return void problems.push(`${where} too short`);
  if (rule.max !== undefined && n > rule.max) return void problems.push(`${where} too long`);
  if (rule.pattern && !rule.pattern.test(v)) return void problems.push(`${where} breaks its pattern`);
  if (rule.oneOf && !rule.oneOf.includes(v)) return void problems.push(`${where} not in its enum`);
}

function int(input: Input, name: string, problems: string[], min: number, max: number): void {
  const v = input[name];
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v)) return void problems.push(`${name} must be an integer`);
  if (v < min || v > max) problems.push(`${name} out of ${min}..${max}`);
}

function listOf(input: Input, name: string, problems: string[], each: (item: Input, at: string) => void): Input[] {
  const v = input[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    problems.push(`${name} must be a list`);
    return [];
  }
  const out: Input[] = [];
  v.forEach((item, i) => {
    if (!isObject(item)) return void problems.push(`${name}.${i} must be a structure`);
    each(item, `${name}.${i}`);
    out.push(item);
  });
  return out;
}
