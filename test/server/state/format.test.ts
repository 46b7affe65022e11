import { describe, expect, it } from '@jest/globals';
import * as zlib from 'node:zlib';
import { checksum, crc32 } from '../../../src/server/state/format';

describe('the journal checksum', () => {
  it('the JavaScript CRC-32 (for Node releases without zlib.crc32) agrees with zlib', () => {
    const native = (zlib as unknown as { crc32: (data: Uint8Array) => number }).crc32;
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926); // the CRC-32 check value
    expect(crc32(new Uint8Array())).toBe(0);
    let seed = 7;
    for (let n = 1; n < 2000; n += 97) {
      const bytes = new Uint8Array(n).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      expect(crc32(bytes)).toBe(native(bytes));
    }
    expect(checksum('{"n":1} ✓')).toBe(crc32(Buffer.from('{"n":1} ✓')).toString(16).padStart(8, '0'));
  });
});
