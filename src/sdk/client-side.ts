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
    DescribeFunction: uri(['Name', 'Stage'], ['Name'], ['Stage']),
    GetFunction: uri(['Name', 'Stage'], ['Name'], ['Stage']),
    UpdateFunction: uri(['Name', 'IfMatch'], ['Name']),
    PublishFunction: uri(['Name', 'IfMatch'], ['Name']),
    TestFunction: uri(['Name', 'IfMatch'], ['Name']),
    DeleteFunction: uri(['Name', 'IfMatch'], ['Name']),
    ListFunctions: uri(['Marker', 'MaxItems', 'Stage'], [], ['Marker', 'MaxItems', 'Stage']),
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
  // Member by member, the serializer turns each label, header and query value into a string.
  // Strings and numbers turn into text with no side effect, so they are read in place; any other
  // member means every member is turned into text first, in the model's order, as the SDK does.
  let text: Array<string | undefined> | undefined;
  for (const name of members) {
    const value = fields[name];
    if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') {
      text = members.map((member) => asText(fields[member]));
      break;
    }
  }
  // Then it fills the path template in order: a missing label, or one that cannot be
  // percent-encoded (a lone surrogate: URIError), stops it.
  for (const label of labels) {
    const value = text ? text[label] : asText(fields[members[label]!]);
    if (value === undefined) throw new Error(`No value provided for input HTTP label: ${members[label]}.`);
    percentEncode(value);
  }
  // The query string is percent-encoded when the request is sent.
  for (const name of query) {
    const value = text ? text[name] : asText(fields[members[name]!]);
    if (value !== undefined) percentEncode(value);
  }
}

function asText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : typeof value === 'string' ? value : String(value);
}

/**
 * Throws what `encodeURIComponent` throws for `value` (a URIError for a lone surrogate, the
 * only input it refuses), without encoding the well-formed strings of every call.
 */
function percentEncode(value: string): void {
  if (!isWellFormed(value)) encodeURIComponent(value);
}
