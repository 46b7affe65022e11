import { inProcess } from '../../helpers/targets/inprocess';
import { runCase, type ConformanceCase, type Expect } from './case';

/**
 * What an AWS run would create and send, found by running every case against the double with
 * the run's names: the same steps, the same resources, the same teardown. Only the waits for a
 * store to leave PROVISIONING differ; they are estimated.
 */
export interface CasePlan {
  id: string;
  settles: string;
  /** Why the case is skipped against AWS, when it is. */
  skipped?: string;
  stores: string[];
  functions: string[];
  dataCalls: number;
  controlCalls: number;
  testFunctionCalls: number;
}

export interface Plan {
  prefix: string;
  cases: CasePlan[];
  totals: { stores: number; functions: number; dataCalls: number; controlCalls: number; testFunctionCalls: number; calls: number };
  costUsd: number;
}

/** DescribeKeyValueStore polls per new store while AWS provisions it (every 2 s, about 30 s). */
export const POLLS_PER_STORE = 15;

/**
 * Price per 1,000 API calls used for the estimate, applied to every call of both planes as an
 * upper bound (CloudFront does not bill its control-plane API; docs/conformance.md#cost).
 */
export const USD_PER_1000_CALLS = 1.0;

export async function planRun(cases: readonly ConformanceCase[], prefix: string, expect: Expect): Promise<Plan> {
  const planned: CasePlan[] = [];
  for (const c of cases) {
    if (c.simulatorOnly) {
      planned.push({ id: c.id, settles: c.settles, skipped: c.simulatorOnly, stores: [], functions: [], dataCalls: 0, controlCalls: 0, testFunctionCalls: 0 });
      continue;
    }
    const result = await runCase(c, { prefix, simulator: true, expect, clients: (kvs) => inProcess.clients(kvs, {}), pollMs: 0 });
    if (result.failure) throw new Error(`case ${c.id} fails against the double, so it cannot be planned: ${String((result.failure as Error).message ?? result.failure)}`);
    const calls = result.kvs!.calls();
    const stores = unique(result.created.filter((r) => r.kind === 'store').map((r) => r.name));
    planned.push({
      id: c.id,
      settles: c.settles,
      stores,
      functions: unique(result.created.filter((r) => r.kind === 'function').map((r) => r.name)),
      dataCalls: calls.filter((call) => call.plane === 'data').length,
      controlCalls: calls.filter((call) => call.plane === 'control').length + stores.length * POLLS_PER_STORE,
      testFunctionCalls: calls.filter((call) => call.operation === 'TestFunction').length,
    });
  }
  const sum = (pick: (p: CasePlan) => number) => planned.reduce((total, p) => total + pick(p), 0);
  const totals = {
    stores: sum((p) => p.stores.length),
    functions: sum((p) => p.functions.length),
    dataCalls: sum((p) => p.dataCalls),
    controlCalls: sum((p) => p.controlCalls),
    testFunctionCalls: sum((p) => p.testFunctionCalls),
    calls: 0,
  };
  totals.calls = totals.dataCalls + totals.controlCalls;
  return { prefix, cases: planned, totals, costUsd: Math.round((totals.calls / 1000) * USD_PER_1000_CALLS * 100) / 100 };
}

const unique = (names: string[]) => [...new Set(names)];

/** The plan as the dry run prints it. */
export function formatPlan(plan: Plan): string {
  const lines = [`AWS conformance run, prefix ${plan.prefix} (nothing is created by this dry run)`, ''];
  lines.push('case'.padEnd(34) + 'settles'.padEnd(9) + 'stores  functions  data calls  control calls');
  for (const p of plan.cases) {
    if (p.skipped) lines.push(`${p.id.padEnd(34)}${p.settles.padEnd(9)}skipped on AWS: ${p.skipped}`);
    else lines.push(`${p.id.padEnd(34)}${p.settles.padEnd(9)}${String(p.stores.length).padStart(6)}${String(p.functions.length).padStart(11)}${String(p.dataCalls).padStart(12)}${String(p.controlCalls).padStart(15)}`);
  }
  const t = plan.totals;
  lines.push('');
  lines.push(`would create ${t.stores} key value stores and ${t.functions} functions, every one named ${plan.prefix}-<case>-<n>, tagged, deleted by the run`);
  lines.push(`would send about ${t.calls} API calls: ${t.dataCalls} data plane, ${t.controlCalls} control plane (${t.testFunctionCalls} TestFunction; ${POLLS_PER_STORE} DescribeKeyValueStore polls counted per store)`);
  lines.push(`rough cost: at most $${plan.costUsd.toFixed(2)} (every call at $${USD_PER_1000_CALLS.toFixed(2)} per 1,000 API calls; stores and functions cost nothing while they exist, docs/conformance.md#cost)`);
  return lines.join('\n');
}
