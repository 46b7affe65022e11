/** Bytes in a snapshot (S3 objects, function code): UTF-8 text as `text`, any other bytes as `base64`. */
import type { FieldCheck } from './snapshot-functions';

export type SnapshotBytes = { text: string } | { base64: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as JSON: text when they are UTF-8, else base64. */
export function bytesOut(bytes: Uint8Array): SnapshotBytes {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { base64: Buffer.from(bytes).toString('base64') };
  }
}

/** The bytes of `{ text }` or `{ base64 }` (on `holder`), or a usage error through `s` saying what is wrong. */
export function bytesIn(holder: Record<string, unknown>, s: FieldCheck, what: string): Uint8Array {
  const { text, base64 } = holder as { text?: unknown; base64?: unknown };
  s.is((typeof text === 'string') !== (typeof base64 === 'string'), what);
  if (typeof base64 === 'string') s.at('base64').is(/^[A-Za-z0-9+/]*={0,2}$/.test(base64) && base64.length % 4 === 0, 'must be base64');
  return typeof text === 'string' ? new TextEncoder().encode(text) : new Uint8Array(Buffer.from(base64 as string, 'base64'));
}
