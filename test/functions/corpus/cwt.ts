import { createHmac } from 'node:crypto';

// A COSE_MAC0 (RFC 8152) token encoder written from the RFC, independent of the package's cf.cwt.

/** A CBOR tag around a value (17 COSE_Mac0, 61 CWT). */
export class Tagged {
  constructor(
    readonly tag: number,
    readonly value: unknown,
  ) {}
}

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** CBOR (RFC 8949) of integers, text, bytes, arrays, maps with integer keys and tags. */
export function cbor(value: unknown): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  if (value instanceof Tagged) return Buffer.concat([head(6, value.tag), cbor(value.value)]);
  throw new Error(`cannot encode ${String(value)}`);
}

/** A COSE_MAC0 token with HMAC 256/256 (alg 5) over the claims, optionally inside the CWT tag. */
export function cwtToken(claims: Map<number, string | number>, key: string | Buffer, options: { cwtTag?: boolean; kid?: string } = {}): Buffer {
  const protectedHeader = cbor(new Map([[1, 5]]));
  const payload = cbor(claims);
  const toMac = cbor(['MAC0', protectedHeader, Buffer.alloc(0), payload]);
  const tag = createHmac('sha256', key).update(toMac).digest();
  const unprotected = new Map(options.kid ? [[4, Buffer.from(options.kid)]] : []);
  const mac0 = new Tagged(17, [protectedHeader, unprotected, payload, tag]);
  return cbor(options.cwtTag ? new Tagged(61, mac0) : mac0);
}

/** Decodes the CBOR this file encodes (maps come back as Map, tags as Tagged). */
export function decodeCbor(data: Buffer): unknown {
  let at = 0;
  const item = (): unknown => {
    const first = data[at++]!;
    const major = first >> 5;
    const info = first & 31;
    let n = info;
    if (info === 24) n = data[at++]!;
    else if (info === 25) (n = data.readUInt16BE(at)), (at += 2);
    else if (info === 26) (n = data.readUInt32BE(at)), (at += 4);
    else if (info > 26) throw new Error(`unsupported CBOR head ${first}`);
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    if (major === 2 || major === 3) {
      const bytes = data.subarray(at, (at += n));
      return major === 2 ? Buffer.from(bytes) : bytes.toString('utf8');
    }
    if (major === 4) return Array.from({ length: n }, item);
    if (major === 5) return new Map(Array.from({ length: n }, () => [item(), item()] as const));
    if (major === 6) return new Tagged(n, item());
    throw new Error(`unsupported CBOR major type ${major}`);
  };
  return item();
}
