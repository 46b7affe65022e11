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

const DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** The low 16 bits of `n` as 4 hex digits, written into `target` at `at`. */
export function hexInto(target: Uint8Array, at: number, n: number): void {
  target[at] = DIGITS[(n >>> 12) & 15]!;
  target[at + 1] = DIGITS[(n >>> 8) & 15]!;
  target[at + 2] = DIGITS[(n >>> 4) & 15]!;
  target[at + 3] = DIGITS[n & 15]!;
}
