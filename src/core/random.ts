import { hexInto } from './hex';

/** The scratch space of `uuid()`, dashes in place. */
const UUID = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');

/**
 * Seeded generator for ids, ETags and request ids, so that a test run can be replayed
 * exactly (sfc32 seeded through a string hash: small, fast, good enough for test data).
 */
export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(readonly seed: string) {
    this.reseed();
  }

  /** Rewinds the generator to its seed. */
  reseed(): void {
    // cyrb128 spreads any string over four 32-bit words.
    let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
    for (let i = 0; i < this.seed.length; i++) {
      const k = this.seed.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    this.a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
    this.b = (h2 ^ h1) >>> 0;
    this.c = (h3 ^ h1) >>> 0;
    this.d = (h4 ^ h1) >>> 0;
  }

  /** Where the generator stands, as four unsigned 32-bit words: snapshots save and restore it. */
  get state(): [number, number, number, number] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  set state(words: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = words.map((w) => w >>> 0) as [number, number, number, number];
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A random version-4 UUID, the shape of KeyValueStore ids. */
  uuid(): string {
    // Four words as 32 hex digits, cut 8-4-4-4-12, with the version (4) and variant (8-b) set.
    // Written into one scratch buffer and read out as one flat string: a request id is made per
    // request, and joining ten pieces would allocate each of them.
    const a = this.next();
    const b = this.next();
    const c = this.next();
    const d = this.next();
    hexInto(UUID, 0, a >>> 16);
    hexInto(UUID, 4, a);
    hexInto(UUID, 9, b >>> 16);
    hexInto(UUID, 14, (b & 0x0fff) | 0x4000);
    hexInto(UUID, 19, ((c >>> 16) & 0x3fff) | 0x8000);
    hexInto(UUID, 24, c);
    hexInto(UUID, 28, d >>> 16);
    hexInto(UUID, 32, d);
    return UUID.toString('latin1', 0, 36);
  }

  /** `length` characters of `[0-9A-Z]`, the alphabet of both planes' ETags. */
  alphanumeric(length: number): string {
    let out = '';
    while (out.length < length) out += ALPHABET[this.next() % 36];
    return out;
  }
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
