/**
 * The bytes of a state file and its journal, and reading them back with every check a damaged
 * file can fail. The snapshot file is a header line (format, version, the last journal record it
 * includes, the body's length and CRC-32) and the simulator's snapshot as JSON. The journal is a
 * header line and one record a line, each prefixed by the CRC-32 of its JSON, so a torn or
 * damaged record is told from a good one.
 */
import * as zlib from 'node:zlib';
import { KvsMockUsageError } from '../../errors';
import type { KvsSnapshot } from '../../harness/snapshot';
import type { JournalRecord } from './effects';

export const STATE_FORMAT = 'cloudfront-kvs-mock/state';
export const JOURNAL_FORMAT = 'cloudfront-kvs-mock/state-journal';
/** The only version this release writes and reads. */
export const STATE_VERSION = 1;

const NEWLINE = 0x0a;

// zlib.crc32 is native from Node 20.15 / 22.2; the engines field allows older Node 20 releases.
const nativeCrc32 = (zlib as { crc32?: (data: string | Uint8Array) => number }).crc32;
let table: Uint32Array | undefined;

/** The CRC-32 (IEEE) of the UTF-8 bytes of `data`, as 8 hex digits. */
export function checksum(data: string | Uint8Array): string {
  const crc = nativeCrc32 ? nativeCrc32(data) : crc32(typeof data === 'string' ? Buffer.from(data) : data);
  return crc.toString(16).padStart(8, '0');
}

/** CRC-32 in JavaScript, for a Node without `zlib.crc32`. */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A state file that cannot be used as it is: the file is named and left untouched. */
export function refused(file: string, what: string): KvsMockUsageError {
  return new KvsMockUsageError(
    `The state file ${file} ${what}. It was left as it is: move it away to start from an empty state, or point the state option at another file.`,
  );
}

/** The snapshot file's text: its header line, then the snapshot. `lsn` is the last journal record it includes. */
export function snapshotFileText(snapshot: KvsSnapshot, lsn: number): string {
  const body = JSON.stringify(snapshot);
  const header = { format: STATE_FORMAT, version: STATE_VERSION, lsn, bytes: Buffer.byteLength(body), crc32: checksum(body) };
  return `${JSON.stringify(header)}\n${body}`;
}

/** The snapshot and the last journal record it includes, or a refusal saying what is wrong with `file`. */
export function readSnapshotFile(bytes: Buffer, file: string): { snapshot: unknown; lsn: number } {
  const end = bytes.indexOf(NEWLINE);
  const header = parseHeader(bytes.subarray(0, end < 0 ? bytes.length : end), file, STATE_FORMAT, 'a cloudfront-kvs-mock state file');
  const { lsn, bytes: length, crc32 } = header;
  if (!isCount(lsn) || !isCount(length) || typeof crc32 !== 'string') throw refused(file, 'has a damaged header line');
  const body = bytes.subarray(end + 1);
  if (end < 0 || body.length < length) throw refused(file, `is truncated: its snapshot should have ${length} bytes, it has ${end < 0 ? 0 : body.length}`);
  if (body.length > length) throw refused(file, `has ${body.length - length} bytes after its snapshot`);
  if (checksum(body) !== crc32) throw refused(file, 'is corrupt: its snapshot does not match its checksum');
  try {
    return { snapshot: JSON.parse(body.toString('utf8')), lsn };
  } catch (error) {
    throw refused(file, `is corrupt: its snapshot is not JSON (${(error as Error).message})`);
  }
}

/** The journal's first line: it follows the snapshot that includes records up to `lsn`. */
export function journalHeader(lsn: number): string {
  return `${JSON.stringify({ format: JOURNAL_FORMAT, version: STATE_VERSION, lsn })}\n`;
}

/** One journal line: the CRC-32 of the record's JSON, a space, the JSON. */
export function journalLine(record: JournalRecord): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
}

export interface ReadJournal {
  /** The journal header's `lsn`: the snapshot it was started after. */
  base: number;
  /** Every intact record, in order. */
  records: JournalRecord[];
}

/**
 * The records of a journal. Only its last line may be damaged (a write that a crash tore, never
 * acknowledged): it is left out. A damaged line with intact lines after it is a refusal.
 */
export function readJournal(bytes: Buffer, file: string): ReadJournal {
  const first = bytes.indexOf(NEWLINE);
  if (first < 0) throw refused(file, 'has no complete header line (a journal starts with one)');
  const header = parseHeader(bytes.subarray(0, first), file, JOURNAL_FORMAT, 'a cloudfront-kvs-mock state journal');
  if (!isCount(header.lsn)) throw refused(file, 'has a damaged header line');
  const records: JournalRecord[] = [];
  let start = first + 1;
  let line = 1;
  while (start < bytes.length) {
    line++;
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline < 0 ? bytes.length : newline;
    const record = parseLine(bytes.subarray(start, end));
    if (record === undefined || newline < 0) {
      // Nothing but this line (and the zeros a crash can leave) follows: a torn last write.
      if (newline < 0 || isBlank(bytes.subarray(newline + 1))) break;
      throw refused(file, `is corrupt at line ${line}: the record does not match its checksum, and intact records follow it`);
    }
    records.push(record);
    start = newline + 1;
  }
  return { base: header.lsn as number, records };
}

function parseLine(bytes: Buffer): JournalRecord | undefined {
  if (bytes.length < 10 || bytes[8] !== 0x20) return undefined;
  const json = bytes.subarray(9);
  if (checksum(json) !== bytes.subarray(0, 8).toString('latin1')) return undefined;
  try {
    const record = JSON.parse(json.toString('utf8')) as JournalRecord;
    return typeof record === 'object' && record !== null && isCount(record.n) ? record : undefined;
  } catch {
    return undefined;
  }
}

function parseHeader(bytes: Buffer, file: string, format: string, what: string): Record<string, unknown> {
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8'));
  } catch {
    header = undefined;
  }
  if (typeof header !== 'object' || header === null || (header as Record<string, unknown>)['format'] !== format) {
    throw refused(file, `is not ${what}: its first line is not a ${JSON.stringify(format)} header${bytes.length === 0 ? ' (the file is empty)' : ''}`);
  }
  const { version } = header as Record<string, unknown>;
  if (version !== STATE_VERSION) {
    throw refused(file, `is of format version ${JSON.stringify(version)}; this release of cloudfront-kvs-mock reads version ${STATE_VERSION} only`);
  }
  return header as Record<string, unknown>;
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0 && byte !== NEWLINE) return false;
  return true;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
