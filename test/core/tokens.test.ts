import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PageTokens } from '../../src/core/tokens';

const SECRET = 'cloudfront-kvs-mock:test';
const SCOPE = 'arn:aws:cloudfront::123456789012:key-value-store/37435e19-c205-4271-9e5c-e5c4f4a6f5c5';
const OTHER_SCOPE = SCOPE.replace(/5$/, '6');

/** Positions are keys: non-empty and well-formed. */
const position = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const scope = fc.string({ maxLength: 100 });

describe('PageTokens', () => {
  it('reads back the position it issued, for the same scope', () => {
    const tokens = new PageTokens(SECRET);
    for (const p of ['a', 'key-0001', 'é', '😀', '\ue000', 'a.b', '.', 'k'.repeat(1024), '__proto__', '\0']) {
      expect(tokens.read(SCOPE, tokens.issue(SCOPE, p))).toBe(p);
    }
    fc.assert(
      fc.property(scope, position, (s, p) => {
        expect(tokens.read(s, tokens.issue(s, p))).toBe(p);
      }),
      { numRuns: 500 },
    );
  });

  it('is `base64url(position).signature`, with a 16-hex-digit signature', () => {
    const token = new PageTokens(SECRET).issue(SCOPE, 'key-0001');
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{16}$/);
    expect(token.split('.')[0]).toBe(Buffer.from('key-0001').toString('base64url'));
  });

  it('encodes every position as Buffer does: all lengths mod 3, ASCII, non-ASCII and long ones', () => {
    const tokens = new PageTokens(SECRET);
    const positions = ['\u007f~', 'é', '😀x', 'a'.repeat(64), 'a'.repeat(65), 'ab\u0000c'];
    for (let n = 1; n <= 70; n++) positions.push(Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 37 + n) % 95))).join(''));
    for (const p of positions) {
      const token = tokens.issue(SCOPE, p);
      expect(token.split('.')[0]).toBe(Buffer.from(p).toString('base64url'));
      expect(new PageTokens(SECRET).read(SCOPE, token)).toBe(p);
    }
  });

  it('is deterministic per secret: a fresh instance issues the same tokens and reads them (no registry)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), scope, position, (secret, s, p) => {
        const token = new PageTokens(secret).issue(s, p);
        expect(new PageTokens(secret).issue(s, p)).toBe(token);
        expect(new PageTokens(secret).read(s, token)).toBe(p);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a token of another scope (another store or list)', () => {
    const tokens = new PageTokens(SECRET);
    expect(tokens.read(OTHER_SCOPE, tokens.issue(SCOPE, 'k'))).toBeUndefined();
    expect(tokens.read(`key-value-stores:123456789012`, tokens.issue(SCOPE, '5'))).toBeUndefined();
    fc.assert(
      fc.property(scope, scope, position, (a, b, p) => {
        fc.pre(a !== b);
        expect(tokens.read(b, tokens.issue(a, p))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a token signed with another secret (another simulator seed)', () => {
    expect(new PageTokens(SECRET).read(SCOPE, new PageTokens('other secret').issue(SCOPE, 'k'))).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), position, (a, b, p) => {
        fc.pre(a !== b);
        expect(new PageTokens(b).read(SCOPE, new PageTokens(a).issue(SCOPE, p))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('rejects garbage and forgeries', () => {
    const tokens = new PageTokens(SECRET);
    const token = tokens.issue(SCOPE, 'key-0001');
    const [body, signature] = token.split('.') as [string, string];
    const forgedBody = Buffer.from('key-0002').toString('base64url');
    for (const bad of [
      '',
      '.',
      'garbage',
      'hVTTZndkpBZ0VRZ0R1RF',
      `${forgedBody}.${signature}`,
      `${body}.${signature.slice(0, -1)}`,
      `${body}.${signature}x`,
      `${body}x.${signature}`,
      `${body}.${signature}.${signature}`,
      `.${signature}`,
      `${body}.`,
      `${body}`,
      token.toUpperCase(),
    ]) {
      expect(tokens.read(SCOPE, bad)).toBeUndefined();
    }
  });

  it('rejects every token with one character changed, inserted or removed', () => {
    const tokens = new PageTokens(SECRET);
    const edit = fc.record({ at: fc.nat(), char: fc.constantFrom(...'ABCabc019-_.xyz'), kind: fc.constantFrom('replace', 'insert', 'remove') });
    fc.assert(
      fc.property(position, edit, (p, { at, char, kind }) => {
        const token = tokens.issue(SCOPE, p);
        const i = at % (token.length + (kind === 'insert' ? 1 : 0));
        const edited = token.slice(0, i) + (kind === 'remove' ? '' : char) + token.slice(kind === 'insert' ? i : i + 1);
        fc.pre(edited !== token);
        expect(tokens.read(SCOPE, edited)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps verifying tokens issued long ago, after many newer ones', () => {
    const tokens = new PageTokens(SECRET);
    const old = tokens.issue(SCOPE, 'first');
    for (let i = 0; i < 1_000; i++) tokens.issue(SCOPE, `k${i}`);
    expect(tokens.read(SCOPE, old)).toBe('first');
    expect(tokens.read(OTHER_SCOPE, old)).toBeUndefined();
  });
});
