import {
  CreateFunctionCommand,
  CreateKeyValueStoreCommand,
  DeleteFunctionCommand,
  DeleteKeyValueStoreCommand,
  DescribeFunctionCommand,
  DescribeKeyValueStoreCommand,
  type CloudFrontClient,
  type CreateFunctionCommandInput,
  type CreateKeyValueStoreCommandInput,
} from '@aws-sdk/client-cloudfront';
import { CASE_TAG, PREFIX_TAG, resourceName } from './run-prefix';

/** A store or function a case created, to delete in teardown. */
export interface Resource {
  kind: 'store' | 'function';
  name: string;
}

/** How long a new store may stay PROVISIONING on AWS before the case gives up. */
const READY_TIMEOUT_MS = 5 * 60_000;

/**
 * Creates what a case needs, named with the run prefix and tagged with it and the case, and
 * remembers it; `teardown()` deletes all of it, functions first (they hold associations).
 */
export class Resources {
  readonly created: Resource[] = [];
  private count = 0;

  constructor(
    private readonly control: CloudFrontClient,
    readonly prefix: string,
    readonly caseId: string,
    private readonly pollMs = 2_000,
  ) {}

  /** The next resource name of this case. */
  name(): string {
    return resourceName(this.prefix, this.caseId, ++this.count);
  }

  tags() {
    return { Items: [{ Key: PREFIX_TAG, Value: this.prefix }, { Key: CASE_TAG, Value: this.caseId }] };
  }

  /** A READY store: created, then described until it leaves PROVISIONING. */
  async store(input: Partial<CreateKeyValueStoreCommandInput> = {}) {
    const name = input.Name ?? this.name();
    this.created.push({ kind: 'store', name });
    await this.control.send(new CreateKeyValueStoreCommand({ Name: name, Tags: this.tags(), ...input }));
    return this.settled(name);
  }

  /** A store just created, not waited for (it may still be PROVISIONING). */
  async storeNow() {
    const name = this.track('store', this.name());
    const out = await this.control.send(new CreateKeyValueStoreCommand({ Name: name, Tags: this.tags() }));
    return { name, arn: out.KeyValueStore!.ARN!, etag: out.ETag! };
  }

  /** The store once it has left PROVISIONING (READY, or IMPORT_FAILURE after an import). */
  async settled(name: string) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const out = await this.control.send(new DescribeKeyValueStoreCommand({ Name: name }));
      const status = out.KeyValueStore?.Status;
      if (status !== 'PROVISIONING') return { name, arn: out.KeyValueStore!.ARN!, etag: out.ETag!, status };
      if (Date.now() > deadline) throw new Error(`store ${name} still PROVISIONING after ${READY_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  /** A function in DEVELOPMENT (runtime 2.0, pass-through code unless given). */
  async fn(input: Partial<CreateFunctionCommandInput> = {}) {
    const name = input.Name ?? this.name();
    this.created.push({ kind: 'function', name });
    const out = await this.control.send(
      new CreateFunctionCommand({
        Name: name,
        FunctionCode: new TextEncoder().encode('function handler(event) { return event.request; }'),
        FunctionConfig: { Comment: '', Runtime: 'cloudfront-js-2.0' },
        Tags: this.tags(),
        ...input,
      }),
    );
    return { name, etag: out.ETag!, arn: out.FunctionSummary!.FunctionMetadata!.FunctionARN! };
  }

  /** A name the case creates itself (through a recorded step): deleted in teardown too. */
  track(kind: Resource['kind'], name: string): string {
    this.created.push({ kind, name });
    return name;
  }

  /** Deletes every resource this case created, whatever happened; the names it could not delete. */
  async teardown(): Promise<string[]> {
    return deleteAll(this.control, this.created);
  }
}

/** The ARN of a store of the same account as `arn` that does not exist. */
export function missingStoreArn(arn: string): string {
  return arn.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000');
}

/**
 * Deletes the named resources, functions first (a store in use by a function cannot go), each
 * with its current ETag; one that is already gone counts as deleted. Returns what failed.
 */
export async function deleteAll(control: CloudFrontClient, resources: readonly Resource[]): Promise<string[]> {
  const failed: string[] = [];
  const ordered = [...resources.filter((r) => r.kind === 'function'), ...resources.filter((r) => r.kind === 'store')];
  const seen = new Set<string>();
  for (const resource of ordered) {
    const key = `${resource.kind}:${resource.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      if (resource.kind === 'function') {
        const { ETag } = await control.send(new DescribeFunctionCommand({ Name: resource.name }));
        await control.send(new DeleteFunctionCommand({ Name: resource.name, IfMatch: ETag! }));
      } else {
        const { ETag } = await control.send(new DescribeKeyValueStoreCommand({ Name: resource.name }));
        await control.send(new DeleteKeyValueStoreCommand({ Name: resource.name, IfMatch: ETag! }));
      }
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== 'NoSuchFunctionExists' && name !== 'EntityNotFound') failed.push(`${key} (${name}: ${(error as Error).message})`);
    }
  }
  return failed;
}
