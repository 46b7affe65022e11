import vm from 'node:vm';
import { KvsMockUsageError } from '../errors';
import { checkEvent } from './events';
import { checkLanguage, LanguageError } from './language';
import { cpuMicros, createRealm, type Realm } from './realm';
import { trackingPromises } from './rejections';
import { FUNCTION_RUNTIMES, type FunctionError, type DistributionTenant, type FunctionRuntime, type InvocationInput, type InvocationResult, type OriginCall, type ProductionError } from './types';

/** Prefix of every `FunctionErrorMessage` (F10). */
export const ERROR_PREFIX = 'The CloudFront function associated with the CloudFront distribution is invalid or could not run. ';

/** Defaults of {@link InvocationLimits}. */
export const DEFAULT_COMPUTE_BUDGET_MS = 1;
export const DEFAULT_TIME_LIMIT_MS = 500;
const DEFAULT_EDGE = { name: 'IAD', serverIp: '203.0.113.10', region: 'us-east-1' };

/** Compiled code by runtime and source text: a function is parsed and compiled once. */
const compiled = new Map<string, vm.Script | FunctionError>();
const COMPILED_LIMIT = 200;
/** One reusable context per runtime (see realm.ts). */
const realms = new Map<FunctionRuntime, Realm>();

function compile(code: string, runtime: FunctionRuntime): vm.Script | FunctionError {
  const key = runtime + '\0' + code;
  const hit = compiled.get(key);
  if (hit) {
    // Most recently used last, so the oldest is dropped first.
    compiled.delete(key);
    compiled.set(key, hit);
    return hit;
  }
  let entry: vm.Script | FunctionError;
  try {
    entry = new vm.Script(checkLanguage(code, runtime).wrapped, { filename: 'function.js' });
  } catch (error) {
    entry = error instanceof LanguageError ? { name: 'SyntaxError', message: error.message } : { name: 'SyntaxError', message: String((error as Error).message) };
  }
  if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, entry);
  return entry;
}

