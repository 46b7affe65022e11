import { hex8 } from './hex';
import { isWellFormed } from './utf8';

/**
 * Opaque pagination tokens: the position a page resumes after, with a check that this simulator
 * issued it for this list. A token is `base64url(UTF-8 of the position) + '.' + 16 hex digits`
 * of a 64-bit hash of the scope (the list) and the body, keyed by the simulator's secret.
 *
 * The check only has to reject by accident what was not issued here: garbage, a token of
 * another store, list or seed, an edited token. Nobody attacks a test double, so a fast
 * non-cryptographic hash is enough. Checking instead of remembering keeps memory flat however
 * many pages are read, and lets tokens outlive a snapshot (the secret comes from the seed).
 */
export class PageTokens {
  private readonly key: Lanes;
  /** Per scope: the hash lanes after the secret and the scope, and the token issued last (the next page's read skips the hash). */
  private readonly scopes = new Map<string, Scope>();

  constructor(secret: string) {
    this.key = finish(mix([0x243f6a88, 0x85a308d3], secret));
  }

  issue(scope: string, position: string): string {
    const state = this.scope(scope);
    const body = base64url(position);
    const token = `${body}.${sign(state, body)}`;
    // Remember only what read() would give back: it refuses an empty body and decodes a lone surrogate as U+FFFD.
    if (position !== '' && isWellFormed(position)) state.last = { token, position };
    return token;
  }

  /** The position a token resumes after, or undefined when it is not one of ours for `scope`. */
  read(scope: string, token: string): string | undefined {
    const state = this.scope(scope);
    if (token === state.last?.token) return state.last.position;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    if (token.slice(dot + 1) !== sign(state, body)) return undefined;
    return Buffer.from(body, 'base64url').toString('utf8');
  }

  private scope(scope: string): Scope {
    let state = this.scopes.get(scope);
    if (state === undefined) {
      // NUL cannot occur in a base64url body, so scope and body cannot trade characters.
      state = { lanes: mix(mix(this.key, scope), '\0'), last: undefined };
      if (this.scopes.size >= SCOPES) this.scopes.clear();
      this.scopes.set(scope, state);
    }
    return state;
  }
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url of the UTF-8 of `text`, unpadded; short ASCII text (most keys) is encoded here, twice as fast as through a Buffer. */
function base64url(text: string): string {
  if (text.length > 64 || !/^[\0-\x7f]*$/.test(text)) return Buffer.from(text, 'utf8').toString('base64url');
  let out = '';
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const bits = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out += BASE64URL[bits >>> 18]! + BASE64URL[(bits >>> 12) & 63]! + BASE64URL[(bits >>> 6) & 63]! + BASE64URL[bits & 63]!;
  }
  if (i < text.length) {
    const two = i + 1 < text.length;
    const bits = (text.charCodeAt(i) << 16) | (two ? text.charCodeAt(i + 1) << 8 : 0);
    out += BASE64URL[bits >>> 18]! + BASE64URL[(bits >>> 12) & 63]! + (two ? BASE64URL[(bits >>> 6) & 63]! : '');
  }
  return out;
}

/** Scopes (stores, accounts' store lists) kept per simulator; forgetting one only costs a hash. */
const SCOPES = 256;

interface Scope {
  readonly lanes: Lanes;
  last: { token: string; position: string } | undefined;
}

function sign(scope: Scope, body: string): string {
  const lanes = finish(mix(scope.lanes, body));
  return hex8(lanes[0]) + hex8(lanes[1]);
}

/** Two independent 32-bit hash lanes. */
type Lanes = readonly [number, number];

/** Feeds every UTF-16 unit of `text` to both lanes: xor, then multiply by an odd constant (cyrb53's round). */
function mix(lanes: Lanes, text: string): Lanes {
  let a = lanes[0];
  let b = lanes[1];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x9e3779b1);
    b = Math.imul(b ^ unit, 0x5f356495);
  }
  return [a, b];
}

/** Folds each lane's high bits into its low bits and the lanes into each other (cyrb53's finish, MurmurHash3's constants). */
function finish(lanes: Lanes): Lanes {
  let a = lanes[0];
  let b = lanes[1];
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return [a >>> 0, b >>> 0];
}
