import { utf8Length } from './utf8';

/**
 * The bytes one pair counts for in `TotalSizeInBytes` and against the 5 MB store quota
 * (Decision D7, unverified: key bytes + value bytes + 1, which matches AWS's one example).
 */
export function pairSize(key: string, value: string): number {
  return pairSizeOf(utf8Length(key) + utf8Length(value));
}

/** The same, from the UTF-8 bytes of the key and the value together; or of `pairs` pairs, from all their bytes. */
export function pairSizeOf(bytes: number, pairs = 1): number {
  return bytes + pairs;
}
