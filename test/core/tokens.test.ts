import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { PageTokens } from '../../src/core/tokens';

const SECRET = 'cloudfront-kvs-mock:test';
const SCOPE = 'arn:aws:cloudfront::123456789012:key-value-store/37435e19-c205-4271-9e5c-e5c4f4a6f5c5';
const OTHER_SCOPE = SCOPE.replace(/5$/, '6');

/** The documented signature: HMAC-SHA256(secret, scope NUL body), base64url, first 22 characters. */
const oracleSignature = (secret: string, scope: string, body: string) =>
  createHmac('sha256', secret).update(scope).update('\0').update(body).digest('base64url').slice(0, 22);

/** Positions are keys: non-empty, well-formed, up to 512 UTF-8 bytes. */
const position = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });

describe('PageTokens', () => {
  it('reads back the position it issued, for the same scope', () => {
    const tokens = new PageTokens(SECRET);
    for (const p of ['a', 'key-0001', 'é', '😀', '\ue000', 'a.b', 'k'.repeat(512), '__proto__']) {
      expect(tokens.read(SCOPE, tokens.issue(SCOPE, p))).toBe(p);
    }
  });

  it('signs exactly as the documented HMAC (body = base64url of the position)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 100 }), position, (secret, scope, p) => {
        const token = new PageTokens(secret).issue(scope, p);
        const body = Buffer.from(p, 'utf8').toString('base64url');
        expect(token).toBe(`${body}.${oracleSignature(secret, scope, body)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('signs with a secret longer than one HMAC block as the HMAC does', () => {
    const secret = 's'.repeat(200);
    const token = new PageTokens(secret).issue(SCOPE, 'k');
    expect(token).toBe(`${Buffer.from('k').toString('base64url')}.${oracleSignature(secret, SCOPE, Buffer.from('k').toString('base64url'))}`);
  });

  it('a fresh instance with the same secret reads tokens it never issued (no registry is needed)', () => {
    fc.assert(
      fc.property(position, (p) => {
        const token = new PageTokens(SECRET).issue(SCOPE, p);
        expect(new PageTokens(SECRET).read(SCOPE, token)).toBe(p);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a token of another scope (another store), whether just issued or not', () => {
    const tokens = new PageTokens(SECRET);
    const token = tokens.issue(SCOPE, 'k');
    expect(tokens.read(OTHER_SCOPE, token)).toBeUndefined();
    expect(new PageTokens(SECRET).read(OTHER_SCOPE, token)).toBeUndefined();
  });

  it('rejects a token signed with another secret (another simulator seed)', () => {
    const token = new PageTokens('other secret').issue(SCOPE, 'k');
    expect(new PageTokens(SECRET).read(SCOPE, token)).toBeUndefined();
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
      `.${signature}`,
      `${body}.`,
      `${body}`,
      token.toUpperCase(),
    ]) {
      expect(tokens.read(SCOPE, bad)).toBeUndefined();
    }
  });

  it('keeps verifying tokens issued long ago, after many newer ones', () => {
    const tokens = new PageTokens(SECRET);
    const old = tokens.issue(SCOPE, 'first');
    for (let i = 0; i < 1_000; i++) tokens.issue(SCOPE, `k${i}`);
    expect(tokens.read(SCOPE, old)).toBe('first');
    expect(tokens.read(OTHER_SCOPE, old)).toBeUndefined();
  });
});
