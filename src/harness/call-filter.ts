/**
 * The object filter of `calls()`. A filter naming an operation, plane or client the log never
 * holds would match nothing and let a misspelt assertion pass, so it is refused instead.
 */
import { KvsMockUsageError, quote } from '../errors';
import { checkOperationName, type OperationName } from '../operations';
import { PLANE_OF_CLIENT } from '../sdk/middleware';

/** What `KvsSimulator.calls()` can filter on; every field given must match. */
export interface CallFilter<Op extends OperationName = OperationName, Plane extends 'data' | 'control' = 'data' | 'control'> {
  operation?: Op;
  plane?: Plane;
  /** `CloudFrontKeyValueStoreClient` or `CloudFrontClient`. */
  clientName?: string;
}

const KEYS = ['operation', 'plane', 'clientName'];

/** Throws a `KvsMockUsageError`, naming what is valid, unless every field can match a logged call. */
export function checkCallFilter(filter: CallFilter): void {
  const where = 'calls(filter)';
  for (const key of Object.keys(filter)) {
    if (!KEYS.includes(key)) throw new KvsMockUsageError(`${where}: unknown option ${JSON.stringify(key)}. Known options: ${KEYS.join(', ')}.`);
  }
  const { operation, plane, clientName } = filter;
  if (plane !== undefined && plane !== 'data' && plane !== 'control') {
    throw new KvsMockUsageError(`${where}: plane must be 'data' or 'control', got ${shown(plane)}.`);
  }
  if (operation !== undefined) checkOperationName(where, operation, plane);
  const clients = Object.keys(PLANE_OF_CLIENT).filter((name) => plane === undefined || PLANE_OF_CLIENT[name] === plane);
  if (clientName !== undefined && !clients.includes(clientName)) {
    throw new KvsMockUsageError(`${where}: clientName must be ${clients.join(' or ')}${plane ? ` on the ${plane} plane` : ''}, got ${shown(clientName)}.`);
  }
}

function shown(value: unknown): string {
  return typeof value === 'string' ? quote(value) : String(value);
}
