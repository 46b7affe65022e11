/** The service quotas the simulator enforces; every one can be changed per simulator. */
export interface Quotas {
  /** Key value stores per account (default 200). */
  keyValueStoresPerAccount: number;
  /** Total size of one store, as `TotalSizeInBytes` counts it (default 5 MB = 5,242,880). */
  storeSizeBytes: number;
  /** UTF-8 bytes of one key (default 512). */
  keySizeBytes: number;
  /** UTF-8 bytes of one value (default 1024). */
  valueSizeBytes: number;
  /** Puts plus deletes in one UpdateKeys request (default 50). */
  keysPerUpdate: number;
  /** UTF-8 bytes of keys and values in one UpdateKeys request (default 3 MB = 3,145,728). */
  updatePayloadBytes: number;
  /** Size of an S3 import file (default 5 MB = 5,242,880). */
  importFileSizeBytes: number;
  /** CloudFront functions per account (default 100). */
  functionsPerAccount: number;
  /** Bytes of one function's code (default 10 KB = 10,240). */
  functionSizeBytes: number;
  /** Functions associated with one key value store, either stage (default 100). */
  functionsPerKeyValueStore: number;
}

/** AWS's default quotas ("Quotas on key value stores" and "Quotas on CloudFront Functions", CloudFront Developer Guide). */
export const DEFAULT_QUOTAS: Readonly<Quotas> = Object.freeze({
  keyValueStoresPerAccount: 200,
  storeSizeBytes: 5 * 1024 * 1024,
  keySizeBytes: 512,
  valueSizeBytes: 1024,
  keysPerUpdate: 50,
  updatePayloadBytes: 3 * 1024 * 1024,
  importFileSizeBytes: 5 * 1024 * 1024,
  functionsPerAccount: 100,
  functionSizeBytes: 10 * 1024,
  functionsPerKeyValueStore: 100,
});

/** Quotas a snapshot from before they existed leaves out: such a snapshot loads with their defaults. */
export const LATER_QUOTAS: readonly (keyof Quotas)[] = ['functionsPerAccount', 'functionSizeBytes', 'functionsPerKeyValueStore'];
