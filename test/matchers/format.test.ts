import { describe, expect, it } from '@jest/globals';
import { indent, ordinal, subsetFor } from '../../src/matchers/format';

describe('message helpers', () => {
  it('spells ordinals, teens included', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '112th',
    ]);
  });

  it('keeps of an input only what the expected input names, recursively', () => {
    const input = { KvsARN: 'arn', IfMatch: 'KV1', Puts: [{ Key: 'a', Value: '1' }], Deletes: [{ Key: 'b' }] };
    expect(subsetFor(input, { Puts: [{ Key: 'x' }] })).toEqual({ Puts: [{ Key: 'a' }] });
    expect(subsetFor(input, { Missing: 1, IfMatch: 'KV2' })).toEqual({ IfMatch: 'KV1' });
    const matcher = expect.objectContaining({ Key: 'a' });
    expect(subsetFor(input, { Puts: matcher })).toEqual({ Puts: [{ Key: 'a', Value: '1' }] });
    expect(subsetFor('text', { a: 1 })).toBe('text');
  });

  it('indents every line of a multi-line print', () => {
    expect(indent('{\n  "a": 1,\n}', '    ')).toBe('    {\n      "a": 1,\n    }');
  });
});
