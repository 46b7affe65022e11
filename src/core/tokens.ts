import { createHash } from 'node:crypto';

/**
 * Opaque pagination tokens: the position they resume after, signed for the list they belong
 * to. A token the simulator did not issue for that list, or a forged one, does not verify.
 * Signing (not a registry of issued tokens) keeps memory flat however many pages are read.
 *
 * A token is base64url(UTF-8 of the position) + '.' + the first 22 base64url characters of
 * HMAC-SHA256(secret, scope + NUL + body). The HMAC is computed here in plain JavaScript from
 * saved hash states (after the key block, and after the scope's whole blocks): the same bytes
 * as `node:crypto`'s `createHmac`, for two SHA-256 blocks per token instead of a native Hmac
 * object per call. The tokens issued last are remembered, so the next page skips the hash.
 */
export class PageTokens {
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  /** Per scope: the inner hash state after the scope's whole blocks, and the bytes left over. */
  private readonly scopes = new Map<string, { state: Int32Array; hashed: number; rest: Uint8Array }>();
  /** Recently issued tokens: token -> scope and position (bounded; a miss just verifies). */
  private readonly recent = new Map<string, { scope: string; position: string }>();
  private readonly ring: Array<string | undefined> = new Array(RECENT).fill(undefined);
  private next = 0;

  constructor(private readonly secret: string) {
    let key: Uint8Array = Buffer.from(secret, 'utf8');
    if (key.length > BLOCK) key = createHash('sha256').update(key).digest(); // RFC 2104
    const pad = new Uint8Array(BLOCK);
    pad.set(key);
    this.inner = keyState(pad, 0x36);
    this.outer = keyState(pad, 0x5c);
  }

  issue(scope: string, position: string): string {
    const length = writeUtf8(position, 0);
    const wellFormed = !loneSurrogate;
    const body = base64url(message, length);
    const token = `${body}.${this.sign(scope, body)}`;
    // Remember only what read() would give back verbatim: an empty position never reads, and
    // a lone surrogate reads back as U+FFFD.
    if (length > 0 && wellFormed) {
      const evicted = this.ring[this.next];
      if (evicted !== undefined) this.recent.delete(evicted);
      this.ring[this.next] = token;
      this.next = (this.next + 1) % RECENT;
      this.recent.set(token, { scope, position });
    }
    return token;
  }

  /** The position a token resumes after, or undefined when it is not one of ours for `scope`. */
  read(scope: string, token: string): string | undefined {
    const known = this.recent.get(token);
    if (known !== undefined && known.scope === scope) return known.position;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    if (token.slice(dot + 1) !== this.sign(scope, body)) return undefined;
    return Buffer.from(body, 'base64url').toString('utf8');
  }

  private sign(scope: string, body: string): string {
    let saved = this.scopes.get(scope);
    if (saved === undefined) {
      // Hash the scope's whole blocks once; the rest (and the NUL) is replayed per token.
      let length = writeUtf8(scope, 0);
      message[length++] = 0;
      const hashed = length - (length % BLOCK);
      const state = Int32Array.from(this.inner);
      for (let at = 0; at < hashed; at += BLOCK) compress(state, message, at);
      saved = { state, hashed, rest: message.slice(hashed, length) };
      if (this.scopes.size >= SCOPES) this.scopes.clear();
      this.scopes.set(scope, saved);
    }
    reserve(0, saved.rest.length);
    message.set(saved.rest, 0);
    const length = writeUtf8(body, saved.rest.length);
    digestBytes(finish(saved.state, BLOCK + saved.hashed, message, length), block, 0);
    return base64url22(finish(this.outer, BLOCK, block, 32));
  }
}

/** Tokens remembered per simulator: enough for many lists paged side by side. */
const RECENT = 64;
/** Scopes (stores) whose hash state is kept per simulator. */
const SCOPES = 256;
const BLOCK = 64;

