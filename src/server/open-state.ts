/**
 * Where the server finds its state file support. This build has none: `stateFile` (`--state`)
 * is refused with an error that says so, rather than acknowledging writes it does not keep.
 */
import { KvsMockUsageError } from '../errors';
import type { OpenStateFile } from './state-types';

export const openStateFile: OpenStateFile = async (path) => {
  throw new KvsMockUsageError(
    `stateFile ${JSON.stringify(path)}: a state file is not available in this build of cloudfront-kvs-mock; start the server without --state (stateFile), and keep its state with GET /_kvs-mock/snapshot.`,
  );
};
