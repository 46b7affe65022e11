import { describe, expect, it } from '@jest/globals';
import { Random } from '../../src/core/random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const draw = (random: Random, n: number) => Array.from({ length: n }, () => random.next());

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(new Random('seed'), 100)).toEqual(draw(new Random('seed'), 100));
    const a = new Random('42');
    const b = new Random('42');
    expect([a.uuid(), a.alphanumeric(13), a.uuid()]).toEqual([b.uuid(), b.alphanumeric(13), b.uuid()]);
  });

  it('gives different sequences for different seeds, even close ones', () => {
    const seeds = ['', 'a', 'b', 'ab', 'ba', '1', '2', 'seed', 'seed '];
    const firsts = seeds.map((s) => draw(new Random(s), 4).join(','));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('reseed rewinds to the start of the sequence', () => {
    const random = new Random('rewind');
    const first = draw(random, 50);
    random.reseed();
    expect(draw(random, 50)).toEqual(first);
  });

  it('state can be saved and restored to continue the same sequence', () => {
    const random = new Random('state');
    draw(random, 10);
    const saved = random.state;
    const next = draw(random, 20);
    const other = new Random('something else');
    other.state = saved;
    expect(draw(other, 20)).toEqual(next);
  });

  it('next() gives unsigned 32-bit integers', () => {
    const values = draw(new Random('range'), 10_000);
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(9_990);
    expect(values.some((v) => v > 0x7fffffff)).toBe(true);
  });

  it('uuid() gives distinct version-4 UUIDs', () => {
    const random = new Random('uuids');
    const ids = Array.from({ length: 2_000 }, () => random.uuid());
    expect(ids.filter((id) => !UUID_V4.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('alphanumeric(n) gives n characters of [0-9A-Z], using the whole alphabet', () => {
    const random = new Random('etags');
    const samples = Array.from({ length: 1_000 }, () => random.alphanumeric(13));
    expect(samples.filter((s) => !/^[0-9A-Z]{13}$/.test(s))).toEqual([]);
    expect(new Set(samples.join('')).size).toBe(36);
    expect(new Set(samples).size).toBe(samples.length);
    expect(random.alphanumeric(0)).toBe('');
    expect(random.alphanumeric(1)).toMatch(/^[0-9A-Z]$/);
  });
});
