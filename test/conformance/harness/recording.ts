import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Answer } from './answer';

/** One case as AWS answered it, kept under version control (test/conformance/recordings/<case>.json). */
export interface Recording {
  case: string;
  /** The decision of the spec the case settles, e.g. `D1`. */
  settles: string;
  recordedAt: string;
  region: string;
  sdk: Record<string, string>;
  answers: Answer[];
}

export const RECORDINGS = join(__dirname, '..', 'recordings');

export function recordingPath(caseId: string, dir = RECORDINGS): string {
  return join(dir, `${caseId}.json`);
}

export function readRecording(caseId: string, dir = RECORDINGS): Recording | undefined {
  const path = recordingPath(caseId, dir);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Recording) : undefined;
}

export function writeRecording(recording: Recording, dir = RECORDINGS): string {
  const path = recordingPath(recording.case, dir);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(recording, null, 2)}\n`);
  return path;
}

/** Where the double's answers differ from the recorded ones: one line per differing step, empty when they agree. */
export function differences(recorded: Answer[], actual: Answer[]): string[] {
  const lines: string[] = [];
  const steps = Math.max(recorded.length, actual.length);
  for (let i = 0; i < steps; i++) {
    const want = recorded[i];
    const got = actual[i];
    if (!want) lines.push(`step ${i + 1} (${got!.step}): not in the recording`);
    else if (!got) lines.push(`step ${i + 1} (${want.step}): recorded, not taken by the double`);
    else {
      for (const field of ['operation', 'status', 'error', 'output'] as const) {
        const a = canonical(want[field]);
        const b = canonical(got[field]);
        if (a !== b) lines.push(`step ${i + 1} (${want.step}) ${field}: AWS ${a ?? 'none'}, the double ${b ?? 'none'}`);
      }
    }
  }
  return lines;
}

/** JSON with members in name order: the order a service writes members in is not a behaviour. */
function canonical(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}
