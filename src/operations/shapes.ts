import { serviceError, type ModeledErrorCode, quote } from '../errors';
import { codePointLength, isWellFormed, utf8Length } from '../core/utf8';

/**
 * The models' constraints as data, read by one checker: an operation states its input shape as
 * a table and gets back a clean copy of the input or the modeled error listing every violation.
 */
export type Shape =
  | { kind: 'string'; required?: boolean; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[] }
  | { kind: 'integer'; required?: boolean; min?: number; max?: number }
  | { kind: 'blob'; required?: boolean; min?: number; max?: number }
  | { kind: 'list'; required?: boolean; member: Shape; unique?: (item: any) => string }
  | { kind: 'structure'; required?: boolean; members: Members };

export type Members = Record<string, Shape>;

export const string = (c: Omit<Extract<Shape, { kind: 'string' }>, 'kind'> = {}): Shape => ({ kind: 'string', ...c });
export const integer = (c: Omit<Extract<Shape, { kind: 'integer' }>, 'kind'> = {}): Shape => ({ kind: 'integer', ...c });
/** Bytes: a `Uint8Array`, or a string the SDK sends as its UTF-8 bytes; `min`/`max` count bytes. */
export const blob = (c: Omit<Extract<Shape, { kind: 'blob' }>, 'kind'> = {}): Shape => ({ kind: 'blob', ...c });
export const list = (member: Shape, c: Omit<Extract<Shape, { kind: 'list' }>, 'kind' | 'member'> = {}): Shape => ({ kind: 'list', member, ...c });
export const structure = (members: Members, c: { required?: boolean } = {}): Shape => ({ kind: 'structure', members, ...c });

/** What a checker returns for a value that breaks a constraint. */
const INVALID = Symbol('invalid');

/** Where the messages go: absent on the first pass, which only asks whether the input is valid. */
type Problems = string[] | undefined;

/**
 * A shape turned into a function: the checked value (undefined when absent) or INVALID. Field
 * paths (`at`) are built on the second pass only, when `problems` collects the messages.
 */
type Checker = (value: unknown, at: string, problems: Problems) => unknown;

/**
 * Checkers are built once per shape table and kept with it, so a request pays for the checks its
 * shape asks for and nothing else (no walk over the table, no switch on its kinds).
 */
const checkers = new WeakMap<object, Checker>();

/**
 * Checks `input` against `members` and returns it as the operation reads it: absent members
 * (null too) as undefined, lists without their null entries; the input itself when nothing
 * needed changing, so an operation must read it and never change it. (A member is read once
 * here and again by the operation: an accessor that answered differently each time could
 * slip past; SDK callers pass plain data.)
 * Throws `code` (ValidationException or InvalidArgument) naming every broken constraint,
 * in the words AWS's validation layer uses. `members` should be a constant: its checker is
 * built on first use and kept for it.
 */
export function validate<T>(input: unknown, members: Members, code: ModeledErrorCode): T {
  let checker = checkers.get(members);
  if (checker === undefined) checkers.set(members, (checker = structureChecker(members)));
  // Nearly every input is valid: the first pass builds no message and no field path, and only
  // an invalid input is walked again to say everything that is wrong with it.
  const value = checker(input ?? {}, '', undefined);
  if (value !== INVALID) return value as T;
  const problems: string[] = [];
  checker(input ?? {}, '', problems);
  const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
  throw serviceError(code, `${count}: ${problems.join('; ')}`);
}

/** Records a broken constraint (on the second pass) and returns INVALID. */
function fail(problems: Problems, path: string, must: string): typeof INVALID {
  problems?.push(`Value at '${path}' failed to satisfy constraint: Member must ${must}`);
  return INVALID;
}

/** An absent member: undefined, or INVALID when the shape requires it. */
function absent(required: boolean | undefined, problems: Problems, at: string): unknown {
  if (!required) return undefined;
  problems?.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
  return INVALID;
}

function checkerOf(shape: Shape): Checker {
  let checker = checkers.get(shape);
  if (checker === undefined) {
    const make = { string: stringChecker, integer: integerChecker, blob: blobChecker, list: listChecker, structure: memberStructureChecker }[shape.kind];
    checker = make(shape as never);
    checkers.set(shape, checker);
  }
  return checker;
}

function structureChecker(members: Members): Checker {
  const names = Object.keys(members);
  const checks = names.map((name) => checkerOf(members[name]!));
  return (input, path, problems) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(problems, path || 'input', 'be a structure');
    // The input itself when every member checks out as it is (nearly always: no copy); else a
    // copy of the modeled members as they read (null as absent, a list without its null
    // entries), own or inherited, as the SDK's serializer reads them.
    const given = input as Record<string, unknown>;
    let out = given;
    let valid = true;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const value = given[name];
      const v = checks[i]!(value, problems ? (path ? `${path}.${name}` : name) : '', problems);
      if (v === INVALID) {
        if (!problems) return INVALID;
        valid = false;
        continue;
      }
      if (out === given && v !== value) out = modeledCopy(given, names, i);
      if (out !== given && v !== undefined) out[name] = v;
    }
    return valid ? out : INVALID;
  };
}

