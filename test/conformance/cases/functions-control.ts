import type { ConformanceCase } from '../harness/case';
export const functionsControlCases: ConformanceCase[] = [];
