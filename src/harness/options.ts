/** The simulator's own options, and the checks that turn a misuse into a usage error that says what to do. */
import type { Clock } from '../core/clock';
import { DEFAULT_QUOTAS, type Quotas } from '../core/quotas';
import { KvsMockUsageError } from '../errors';
import type { DistributionTenant } from '../functions/types';
import { checkDistributionTenant } from '../functions/tenant';
import type { UnhandledPolicy } from '../sdk/middleware';
import type { KvsSnapshot } from './snapshot';

/** Options of {@link createKvsSimulator}. Every one is optional. */
export interface KvsSimulatorOptions {
  /** The account that owns stores created through attached CloudFront clients and seeding (default `123456789012`). */
  accountId?: string;
  /** Where simulated time comes from, in epoch ms or as a Date (default: `Date.now()`; read once per call, so jest/vitest fake timers apply and a call happens at one instant). */
  clock?: Clock;
  /** Seeds the ids, ETags, request ids and page tokens so a run can be replayed (default: random; read it back from `simulator.seed`). */
  seed?: number | string;
  /** Overrides of AWS's default quotas. */
  quotas?: Partial<Quotas>;
  /** How long a created store stays `PROVISIONING` on the simulator's clock (default 0: `READY` on the next call). */
  provisioningDelayMs?: number;
  /** What to do with other commands of these clients, e.g. CreateDistribution (default `'throw'`). */
  onUnhandled?: UnhandledPolicy;
  /**
   * Starts from this snapshot (from {@link KvsSimulator.snapshot}, or its JSON text) instead of an
   * empty service; `reset()` returns to it. The snapshot fixes the seed and the default account;
   * its quotas and provisioning delay apply unless `quotas` or `provisioningDelayMs` are given.
   */
  snapshot?: KvsSnapshot | string;
  /**
   * Lets requests that no simulator answers reach AWS (default false: while this simulator is
   * installed or has attached clients, such a request of either client, and the SDK's credential
   * lookups at instance metadata or container endpoints, fail at once with a `KvsMockUsageError`).
   */
  allowNetwork?: boolean;
  /**
   * Runs every function as for this distribution tenant of a multi-tenant distribution, in
   * TestFunction and `simulator.runFunction()` (whose own `distributionTenant` option wins):
   * `cf.distributionTenant` and `event.context.endpoint` answer. Change it with
   * `setDistributionTenant()`. Default none (a standard distribution).
   */
  distributionTenant?: DistributionTenant;
}

/** Options of {@link KvsSimulator.attach}. */
export interface AttachOptions {
  /** The account a CloudFront (control-plane) client acts for (default: the simulator's `accountId`). */
  accountId?: string;
}

const OPTION_KEYS = ['accountId', 'clock', 'seed', 'quotas', 'provisioningDelayMs', 'onUnhandled', 'snapshot', 'allowNetwork', 'distributionTenant'] as const;
const ACCOUNT_ID = /^\d{12}$/;

/** A 12-digit string: a number would pass the pattern and then name a different account. */
export const isAccountId = (id: unknown): id is string => typeof id === 'string' && ACCOUNT_ID.test(id);

/** `accountId`, checked for `where` (e.g. `seedStore()`). */
export function checkAccountId(accountId: unknown, where: string): string {
  if (!isAccountId(accountId)) throw new KvsMockUsageError(`${where}: accountId must be 12 digits, got ${JSON.stringify(accountId)}.`);
  return accountId;
}

/** Refuses a non-object and any key not in `known`, naming the known ones. */
export function checkKeys(object: object, known: readonly string[], where: string): void {
  if (typeof object !== 'object' || object === null) throw new KvsMockUsageError(`${where} must be an object.`);
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new KvsMockUsageError(`${where}: unknown option ${JSON.stringify(key)}. Known options: ${known.join(', ')}.`);
  }
}

/** The options of `createKvsSimulator()`, each checked before anything is built. */
export function checkOptions(options: KvsSimulatorOptions): void {
  checkKeys(options, OPTION_KEYS, 'createKvsSimulator(options)');
  if (options.accountId !== undefined) checkAccountId(options.accountId, 'createKvsSimulator()');
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new KvsMockUsageError('createKvsSimulator(): clock must be a function returning epoch milliseconds or a Date, e.g. manualClock().');
  }
  if (options.seed !== undefined && typeof options.seed !== 'string' && typeof options.seed !== 'number') {
    throw new KvsMockUsageError('createKvsSimulator(): seed must be a string or a number.');
  }
  const delay = options.provisioningDelayMs;
  if (delay !== undefined && (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)) {
    throw new KvsMockUsageError(`createKvsSimulator(): provisioningDelayMs must be a number of milliseconds >= 0, got ${String(delay)}.`);
  }
  if (options.allowNetwork !== undefined && typeof options.allowNetwork !== 'boolean') {
    throw new KvsMockUsageError(`createKvsSimulator(): allowNetwork must be true or false, got ${JSON.stringify(options.allowNetwork)}.`);
  }
  const policy = options.onUnhandled;
  if (policy !== undefined && policy !== 'throw' && policy !== 'passthrough' && typeof policy !== 'function') {
    throw new KvsMockUsageError(`createKvsSimulator(): onUnhandled must be 'throw', 'passthrough' or a function, got ${JSON.stringify(policy)}.`);
  }
  if (options.distributionTenant !== undefined) checkDistributionTenant(options.distributionTenant, 'createKvsSimulator()');
  if (options.quotas !== undefined) {
    checkKeys(options.quotas, Object.keys(DEFAULT_QUOTAS), 'createKvsSimulator({ quotas })');
    for (const [key, value] of Object.entries(options.quotas)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw new KvsMockUsageError(`createKvsSimulator({ quotas }): ${key} must be a whole number >= 1, got ${String(value)}.`);
      }
    }
  }
}
