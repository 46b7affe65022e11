/**
 * Text rules of the reference model, written from the spec and independent of `src/`:
 * sizes are UTF-8 bytes, lengths are code points (Smithy `@length`), order is UTF-8 byte order.
 */

/** True when `s` has no lone surrogate, so it can be encoded as UTF-8 at all. */
export function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** UTF-8 bytes of a well-formed string. */
export function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Code points, the unit of the models' `@length` on strings. */
export function codePoints(s: string): number {
  return Array.from(s).length;
}

/** UTF-8 byte order (D9), via the bytes themselves. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** D7: what one pair counts for in `TotalSizeInBytes` and against the store quota. */
export function pairBytes(key: string, value: string): number {
  return bytes(key) + bytes(value) + 1;
}
