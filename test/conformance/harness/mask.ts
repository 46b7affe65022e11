/**
 * What changes from run to run in an answer, replaced by a placeholder so that answers of two
 * runs (or of AWS and the double) compare: ids, ETags, times, request ids, account ids, the run
 * prefix, measured figures. Everything else is kept as answered.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DATA_ETAG = /\bKV[0-9A-Z]{13}\b/g;
const CONTROL_ETAG = /^E[0-9A-Z]{12,13}$/;
const ACCOUNT_IN_ARN = /(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:)\d{12}(?=:)/g;
const ACCOUNT_IN_HOST = /\b\d{12}(?=\.cloudfront-kvs\.)/g;
/** Members whose value is a measure or an identity of the attempt, never a behaviour. */
const VOLATILE_MEMBERS = new Map<string, string>([
  ['RequestId', '<request-id>'],
  ['ComputeUtilization', '<number>'],
]);

export function maskText(text: string, prefix: string): string {
  let out = text.split(prefix).join('<prefix>');
  out = out.replace(ACCOUNT_IN_ARN, '$1<account>').replace(ACCOUNT_IN_HOST, '<account>');
  out = out.replace(UUID, '<id>').replace(DATA_ETAG, '<data-etag>');
  return CONTROL_ETAG.test(out) ? '<etag>' : out;
}

/** A JSON-ready copy of `value` with the volatile parts masked; `$metadata` and `$response` are dropped. */
export function maskValue(value: unknown, prefix: string): unknown {
  if (value instanceof Date) return '<time>';
  if (typeof value === 'string') return maskText(value, prefix);
  if (value instanceof Uint8Array) return { $bytes: maskText(new TextDecoder().decode(value), prefix) };
  if (Array.isArray(value)) return value.map((item) => maskValue(item, prefix));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === '$metadata' || key === '$response' || member === undefined) continue;
      out[key] = VOLATILE_MEMBERS.get(key) ?? maskValue(member, prefix);
    }
    return out;
  }
  return value;
}
