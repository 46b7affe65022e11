/**
 * CloudFront Functions as the control plane keeps them: a DEVELOPMENT copy and, once published,
 * a LIVE copy, each with its config, code and ETag. Knows nothing of the SDK or of running code.
 */

/** The two runtimes of the model's `FunctionRuntime`. */
export type FunctionRuntime = 'cloudfront-js-1.0' | 'cloudfront-js-2.0';

/** A function's stage: what it is being edited as, and what was published. */
export type FunctionStage = 'DEVELOPMENT' | 'LIVE';

export const FUNCTION_STAGES: readonly FunctionStage[] = ['DEVELOPMENT', 'LIVE'];

/** One stage's copy of a function. Replaced whole on every change, never edited in place. */
export interface FunctionCopy {
  readonly comment: string;
  readonly runtime: FunctionRuntime;
  /** The ARN of the associated key value store (at most one), if any. */
  readonly keyValueStoreArn: string | undefined;
  /** Whether the caller gave `KeyValueStoreAssociations` (Quantity 0 included): answers echo the config as given. */
  readonly associationsGiven: boolean;
  readonly code: Uint8Array;
  /** The control-plane ETag (`E…`) of this stage. */
  readonly etag: string;
  readonly lastModified: number;
}

export interface FunctionInit {
  name: string;
  accountId: string;
  created: number;
  development: FunctionCopy;
  tags?: Iterable<[string, string]> | undefined;
}

/** One CloudFront function of an account. */
export class CloudFrontFunction {
  readonly name: string;
  readonly accountId: string;
  readonly arn: string;
  readonly created: number;
  readonly tags: Map<string, string>;
  development: FunctionCopy;
  /** Undefined until the first PublishFunction. */
  live: FunctionCopy | undefined;
  /** The DEVELOPMENT ETag that was published last: DEVELOPMENT is unpublished while its ETag differs. */
  publishedFrom: string | undefined;

  constructor(init: FunctionInit) {
    this.name = init.name;
    this.accountId = init.accountId;
    this.arn = functionArn(init.accountId, init.name);
    this.created = init.created;
    this.development = init.development;
    this.live = undefined;
    this.publishedFrom = undefined;
    this.tags = new Map(init.tags);
  }

  /** The copy of `stage`, or undefined (LIVE before the first publish). */
  stage(stage: FunctionStage): FunctionCopy | undefined {
    return stage === 'DEVELOPMENT' ? this.development : this.live;
  }

  /**
   * The status a stage's summary shows: `UNPUBLISHED` for a DEVELOPMENT copy that was never
   * published as it is, else `UNASSOCIATED` (no distributions are simulated, so nothing is deployed).
   */
  status(stage: FunctionStage): 'UNPUBLISHED' | 'UNASSOCIATED' {
    return stage === 'DEVELOPMENT' && this.publishedFrom !== this.development.etag ? 'UNPUBLISHED' : 'UNASSOCIATED';
  }

  /** Whether either stage is associated with the store `storeArn`. */
  uses(storeArn: string): boolean {
    return this.development.keyValueStoreArn === storeArn || this.live?.keyValueStoreArn === storeArn;
  }

  /** Copies DEVELOPMENT to LIVE, under a new LIVE ETag, at `now`. */
  publish(now: number, etag: string): void {
    this.live = { ...this.development, etag, lastModified: now };
    this.publishedFrom = this.development.etag;
  }
}

/** `arn:aws:cloudfront::{account}:function/{name}`: a function's ARN follows from its name. */
export function functionArn(accountId: string, name: string): string {
  return `arn:aws:cloudfront::${accountId}:function/${name}`;
}

/** The account and name a function ARN names, or undefined when it is not one. */
export function parseFunctionArn(arn: string): { accountId: string; name: string } | undefined {
  const match = /^arn:aws:cloudfront::(\d{12}):function\/([a-zA-Z0-9-_]{1,64})$/.exec(arn);
  return match ? { accountId: match[1]!, name: match[2]! } : undefined;
}
