import type { ConformanceCase } from '../harness/case';
import { controlPlaneCases } from './control-plane';
import { dataPlaneCases } from './data-plane';
import { functionsControlCases } from './functions-control';
import { functionsRuntimeCases } from './functions-runtime';

/** Every conformance case; ids are unique (each names a recording file). */
export const CASES: ConformanceCase[] = [...dataPlaneCases, ...controlPlaneCases, ...functionsControlCases, ...functionsRuntimeCases];
