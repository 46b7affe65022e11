import { ListFunctionsCommand, ListKeyValueStoresCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { deleteAll, type Resource } from './resources';
import { checkPrefix } from './run-prefix';

/**
 * The stores and functions of the account whose names start with `<prefix>-`: what a run with
 * that prefix created and left behind. Functions are listed once whatever their stages.
 */
export async function leftovers(control: CloudFrontClient, prefix: string, pageSize?: number): Promise<Resource[]> {
  checkPrefix(prefix);
  const ours = (name: string | undefined): name is string => typeof name === 'string' && name.startsWith(`${prefix}-`);
  const found: Resource[] = [];
  let marker: string | undefined;
  do {
    const { KeyValueStoreList } = await control.send(new ListKeyValueStoresCommand({ Marker: marker, MaxItems: pageSize }));
    for (const store of KeyValueStoreList?.Items ?? []) if (ours(store.Name)) found.push({ kind: 'store', name: store.Name });
    marker = KeyValueStoreList?.NextMarker || undefined;
  } while (marker);
  const functions = new Set<string>();
  do {
    const { FunctionList } = await control.send(new ListFunctionsCommand({ Marker: marker, MaxItems: pageSize }));
    for (const fn of FunctionList?.Items ?? []) if (ours(fn.Name)) functions.add(fn.Name);
    marker = FunctionList?.NextMarker || undefined;
  } while (marker);
  for (const name of functions) found.push({ kind: 'function', name });
  return found;
}

/** Deletes the leftovers of a run (or, with `execute: false`, only lists them). */
export async function cleanup(control: CloudFrontClient, prefix: string, { execute = true, pageSize }: { execute?: boolean; pageSize?: number } = {}): Promise<{ found: Resource[]; failed: string[] }> {
  const found = await leftovers(control, prefix, pageSize);
  return { found, failed: execute ? await deleteAll(control, found) : [] };
}
