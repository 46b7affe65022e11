import { runFunction, viewerRequestEvent, type FunctionRuntime, type FunctionResult } from '../../src';

export const RUNTIMES: FunctionRuntime[] = ['cloudfront-js-1.0', 'cloudfront-js-2.0'];

/** Runs `code` (a handler's body can use `event`) against a default viewer-request event. */
export function run(code: string, runtime: FunctionRuntime = 'cloudfront-js-2.0', extra: Record<string, unknown> = {}): FunctionResult {
  return runFunction({ code, runtime, event: viewerRequestEvent({ uri: '/index.html' }), ...extra });
}

/** The value a 2.0 function logged as its only line: `console.log(JSON.stringify(expr))`. */
export function logged(expr: string, runtime: FunctionRuntime = 'cloudfront-js-2.0', extra: Record<string, unknown> = {}): unknown {
  const result = run(`function handler(event) { console.log(JSON.stringify(${expr})); return event.request; }`, runtime, extra);
  if (result.error) throw new Error(`${result.error.name}: ${result.error.message}`);
  return JSON.parse(result.logs[0]!);
}