/** The first `count` modeled members of `input`, which checked out as they are. */
function modeledCopy(input: Record<string, unknown>, names: readonly string[], count: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (let j = 0; j < count; j++) {
    const value = input[names[j]!];
    if (value !== undefined) copy[names[j]!] = value;
  }
  return copy;
}

function memberStructureChecker(shape: Extract<Shape, { kind: 'structure' }>): Checker {
  const check = structureChecker(shape.members);
  return (value, at, problems) => (value === undefined || value === null ? absent(shape.required, problems, at) : check(value, at, problems));
}

function stringChecker({ required, min, max, pattern, enum: allowed }: Extract<Shape, { kind: 'string' }>): Checker {
  // Smithy's @length counts code points, which lie between half the UTF-16 units and all of
  // them: only a string whose units leave the answer open is counted.
  const low = min === undefined ? 0 : 2 * min;
  const high = max === undefined ? Infinity : max;
  return (value, at, problems) => {
    if (value === undefined || value === null) return absent(required, problems, at);
    if (typeof value !== 'string') return fail(problems, at, 'be a string');
    if (!isWellFormed(value)) return fail(problems, at, 'be valid Unicode (it has a lone surrogate)');
    if (value.length < low || value.length > high) {
      const length = codePointLength(value);
      if (min !== undefined && length < min) return fail(problems, at, `have length greater than or equal to ${min}`);
      if (max !== undefined && length > max) return fail(problems, at, `have length less than or equal to ${max}`);
    }
    if (pattern && !pattern.test(value)) return fail(problems, at, `satisfy regular expression pattern: ${pattern.source}`);
    if (allowed && !allowed.includes(value)) return fail(problems, at, `satisfy enum value set: [${allowed.join(', ')}]`);
    return value;
  };
}

function integerChecker({ required, min, max }: Extract<Shape, { kind: 'integer' }>): Checker {
  return (value, at, problems) => {
    if (value === undefined || value === null) return absent(required, problems, at);
    if (typeof value !== 'number' || !Number.isInteger(value)) return fail(problems, at, 'be an integer');
    if (min !== undefined && value < min) return fail(problems, at, `have value greater than or equal to ${min}`);
    if (max !== undefined && value > max) return fail(problems, at, `have value less than or equal to ${max}`);
    return value;
  };
}

function blobChecker({ required, min, max }: Extract<Shape, { kind: 'blob' }>): Checker {
  return (value, at, problems) => {
    if (value === undefined || value === null) return absent(required, problems, at);
    let bytes: number;
    if (value instanceof Uint8Array) bytes = value.byteLength;
    else if (typeof value === 'string') bytes = utf8Length(value);
    else return fail(problems, at, 'be a blob (a Uint8Array, or a string sent as UTF-8)');
    if (min !== undefined && bytes < min) return fail(problems, at, `have length greater than or equal to ${min}`);
    if (max !== undefined && bytes > max) return fail(problems, at, `have length less than or equal to ${max}`);
    return value;
  };
}

function listChecker({ required, member, unique }: Extract<Shape, { kind: 'list' }>): Checker {
  const check = checkerOf(member);
  return (value, at, problems) => {
    if (value === undefined || value === null) return absent(required, problems, at);
    if (!Array.isArray(value)) return fail(problems, at, 'be a list');
    // The list itself when every item checks out as it is; else a copy, without the null
    // entries, which the SDK drops when it serialises a list (the service never sees them).
    let items: unknown[] = value;
    let valid = true;
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const checked = item === null || item === undefined ? undefined : check(item, problems ? `${at}.${n + 1}.member` : '', problems);
      if (checked === INVALID) {
        if (!problems) return INVALID;
        valid = false;
      }
      const kept = checked !== undefined;
      if (items === value && (!kept || checked !== item)) items = value.slice(0, i);
      if (kept) {
        if (items !== value) items.push(checked);
        n++;
      }
    }
    if (!valid) return INVALID;
    const repeated = unique ? repeatedId(items, unique) : undefined;
    if (repeated !== undefined) return fail(problems, at, `have unique items: ${quote(repeated)} appears more than once`);
    return items;
  };
}

/** The first id that appears twice, if any. */
function repeatedId(items: unknown[], idOf: (item: any) => string): string | undefined {
  // Ids in strictly ascending order, as a sorted batch has them, are distinct: no set needed.
  let previous: string | undefined;
  let ascending = true;
  for (let i = 0; i < items.length && ascending; i++) {
    const id = idOf(items[i]);
    ascending = previous === undefined || previous < id;
    previous = id;
  }
  if (ascending) return undefined;
  const seen = new Set<string>();
  for (const item of items) {
    const id = idOf(item);
    const size = seen.size; // a Set keeps one of each: an id seen before leaves its size as it was
    if (seen.add(id).size === size) return id;
  }
  return undefined;
}
