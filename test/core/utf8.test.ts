import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { codePointLength, compareUtf8, isWellFormed, utf8Length } from '../../src/core/utf8';

/** Oracles: what Node's own UTF-8 encoder and string iteration say. */
const byteOrder = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** Any UTF-16 unit, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
/** Code points chosen near the boundaries that matter: 1/2/3/4-byte edges, surrogates, U+E000. */
const edgyUnit = fc.constantFrom('a', '\u007f', '\u0080', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\uffff', '\u{10000}', '\u{1f600}', '\u{10ffff}', 'é', 'e\u0301');
const wellFormedString = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: edgyUnit, maxLength: 6 }));
const anyString = fc.oneof(wellFormedString, fc.string({ unit: anyUnit, maxLength: 8 }));

describe('compareUtf8', () => {
  it('orders well-formed strings as Buffer.compare orders their UTF-8 bytes', () => {
    fc.assert(
      fc.property(wellFormedString, wellFormedString, (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(byteOrder(a, b));
      }),
      { numRuns: 5_000 },
    );
  });

  it('puts astral characters after U+E000..U+FFFF, unlike UTF-16 order', () => {
    expect(compareUtf8('\u{1f600}', '\ue000')).toBeGreaterThan(0);
    expect(compareUtf8('\u{10000}', '\uffff')).toBeGreaterThan(0);
    expect('\u{1f600}' < '\ue000').toBe(true); // the UTF-16 order the function corrects
    expect(compareUtf8('\ud7ff', '\u{10000}')).toBeLessThan(0);
    expect(compareUtf8('\u{10000}', '\u{10001}')).toBeLessThan(0);
  });

  it('is a total order: equal strings compare 0, prefixes first, antisymmetric', () => {
    expect(compareUtf8('', '')).toBe(0);
    expect(compareUtf8('abc', 'abc')).toBe(0);
    expect(compareUtf8('ab', 'abc')).toBeLessThan(0);
    expect(compareUtf8('abc', 'ab')).toBeGreaterThan(0);
    expect(compareUtf8('', '\u0000')).toBeLessThan(0);
    fc.assert(fc.property(wellFormedString, wellFormedString, (a, b) => Math.sign(compareUtf8(a, b)) === -Math.sign(compareUtf8(b, a))));
  });

  it('sorts a mixed list exactly as the byte oracle does', () => {
    const keys = ['z', 'é', 'e\u0301', '\ue000', '😀', '𝄞', '\uffff', '日本語', 'A', 'a', '', '\u{10ffff}', '\u0080'];
    expect([...keys].sort(compareUtf8)).toEqual([...keys].sort(byteOrder));
  });
});

describe('utf8Length', () => {
  it('equals Buffer.byteLength for any string, lone surrogates included (encoded as U+FFFD)', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['', 0],
    ['key1', 4],
    ['é', 2],
    ['e\u0301', 3],
    ['€', 3],
    ['日本語', 9],
    ['😀', 4],
    ['\u07ff\u0800', 5],
    ['\ud800', 3],
    ['\ud800a', 4],
    ['\ud800é', 5],
    ['\ud800\ud800\udc00', 7],
    ['\udc00\ud800', 6],
  ])('%j is %i bytes', (s, n) => {
    expect(utf8Length(s)).toBe(n);
    expect(Buffer.byteLength(s, 'utf8')).toBe(n);
  });
});

describe('codePointLength', () => {
  it('counts code points as string iteration does (lone surrogates count one each)', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(codePointLength(s)).toBe([...s].length);
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['', 0],
    ['abc', 3],
    ['😀', 1],
    ['😀'.repeat(1024), 1024],
    ['e\u0301', 2],
    ['\ud800', 1],
    ['\udc00\ud800', 2],
  ])('%j has %i code points', (s, n) => {
    expect(codePointLength(s)).toBe(n);
  });
});

describe('isWellFormed', () => {
  it('agrees with String.prototype.isWellFormed', () => {
    fc.assert(fc.property(anyString, (s) => isWellFormed(s) === wellFormed(s)), { numRuns: 5_000 });
  });

  it.each([
    ['', true],
    ['😀', true],
    ['\ud83d', false],
    ['\ude00', false],
    ['\ude00\ud83d', false],
    ['a\ud83d\ude00b', true],
  ])('%j: %p', (s, expected) => {
    expect(isWellFormed(s)).toBe(expected);
  });
});
