/**
 * The checks the real SDK makes before a request leaves the client, which a double at the
 * `initialize` step would otherwise skip: the endpoint rules on `KvsARN` (D15), missing HTTP
 * labels, and URI encoding of labels and query strings. Each throws the SDK's own error.
 */

/** Fields each operation puts in the URI: [required labels, other URI fields]. */
const URI_FIELDS: Record<string, Record<string, readonly [readonly string[], readonly string[]]>> = {
  data: {
    GetKey: [['Key'], []],
    PutKey: [['Key'], []],
    DeleteKey: [['Key'], []],
    ListKeys: [[], ['NextToken']],
  },
  control: {
    DescribeKeyValueStore: [['Name'], []],
    UpdateKeyValueStore: [['Name'], []],
    DeleteKeyValueStore: [['Name'], []],
    ListKeyValueStores: [[], ['Marker', 'Status']],
    ListTagsForResource: [[], ['Resource']],
    TagResource: [[], ['Resource']],
    UntagResource: [[], ['Resource']],
  },
};

interface EndpointConfig {
  endpointProvider?: (params: Record<string, unknown>) => unknown;
}

export function clientSideChecks(plane: 'data' | 'control', operation: string, input: unknown, config: EndpointConfig | undefined): void {
  const fields = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  if (plane === 'data' && typeof config?.endpointProvider === 'function') {
    // The SDK resolves the endpoint from KvsARN first; its rules throw EndpointError for a bad ARN.
    config.endpointProvider({ KvsARN: fields['KvsARN'], UseFIPS: false });
  }
  const uri = URI_FIELDS[plane]![operation];
  if (!uri) return;
  const [labels, others] = uri;
  for (const label of labels) {
    const value = fields[label];
    if (value === undefined || value === null) throw new Error(`No value provided for input HTTP label: ${label}.`);
    encodeURIComponent(String(value)); // URIError for a lone surrogate, as the SDK's serializer
  }
  for (const name of others) {
    const value = fields[name];
    if (typeof value === 'string') encodeURIComponent(value);
  }
}
