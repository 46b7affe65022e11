import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator, type KvsSimulator, type KvsSimulatorOptions } from '../../../src';
import { answerOf, type Answer } from './answer';
import { Resources } from './resources';

/** jest's `expect` (the standalone `expect` package outside jest, for the dry run). */
export type Expect = typeof import('expect').expect;

type Sendable = { send(command: any): Promise<any> };

/** What a case body gets: the target's clients, its resources, and a recorded `step`. */
export interface CaseContext {
  data: CloudFrontKeyValueStoreClient;
  control: CloudFrontClient;
  /** The double, when the target has one in this process; `undefined` against AWS. */
  kvs: KvsSimulator | undefined;
  expect: Expect;
  /** Creates stores and functions named with the run prefix, tagged, deleted in teardown. */
  res: Resources;
  /** Sends one command as a step of the case: its masked answer is recorded (AWS) or compared. */
  step<T = any>(label: string, client: Sendable, command: { constructor: { name: string } }, options?: StepOptions): Promise<Step<T>>;
}

export interface StepOptions {
  /**
   * The part of a successful output that is the case's (a listing narrowed to the case's own
   * resources: an AWS account holds others); the whole output is what the caller gets back.
   */
  select?: (output: any) => unknown;
}

export interface Step<T> {
  answer: Answer;
  output?: T;
  error?: any;
}

/** One conformance case: the decision it settles and the steps that show AWS's answer. */
export interface ConformanceCase {
  /** Also the name of its recording, `recordings/<id>.json`. */
  id: string;
  /** The spec decision or Caveat it settles: `D1`, `F5`, `Caveat` (docs name the case). */
  settles: string;
  title: string;
  /** Why the case needs the double's own controls; such a case is skipped against AWS. */
  simulatorOnly?: string;
  /** Options of the double for this case (ignored against AWS). */
  simulator?: KvsSimulatorOptions;
  run(t: CaseContext): Promise<void>;
}

/** Where a run sends: clients for the case's simulator (or none, against AWS), and the run prefix. */
export interface RunEnv {
  prefix: string;
  simulator: boolean;
  clients(kvs: KvsSimulator | undefined): { data: CloudFrontKeyValueStoreClient; control: CloudFrontClient };
  expect: Expect;
  pollMs?: number;
}

export interface CaseResult {
  answers: Answer[];
  failure: unknown;
  /** Resources teardown could not delete (named for the cleanup command). */
  leftovers: string[];
  kvs: KvsSimulator | undefined;
  created: Resources['created'];
}

/** Runs one case: its body, then the teardown of all it created even when the body failed. */
export async function runCase(c: ConformanceCase, env: RunEnv): Promise<CaseResult> {
  const kvs = env.simulator ? createKvsSimulator({ seed: 'conformance', ...c.simulator }) : undefined;
  const { data, control } = env.clients(kvs);
  const res = new Resources(control, env.prefix, c.id, env.pollMs);
  const answers: Answer[] = [];
  const step = async (label: string, client: Sendable, command: { constructor: { name: string } }, options: StepOptions = {}) => {
    const operation = command.constructor.name.replace(/Command$/, '');
    try {
      const output = await client.send(command);
      const recorded = options.select ? { ...(options.select(output) as object), $metadata: output?.$metadata } : output;
      const answer = answerOf(label, operation, { output: recorded }, env.prefix);
      answers.push(answer);
      return { answer, output };
    } catch (error) {
      const answer = answerOf(label, operation, { error }, env.prefix);
      answers.push(answer);
      return { answer, error };
    }
  };
  let failure: unknown;
  try {
    await c.run({ data, control, kvs, expect: env.expect, res, step });
  } catch (error) {
    failure = error;
  }
  const leftovers = await res.teardown();
  return { answers, failure, leftovers, kvs, created: res.created };
}
