import { serviceError } from '../../errors';
import type { FunctionStage } from '../../core/functions';
import { checkEvent, invokeFunction, type InvocationResult } from '../../functions';
import type { Operation } from '../types';
import { blob, validate } from '../shapes';
import { IF_MATCH } from './common';
import { FUNCTION_NAME, STAGE, checkFunctionIfMatch, findFunction, findStage, functionSummary } from './function-common';

export interface TestFunctionInput {
  Name: string;
  IfMatch?: string;
  Stage?: FunctionStage;
  EventObject: Uint8Array | string;
}

/** The input shape of the model; a missing IfMatch is InvalidIfMatchVersion (F4). */
const INPUT = { Name: FUNCTION_NAME, IfMatch: IF_MATCH, Stage: STAGE, EventObject: blob({ required: true, min: 0, max: 40960 }) };

const utf8 = new TextDecoder();

/**
 * TestFunction (F9): runs the tested stage's code (DEVELOPMENT by default; IfMatch is that
 * stage's ETag) on the event, against its associated store as it is at the call. Whatever the
 * function itself does wrong is a 200 result with `FunctionErrorMessage` set; TestFunctionFailed
 * is raised only by fault injection.
 */
export const testFunction: Operation<unknown> = {
  name: 'TestFunction',
  plane: 'control',
  run(raw, { service, accountId }) {
    const input = validate<TestFunctionInput>(raw, INPUT, 'InvalidArgument');
    const fn = findFunction(service, accountId, input.Name);
    const stage = input.Stage ?? 'DEVELOPMENT';
    findStage(fn, stage);
    checkFunctionIfMatch(fn, stage, input.IfMatch);
    const event = parseEvent(input.EventObject);
    // What the answer shows of the function, and the instant it runs at, are taken now: the
    // call's pin on the clock ends when this returns, before an async function settles.
    const summary = functionSummary(fn, stage);
    // Header problems CloudFront answers 502 for in production are the result's productionError,
    // which TestFunction does not show: it "only validates against function execution errors".
    const result = invokeFunction({ ...service.stageToRun(fn, stage)!, event, now: service.now(), distributionTenant: service.distributionTenant });
    const answer = (done: InvocationResult) => ({
      TestResult: {
        FunctionSummary: summary,
        ComputeUtilization: String(Math.round(done.computeUtilization)),
        FunctionExecutionLogs: done.logs,
        FunctionErrorMessage: done.errorMessage,
        FunctionOutput: done.functionOutput,
      },
    });
    return result instanceof Promise ? result.then(answer) : answer(result);
  },
};

/** The event as JSON, checked to be a CloudFront Functions event, or InvalidArgument saying why. */
function parseEvent(bytes: Uint8Array | string): unknown {
  const text = typeof bytes === 'string' ? bytes : utf8.decode(bytes);
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    throw serviceError('InvalidArgument', `The EventObject is not JSON: ${(error as Error).message}. Pass the test event as JSON text or its UTF-8 bytes.`);
  }
  const reason = checkEvent(event);
  if (reason !== undefined) throw serviceError('InvalidArgument', `The EventObject is not a CloudFront Functions event: ${reason}.`);
  return event;
}
