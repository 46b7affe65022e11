import type { ConformanceCase } from '../harness/case';
export const controlPlaneCases: ConformanceCase[] = [];
