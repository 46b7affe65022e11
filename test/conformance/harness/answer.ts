import { maskValue, maskText } from './mask';

/** What the service answered to one step of a case, masked: the unit a recording keeps. */
export interface Answer {
  step: string;
  operation: string;
  /** HTTP status; `null` when the SDK refused the call before sending it. */
  status: number | null;
  output?: unknown;
  error?: { name: string; fault: string | null; message: string };
}

interface SdkError {
  name?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The answer a step got: its output, or the error the caller saw. */
export function answerOf(step: string, operation: string, outcome: { output: unknown } | { error: unknown }, prefix: string): Answer {
  if ('output' in outcome) {
    const status = (outcome.output as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode ?? null;
    return { step, operation, status, output: maskValue(outcome.output, prefix) };
  }
  const error = outcome.error as SdkError;
  return {
    step,
    operation,
    status: error?.$metadata?.httpStatusCode ?? null,
    error: { name: String(error?.name), fault: error?.$fault ?? null, message: maskText(String(error?.message ?? ''), prefix) },
  };
}
