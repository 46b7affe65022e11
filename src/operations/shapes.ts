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

/**
 * Checks `input` against `members` and returns a copy holding only the modeled members.
 * Throws `code` (ValidationException or InvalidArgument) naming every broken constraint,
 * in the words AWS's validation layer uses.
 */
export function validate<T>(input: unknown, members: Members, code: ModeledErrorCode): T {
  const problems: string[] = [];
  const value = checkStructure(input ?? {}, members, '', problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw serviceError(code, `${count}: ${problems.join('; ')}`);
  }
  return value as T;
}

function checkStructure(input: unknown, members: Members, path: string, problems: string[]): Record<string, unknown> | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push(`Value at '${path || 'input'}' failed to satisfy constraint: Member must be a structure`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(members)) {
    const v = check((input as Record<string, unknown>)[name], members[name]!, path ? `${path}.${name}` : name, problems);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function check(value: unknown, shape: Shape, path: string, problems: string[]): unknown {
  if (value === undefined || value === null) {
    if (shape.required) problems.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  const at = `Value at '${path}' failed to satisfy constraint: Member must`;
  switch (shape.kind) {
    case 'string': {
      if (typeof value !== 'string') return void problems.push(`${at} be a string`);
      if (!isWellFormed(value)) return void problems.push(`${at} be valid Unicode (it has a lone surrogate)`);
      if (shape.min !== undefined || shape.max !== undefined) {
        const length = codePointLength(value);
        if (shape.min !== undefined && length < shape.min) return void problems.push(`${at} have length greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && length > shape.max) return void problems.push(`${at} have length less than or equal to ${shape.max}`);
      }
      if (shape.pattern && !shape.pattern.test(value)) return void problems.push(`${at} satisfy regular expression pattern: ${shape.pattern.source}`);
      if (shape.enum && !shape.enum.includes(value)) return void problems.push(`${at} satisfy enum value set: [${shape.enum.join(', ')}]`);
      return value;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return void problems.push(`${at} be an integer`);
      if (shape.min !== undefined && value < shape.min) return void problems.push(`${at} have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) return void problems.push(`${at} have value less than or equal to ${shape.max}`);
      return value;
    }
    case 'list': {
      if (!Array.isArray(value)) return void problems.push(`${at} be a list`);
      const before = problems.length;
      // The SDK drops null entries when it serialises a list, so the service never sees them.
      const items = value.filter((item) => item !== null && item !== undefined).map((item, i) => check(item, shape.member, `${path}.${i + 1}.member`, problems));
      if (problems.length > before) return undefined;
      if (shape.unique) {
        const seen = new Set<string>();
        for (const item of items) {
          const id = shape.unique(item);
          if (seen.has(id)) return void problems.push(`${at} have unique items: ${quote(id)} appears more than once`);
          seen.add(id);
        }
      }
      return items;
    }
    case 'structure':
      return checkStructure(value, shape.members, path, problems);
  }
}
