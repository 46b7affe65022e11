import { serviceError, type ModeledErrorCode, quote } from '../errors';
import { codePointLength, isWellFormed } from '../core/utf8';

/**
 * The models' constraints as data, read by one checker: an operation states its input shape as
 * a table and gets back a clean copy of the input or the modeled error listing every violation.
 */
export type Shape =
  | { kind: 'string'; required?: boolean; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[] }
  | { kind: 'integer'; required?: boolean; min?: number; max?: number }
  | { kind: 'list'; required?: boolean; member: Shape; unique?: (item: any) => string }
  | { kind: 'structure'; required?: boolean; members: Members };

export type Members = Record<string, Shape>;

export const string = (c: Omit<Extract<Shape, { kind: 'string' }>, 'kind'> = {}): Shape => ({ kind: 'string', ...c });
export const integer = (c: Omit<Extract<Shape, { kind: 'integer' }>, 'kind'> = {}): Shape => ({ kind: 'integer', ...c });
export const list = (member: Shape, c: Omit<Extract<Shape, { kind: 'list' }>, 'kind' | 'member'> = {}): Shape => ({ kind: 'list', member, ...c });
export const structure = (members: Members, c: { required?: boolean } = {}): Shape => ({ kind: 'structure', members, ...c });

/** A UTF-16 surrogate unit, paired or not. */
const SURROGATE = /[\ud800-\udfff]/;

/** What `check` returns for a value that breaks a constraint. */
const INVALID = Symbol('invalid');

/** Where the messages go: absent on the first pass, which only asks whether the input is valid. */
type Problems = string[] | undefined;

/**
 * Checks `input` against `members` and returns a copy holding only the modeled members.
 * Throws `code` (ValidationException or InvalidArgument) naming every broken constraint,
 * in the words AWS's validation layer uses.
 */
export function validate<T>(input: unknown, members: Members, code: ModeledErrorCode): T {
  // Nearly every input is valid: the first pass builds no message and no field path, and only
  // an invalid input is walked again to say everything that is wrong with it.
  const value = checkStructure(input ?? {}, members, '', undefined);
  if (value !== INVALID) return value as T;
  const problems: string[] = [];
  checkStructure(input ?? {}, members, '', problems);
  const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
  throw serviceError(code, `${count}: ${problems.join('; ')}`);
}

/** Records a broken constraint (on the second pass) and returns INVALID. */
function fail(problems: Problems, path: string, must: string): typeof INVALID {
  problems?.push(`Value at '${path}' failed to satisfy constraint: Member must ${must}`);
  return INVALID;
}

function checkStructure(input: unknown, members: Members, path: string, problems: Problems): Record<string, unknown> | typeof INVALID {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(problems, path || 'input', 'be a structure');
  const out: Record<string, unknown> = {};
  let valid = true;
  for (const name in members) {
    const v = check((input as Record<string, unknown>)[name], members[name]!, problems ? (path ? `${path}.${name}` : name) : '', problems);
    if (v === INVALID) {
      if (!problems) return INVALID;
      valid = false;
    } else if (v !== undefined) out[name] = v;
  }
  return valid ? out : INVALID;
}

/** The checked value (undefined when absent) or INVALID. Field paths are built on the second pass only. */
function check(value: unknown, shape: Shape, at: string, problems: Problems): unknown {
  if (value === undefined || value === null) {
    if (!shape.required) return undefined;
    problems?.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    return INVALID;
  }
  switch (shape.kind) {
    case 'string': {
      if (typeof value !== 'string') return fail(problems, at, 'be a string');
      // Most strings hold no surrogate at all: well-formed, and as long in code points as in units.
      const plain = !SURROGATE.test(value);
      if (!plain && !isWellFormed(value)) return fail(problems, at, 'be valid Unicode (it has a lone surrogate)');
      if (shape.min !== undefined || shape.max !== undefined) {
        const length = plain ? value.length : codePointLength(value);
        if (shape.min !== undefined && length < shape.min) return fail(problems, at, `have length greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && length > shape.max) return fail(problems, at, `have length less than or equal to ${shape.max}`);
      }
      if (shape.pattern && !shape.pattern.test(value)) return fail(problems, at, `satisfy regular expression pattern: ${shape.pattern.source}`);
      if (shape.enum && !shape.enum.includes(value)) return fail(problems, at, `satisfy enum value set: [${shape.enum.join(', ')}]`);
      return value;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(problems, at, 'be an integer');
      if (shape.min !== undefined && value < shape.min) return fail(problems, at, `have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) return fail(problems, at, `have value less than or equal to ${shape.max}`);
      return value;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail(problems, at, 'be a list');
      const items: unknown[] = [];
      let valid = true;
      for (const item of value) {
        // The SDK drops null entries when it serialises a list, so the service never sees them.
        if (item === null || item === undefined) continue;
        const checked = check(item, shape.member, problems ? `${at}.${items.length + 1}.member` : '', problems);
        if (checked === INVALID) {
          if (!problems) return INVALID;
          valid = false;
        }
        items.push(checked);
      }
      if (!valid) return INVALID;
      if (shape.unique) {
        const seen = new Set<string>();
        for (const item of items) {
          const id = shape.unique(item);
          const size = seen.size; // a Set keeps one of each: an id seen before leaves its size as it was
          if (seen.add(id).size === size) return fail(problems, at, `have unique items: ${quote(id)} appears more than once`);
        }
      }
      return items;
    }
    case 'structure':
      return checkStructure(value, shape.members, at, problems);
  }
}
