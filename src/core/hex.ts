/** Lowercase hex digits by table: `Number#toString(16)` costs ~10x more, and ids and tokens are made per request. */
const BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The low 16 bits of `n` as 4 hex digits. */
export function hex4(n: number): string {
  return BYTE[(n >>> 8) & 0xff]! + BYTE[n & 0xff]!;
}

/** The 32 bits of `n` as 8 hex digits. */
export function hex8(n: number): string {
  return hex4(n >>> 16) + hex4(n);
}
