/**
 * The checks the real SDK makes before a request leaves the client, which a double at the
 * `initialize` step would otherwise skip: the endpoint rules on `KvsARN` (D15), missing HTTP
 * labels, and URI encoding of labels and query strings. Each throws the SDK's own error.
 */

import { isWellFormed } from '../core/utf8';

/**
 * What each operation puts in the request line and headers, as the SDK's serializer reads it:
 * `members` in the model's member order (each non-null one is turned into a string first),
 * `labels` in the order the path template names them, `query` the query-string members; both
 * as indexes into `members`.
 */
interface UriFields {
  members: readonly string[];
  labels: readonly number[];
  query: readonly number[];
}

const uri = (members: string[], labels: string[], query: string[] = []): UriFields => ({
  members,
  labels: labels.map((name) => members.indexOf(name)),
  query: query.map((name) => members.indexOf(name)),
});

const URI_FIELDS: Record<string, Record<string, UriFields>> = {
  data: {
    DescribeKeyValueStore: uri(['KvsARN'], ['KvsARN']),
    GetKey: uri(['KvsARN', 'Key'], ['KvsARN', 'Key']),
    ListKeys: uri(['KvsARN', 'NextToken', 'MaxResults'], ['KvsARN'], ['NextToken', 'MaxResults']),
    PutKey: uri(['Key', 'KvsARN', 'IfMatch'], ['KvsARN', 'Key']),
    DeleteKey: uri(['KvsARN', 'Key', 'IfMatch'], ['KvsARN', 'Key']),
    UpdateKeys: uri(['KvsARN', 'IfMatch'], ['KvsARN']),
  },
  control: {
    DescribeKeyValueStore: uri(['Name'], ['Name']),
    UpdateKeyValueStore: uri(['Name', 'IfMatch'], ['Name']),
    DeleteKeyValueStore: uri(['Name', 'IfMatch'], ['Name']),
    ListKeyValueStores: uri(['Marker', 'MaxItems', 'Status'], [], ['Marker', 'MaxItems', 'Status']),
    ListTagsForResource: uri(['Resource'], [], ['Resource']),
    TagResource: uri(['Resource'], [], ['Resource']),
    UntagResource: uri(['Resource'], [], ['Resource']),
  },
};

interface EndpointConfig {
  endpointProvider?: (params: Record<string, unknown>) => unknown;
}

export function clientSideChecks(plane: 'data' | 'control', operation: string, input: unknown, config: EndpointConfig | undefined): void {
  const fields = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  // The data plane's auth-scheme step refuses a falsy input (0, '', false, NaN) before the endpoint rules run.
  if (plane === 'data' && !input && input !== undefined && input !== null) {
    throw new Error('Could not find `input` for `defaultEndpointRuleSetHttpAuthSchemeParametersProvider`');
  }
  if (plane === 'data' && typeof config?.endpointProvider === 'function') {
    // The SDK resolves the endpoint from KvsARN first; its rules throw EndpointError for a bad ARN.
    config.endpointProvider({ KvsARN: fields['KvsARN'], UseFIPS: false });
  }
  const fieldsOf = URI_FIELDS[plane]![operation];
  if (!fieldsOf) return;
  const { members, labels, query } = fieldsOf;
  // Strings and numbers become strings with no side effect, so with nothing else among the
  // members the labels are checked in place; anything else goes member by member, as the SDK does.
  for (const name of members) {
    const value = fields[name];
    if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') return checkAsText(fieldsOf, fields);
  }
  for (const label of labels) {
    const value = fields[members[label]!];
    if (value === undefined || value === null) throw missingLabel(members[label]!);
    if (typeof value === 'string') percentEncode(value);
  }
  for (const name of query) {
    const value = fields[members[name]!];
    if (typeof value === 'string') percentEncode(value);
  }
}

/** The serializer's own order: every member turned into a string first, then the path template filled, then the query string encoded. */
function checkAsText({ members, labels, query }: UriFields, fields: Record<string, unknown>): void {
  const text: Array<string | undefined> = [];
  for (const name of members) {
    const value = fields[name];
    text.push(value === undefined || value === null ? undefined : String(value));
  }
  // A missing label, or one that cannot be percent-encoded (a lone surrogate: URIError), stops it.
  for (const label of labels) {
    const value = text[label];
    if (value === undefined) throw missingLabel(members[label]!);
    percentEncode(value);
  }
  for (const name of query) {
    const value = text[name];
    if (value !== undefined) percentEncode(value);
  }
}

function missingLabel(name: string): Error {
  return new Error(`No value provided for input HTTP label: ${name}.`);
}

/**
 * Throws what `encodeURIComponent` throws for `value` (a URIError for a lone surrogate, the
 * only input it refuses), without encoding the well-formed strings of every call.
 */
function percentEncode(value: string): void {
  if (!isWellFormed(value)) encodeURIComponent(value);
}
