import type { ConformanceCase } from '../harness/case';
export const functionsRuntimeCases: ConformanceCase[] = [];
