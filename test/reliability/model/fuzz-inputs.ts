/**
 * Fuzz inputs for every operation of both planes: each field is a valid value taken from the
 * state of the moment (a live ARN, the current ETag...), a hostile value, or missing; structured
 * fields are also broken one member or one item deep. Hostile values: wrong types, null,
 * undefined, empty and huge strings, lone surrogates, control characters, prototype names (also
 * as own keys of the input), numbers out of range, NaN, Infinity, floats, arrays for objects,
 * objects for strings, huge batches.
 */
import fc from 'fast-check';

/** A hostile value, made fresh for every use (the double must not change its input, but if it did, the next case must not see it). */
export interface Hostile {
  label: () => string;
  make: () => unknown;
}

/** Labels are built only when fast-check prints a counterexample. */
const h = (label: string | (() => string), make: () => unknown): Hostile => {
  const describe = typeof label === 'string' ? () => label : label;
  return { label: describe, make, [fc.toStringMethod]: describe } as Hostile;
};
const own = (entries: Record<string, unknown>) => JSON.parse(JSON.stringify(entries)) as Record<string, unknown>;

/** `{"__proto__": …}` as JSON.parse makes it: an own property named __proto__, not a prototype. */
export const ownProto = (value: unknown): Record<string, unknown> => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`);

const FIXED: Hostile[] = [
  h('null', () => null),
  h('undefined', () => undefined),
  h('true', () => true),
  h('false', () => false),
  h('0', () => 0),
  h('-0', () => -0),
  h('-1', () => -1),
  h('1.5', () => 1.5),
  h('NaN', () => NaN),
  h('Infinity', () => Infinity),
  h('-Infinity', () => -Infinity),
  h('2^53+2', () => 2 ** 53 + 2),
  h('1e308', () => 1e308),
  h('51', () => 51),
  h('101', () => 101),
  h('2^31', () => 2 ** 31),
  h('""', () => ''),
  h('" "', () => ' '),
  h('NUL', () => '\u0000'),
  h('control chars', () => '\u0001\u001f\u007f\n\r\t\u0085\u2028'),
  h('"__proto__"', () => '__proto__'),
  h('"constructor"', () => 'constructor'),
  h('"toString"', () => 'toString'),
  h('"hasOwnProperty"', () => 'hasOwnProperty'),
  h('lone high surrogate', () => '\uD800'),
  h('lone low surrogate', () => '\uDFFF'),
  h('trailing high surrogate', () => 'a\uD83D'),
  h('leading low surrogate', () => '\uDE00b'),
  h('1025 × é', () => 'é'.repeat(1025)),
  h('600 × 😀', () => '😀'.repeat(600)),
  h('2049 chars', () => 'x'.repeat(2049)),
  h('100,001 chars', () => 'x'.repeat(100_001)),
  h('percent', () => '%'),
  h('%2F', () => '%2F'),
  h('../', () => '../'),
  h('a/b?c#d', () => 'a/b?c#d'),
  h('ARN with no id', () => 'arn:aws:cloudfront::123456789012:key-value-store/'),
  h('regional ARN', () => 'arn:aws:cloudfront:us-east-1:123456789012:key-value-store/4e7b0c57-40f4-4ab4-a5de-6c9c0b2d1111'),
  h('S3 ARN', () => 'arn:aws:s3:::bucket/key'),
  h('aws-cn ARN', () => 'arn:aws-cn:cloudfront::123456789012:key-value-store/4e7b0c57-40f4-4ab4-a5de-6c9c0b2d1111'),
  h('not an ARN', () => 'not-a-valid-arn'),
  h('data ETag shape', () => 'KV0000000000000'),
  h('control ETag shape', () => 'E000000000000'),
  h('[]', () => []),
  h('["a"]', () => ['a']),
  h('[null]', () => [null]),
  h('[{}]', () => [{}]),
  h('[1,2,3]', () => [1, 2, 3]),
  h('sparse array', () => [, 'a', , ] as unknown[]), // eslint-disable-line no-sparse-arrays
  h('{}', () => ({})),
  h('{Key:"a"}', () => ({ Key: 'a' })),
  h('{Key:"a",Value:"b"}', () => ({ Key: 'a', Value: 'b' })),
  h('{"__proto__":{Key,Value}}', () => ownProto({ Key: 'a', Value: 'b' })),
  h('{"__proto__":null}', () => ownProto(null)),
  h('{"constructor":{"prototype":{}}}', () => own({ constructor: { prototype: { polluted: true } } })),
  h('Object.create(null)', () => Object.create(null)),
  h('inherits {Key}', () => Object.create({ Key: 'a', Value: 'b' })),
  h('Date', () => new Date(0)),
  h('Invalid Date', () => new Date(NaN)),
  h('Map', () => new Map([['Key', 'a']])),
  h('Set', () => new Set(['a'])),
  h('Uint8Array', () => new Uint8Array([104, 105])),
  h('boxed String', () => new String('a')), // eslint-disable-line no-new-wrappers
  h('boxed Number', () => new Number(1)), // eslint-disable-line no-new-wrappers
  h('function', () => () => 'x'),
  h('Symbol', () => Symbol('fuzz')),
  h('BigInt', () => 12345678901234567890n),
  h('toString throws', () => ({
    toString() {
      throw new Error('toString was called');
    },
  })),
  h('{toString: 1}', () => ({ toString: 1 })),
];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const objectKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'Key', 'Value', 'Items', 'KvsARN', 'IfMatch', 'x');

export const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...FIXED) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 12 }).map((s) => h(() => `string ${JSON.stringify(s)}`, () => s)) },
  { weight: 1, arbitrary: fc.double().map((n) => h(() => `double ${n}`, () => n)) },
  { weight: 1, arbitrary: fc.integer().map((n) => h(() => `integer ${n}`, () => n)) },
  {
    weight: 2,
    arbitrary: fc
      .anything({ key: objectKey, maxDepth: 2, maxKeys: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true })
      .map((v) => h(() => `anything ${fc.stringify(v)}`, () => v)),
  },
);

/** How one field of an input is filled. */
export type FieldPlan = { t: 'valid'; n: number } | { t: 'hostile'; v: Hostile } | { t: 'absent' } | { t: 'deep'; n: number; v: Hostile };

export const fieldPlan: fc.Arbitrary<FieldPlan> = fc.oneof(
  { weight: 10, arbitrary: fc.nat(1000).map((n): FieldPlan => ({ t: 'valid', n })) },
  { weight: 5, arbitrary: hostile.map((v): FieldPlan => ({ t: 'hostile', v })) },
  { weight: 1, arbitrary: fc.constant<FieldPlan>({ t: 'absent' }) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(1000), hostile).map(([n, v]): FieldPlan => ({ t: 'deep', n, v })) },
);

/** One fuzz case: an operation, a plan for each of its fields, extra fields, or a hostile input as a whole. */
export interface FuzzCase {
  op: number;
  fields: FieldPlan[];
  extras: Array<[string, Hostile]>;
  whole: Hostile | undefined;
  /** An input built as `{"__proto__": input}` by JSON.parse, or inheriting its fields. */
  wrap: 'none' | 'own-proto' | 'inherit';
  client: number;
  /** Decides, reproducibly, whether this case is also run through the SDK oracle. */
  sample: number;
}

export const fuzzCase = (operations: number, maxFields: number): fc.Arbitrary<FuzzCase> =>
  fc.record({
    op: fc.nat(operations - 1),
    fields: fc.array(fieldPlan, { minLength: maxFields, maxLength: maxFields }),
    extras: fc.oneof(
      { weight: 8, arbitrary: fc.constant<Array<[string, Hostile]>>([]) },
      { weight: 1, arbitrary: fc.array(fc.tuple(objectKey, hostile), { maxLength: 2 }).map((e): Array<[string, Hostile]> => e) },
    ),
    whole: fc.oneof({ weight: 24, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostile }),
    wrap: fc.constantFrom<'none' | 'own-proto' | 'inherit'>('none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'own-proto', 'inherit'),
    client: fc.nat(1),
    sample: fc.nat(99),
  });