/** SHA-256 round constants and initial state (FIPS 180-4, 4.2.2 and 5.3.3). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Scratch space, reused: the message bytes, one block, the schedule, the working state. */
let message = new Uint8Array(256);
const block = new Uint8Array(BLOCK);
const tail = new Uint8Array(2 * BLOCK);
const w = new Int32Array(64);
const result = new Int32Array(8);

/** The hash state after the padded key XOR `pad`: the first block of every inner or outer hash. */
function keyState(key: Uint8Array, pad: number): Int32Array {
  const state = new Int32Array(IV);
  for (let i = 0; i < BLOCK; i++) block[i] = key[i]! ^ pad;
  compress(state, block, 0);
  return state;
}

/** Makes room in `message` for `units` more UTF-16 units (at most 3 UTF-8 bytes each) after `at`, keeping its bytes. */
function reserve(at: number, units: number): void {
  const needed = at + units * 3 + 2 * BLOCK;
  if (message.length >= needed) return;
  const bigger = new Uint8Array(needed * 2);
  bigger.set(message);
  message = bigger;
}

/** Set by writeUtf8: whether the string had a lone surrogate (written as U+FFFD). */
let loneSurrogate = false;

/** Writes `s` as UTF-8 into `message` at `at` (making room first); returns the end. */
function writeUtf8(s: string, at: number): number {
  reserve(at, s.length);
  loneSurrogate = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      message[at++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    // A lone surrogate is encoded as U+FFFD, as Buffer.from and createHmac's update do.
    if (c >= 0xd800 && c <= 0xdfff) {
      c = 0xfffd;
      loneSurrogate = true;
    }
    if (c < 0x800) {
      message[at++] = 0xc0 | (c >> 6);
    } else if (c < 0x10000) {
      message[at++] = 0xe0 | (c >> 12);
      message[at++] = 0x80 | ((c >> 6) & 0x3f);
    } else {
      message[at++] = 0xf0 | (c >> 18);
      message[at++] = 0x80 | ((c >> 12) & 0x3f);
      message[at++] = 0x80 | ((c >> 6) & 0x3f);
    }
    message[at++] = 0x80 | (c & 0x3f);
  }
  return at;
}

/** SHA-256 of (`hashed` bytes already in `start`) + `bytes[0, length)`, in a shared scratch state. */
function finish(start: Int32Array, hashed: number, bytes: Uint8Array, length: number): Int32Array {
  const state = result;
  state.set(start);
  let at = 0;
  for (; at + BLOCK <= length; at += BLOCK) compress(state, bytes, at);
  // Padding: 0x80, zeros, then the bit length of everything hashed (key block included).
  const rest = length - at;
  const end = rest < 56 ? BLOCK : 2 * BLOCK;
  tail.fill(0);
  for (let i = 0; i < rest; i++) tail[i] = bytes[at + i]!;
  tail[rest] = 0x80;
  const bits = (hashed + length) * 8;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  tail[end - 5] = Math.floor(bits / 0x100000000);
  for (let t = 0; t < end; t += BLOCK) compress(state, tail, t);
  return state;
}

function digestBytes(state: Int32Array, out: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[at + 4 * i] = v >>> 24;
    out[at + 4 * i + 1] = v >>> 16;
    out[at + 4 * i + 2] = v >>> 8;
    out[at + 4 * i + 3] = v;
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (no padding) of `bytes[0, length)`, as `Buffer#toString('base64url')` writes it. */
function base64url(bytes: Uint8Array, length: number): string {
  let out = '';
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  if (i + 1 === length) {
    const n = bytes[i]! << 16;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]!;
  } else if (i + 2 === length) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

/** The first 22 base64url characters of a digest (its first 132 bits). */
function base64url22(state: Int32Array): string {
  digestBytes(state, block, 0);
  let out = '';
  for (let i = 0; i < 18; i += 3) {
    const n = (block[i]! << 16) | (block[i + 1]! << 8) | block[i + 2]!;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  return out.slice(0, 22);
}

/** One SHA-256 compression of the block at `bytes[at, at + 64)` into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const j = at + 4 * i;
    w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}