/** V8's wording of the commonest failures in njs's, which CloudFront reports. */
function njsWording({ name, message }: FunctionError): FunctionError {
  let m = /^Cannot read properties of (undefined|null) \(reading '(.*)'\)$/.exec(message);
  if (m) return { name, message: `cannot get property "${m[2]}" of ${m[1]}` };
  m = /^Cannot set properties of (undefined|null) \(setting '(.*)'\)$/.exec(message);
  if (m) return { name, message: `cannot set property "${m[2]}" of ${m[1]}` };
  m = /^([^"\s]+) is not defined$/.exec(message);
  if (m && name === 'ReferenceError') return { name, message: `"${m[1]}" is not defined` };
  return { name, message };
}

type Outcome = {
  output?: string;
  error?: FunctionError;
  logs: string[];
  originCalls: OriginCall[];
  warnings: string[];
  customData?: string;
  productionError?: string;
  reusable: boolean;
};

function failed(error: FunctionError, logs: string[] = [], computeUtilization = 0, warnings: string[] = []): InvocationResult {
  return { functionOutput: '', error, errorMessage: `${ERROR_PREFIX}${error.name}: ${error.message}`, logs, computeUtilization, originCalls: [], warnings };
}

/** The event as a multi-tenant distribution sends it: `context.endpoint` instead of `distributionDomainName`. */
function tenantEvent(event: unknown, tenant: DistributionTenant): unknown {
  const e = event as { context: Record<string, unknown> };
  const { distributionDomainName, ...context } = e.context;
  const endpoint = tenant.endpoint ?? context.endpoint ?? distributionDomainName;
  return { ...e, context: endpoint === undefined ? context : { ...context, endpoint } };
}

/**
 * Runs a function's code against an event as CloudFront Functions does, reading `store` as it is
 * now. Synchronous: the store is read in place and every promise settles within the call. A
 * failure of the function itself is a result with an `error`, never an exception.
 *
 * @example
 * ```ts
 * const result = invokeFunction({ code, runtime: 'cloudfront-js-2.0', event, store, now: Date.now() });
 * if (result.error) console.log(result.errorMessage);
 * ```
 */
export function invokeFunction(input: InvocationInput): InvocationResult {
  // The callers check these first, with their own errors; a slip is a usage error, never a crash.
  if (!FUNCTION_RUNTIMES.includes(input.runtime)) throw new KvsMockUsageError(`invokeFunction(): unknown runtime ${JSON.stringify(input.runtime)}.`);
  const reason = checkEvent(input.event);
  if (reason) throw new KvsMockUsageError(`invokeFunction(): ${reason}.`);
  const script = compile(input.code, input.runtime);
  if (!(script instanceof vm.Script)) return failed(script);
  const budget = input.limits?.computeBudgetMs ?? DEFAULT_COMPUTE_BUDGET_MS;
  const limit = input.limits?.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  let realm = realms.get(input.runtime);
  if (!realm) {
    realm = createRealm(input.runtime);
    realms.set(input.runtime, realm);
  }
  const wrapper = script.runInContext(realm.context);
  const stopMessage = `The function ran past the time limit (${limit} ms) and was stopped`;
  const tenant = input.distributionTenant;
  const eventJson = JSON.stringify(tenant ? tenantEvent(input.event, tenant) : input.event);
  const tenantJson = tenant ? JSON.stringify({ id: tenant.id, parameters: tenant.parameters ?? {} }) : undefined;
  realm.api.prepare(wrapper, eventJson, input.now, input.store?.id, JSON.stringify(input.edgeLocation ?? DEFAULT_EDGE), realm.entryKey, limit, stopMessage, tenantJson, input.rawQueryString);
  realm.store = input.store;
  const started = cpuMicros();
  realm.started = started;
  let stopped = false;
  try {
    const { start, context } = realm;
    // No engine timeout: its watchdog thread costs ~85 µs a call, and terminating code inside
    // promise jobs upsets Node's async hooks. The checks the language pass puts in every
    // function and loop enforce the limit instead (see sandbox/driver.ts).
    trackingPromises(() => start.runInContext(context));
  } catch {
    // Only an uncatchable failure gets here (the driver catches what the function throws): the
    // context's state is unknown now.
    stopped = true;
  }
  const elapsedMs = (cpuMicros() - started) / 1000;
  realm.store = undefined;
  const utilization = Math.min(100, Math.max(0, Math.round((elapsedMs / budget) * 100)));
  if (stopped) {
    realms.delete(input.runtime);
    return failed({ name: 'InternalError', message: 'The function could not run to its end' }, [], utilization);
  }
  let outcome: Outcome;
  let output: InvocationResult['output'];
  try {
    outcome = JSON.parse(realm.api.collect()) as Outcome;
    if (!outcome.error && typeof outcome.output === 'string') output = JSON.parse(outcome.output) as InvocationResult['output'];
  } catch {
    realms.delete(input.runtime);
    return failed({ name: 'InternalError', message: 'The function left the runtime in a state it cannot report from' }, [], utilization);
  }
  if (!outcome.reusable) realms.delete(input.runtime);
  if (outcome.error || output === undefined) {
    const error = njsWording(outcome.error ?? { name: 'Error', message: 'The function returned nothing' });
    return failed(error, outcome.logs, error.message === stopMessage ? 100 : utilization, outcome.warnings);
  }
  const result: InvocationResult = {
    output,
    functionOutput: outcome.output!,
    errorMessage: '',
    logs: outcome.logs,
    computeUtilization: utilization,
    originCalls: outcome.originCalls,
    warnings: outcome.warnings,
  };
  if (outcome.customData !== undefined) result.customData = outcome.customData;
  if (outcome.productionError !== undefined) result.productionError = { statusCode: 502, message: outcome.productionError } satisfies ProductionError;
  return result;
}
