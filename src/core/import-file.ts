import type { Quotas } from './quotas';
import { pairSize } from './size';
import { isWellFormed, utf8Length } from './utf8';

export type ImportResult = { ok: true; items: Array<[string, string]> } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an S3 import file (`{"data":[{"key":"k","value":"v"},...]}`) with all its limits.
 * Every failure names what was wrong: it becomes the store's `FailureReason` (Decision D11).
 */
export function parseImportFile(body: Uint8Array, quotas: Quotas): ImportResult {
  if (body.byteLength > quotas.importFileSizeBytes) {
    return fail(`Datasource size exceeds the allowed limit: the file is ${body.byteLength} bytes, the limit is ${quotas.importFileSizeBytes} bytes`);
  }
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return fail('The import file is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`The import file is not valid JSON: ${(e as Error).message}`);
  }
  const format = '{"data":[{"key":"k","value":"v"}]}';
  if (!isRecord(parsed)) return fail(`The import file must be a JSON object, ${format}; it is ${describe(parsed)}`);
  const data = parsed['data'];
  if (data === undefined) return fail(`The import file has no "data" member; the format is ${format}`);
  if (!Array.isArray(data)) return fail(`The "data" member of the import file must be an array, ${format}; it is ${describe(data)}`);
  return checkImportData(data, quotas);
}

/** Checks the `data` array of the import format: shapes, Unicode, byte limits, duplicates, total size. */
export function checkImportData(data: readonly unknown[], quotas: Quotas): ImportResult {
  const seen = new Set<string>();
  const items: Array<[string, string]> = [];
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (!isRecord(item)) return fail(`Item ${i} of "data" must be an object {"key":"k","value":"v"}; it is ${describe(item)}`);
    const key = item['key'];
    const value = item['value'];
    if (typeof key !== 'string') return fail(notAString(i, 'key', key));
    if (typeof value !== 'string') return fail(notAString(i, 'value', value));
    if (key.length === 0) return fail(`Item ${i} of "data" has an empty key`);
    if (!isWellFormed(key) || !isWellFormed(value)) return fail(`Item ${i} of "data" is not valid Unicode (lone surrogate)`);
    const keyBytes = utf8Length(key);
    if (keyBytes > quotas.keySizeBytes) {
      return fail(`Item ${i} of "data": the key is ${keyBytes} bytes, the limit is ${quotas.keySizeBytes} bytes`);
    }
    const valueBytes = utf8Length(value);
    if (valueBytes > quotas.valueSizeBytes) {
      return fail(`Item ${i} of "data": the value of key "${key}" is ${valueBytes} bytes, the limit is ${quotas.valueSizeBytes} bytes`);
    }
    if (seen.has(key)) return fail(`Item ${i} of "data" repeats the key "${key}": keys must be unique`);
    seen.add(key);
    total += pairSize(key, value);
    items.push([key, value]);
  }
  if (total > quotas.storeSizeBytes) {
    return fail(`Datasource size exceeds the allowed limit: the pairs total ${total} bytes, the store limit is ${quotas.storeSizeBytes} bytes`);
  }
  return { ok: true, items };
}

function fail(reason: string): ImportResult {
  return { ok: false, reason };
}

function notAString(index: number, member: 'key' | 'value', value: unknown): string {
  if (value === undefined) return `Item ${index} of "data" has no "${member}"`;
  return `Item ${index} of "data": "${member}" must be a string; it is ${describe(value)}`;
}

/** Names a JSON value's type for a failure reason: `an array`, `a number (1)`, `null`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `a ${typeof value} (${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
