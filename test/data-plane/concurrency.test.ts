import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontKeyValueStoreClient,
  DeleteKeyCommand,
  PutKeyCommand,
  UpdateKeysCommand,
  ValidationException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { setup } from '../helpers/clients';
import { targetDriver } from '../helpers/target';
import { ETAG, currentETag, expectServiceError, totalSize } from './fixtures';

const WRITERS = 10;

/** Splits settled results into the one winner and the losers' errors. */
function split<T>(results: PromiseSettledResult<T>[]) {
  const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, value: r.value }] : []));
  const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  return { won, lost };
}

describe('optimistic concurrency: N writers racing with the same ETag (D1)', () => {
  it('PutKey: exactly one wins; the others get Pre-Condition failed and change nothing', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { existing: 'x' } });
    const IfMatch = kvs.getStore(arn)!.ETag;

    const results = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, i) => data.send(new PutKeyCommand({ KvsARN: arn, Key: `writer-${i}`, Value: `${i}`, IfMatch }))),
    );

    const { won, lost } = split(results);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(WRITERS - 1);
    for (const error of lost) expectServiceError(error, ValidationException, 'Pre-Condition failed');
    const { i, value } = won[0]!;
    const items = { existing: 'x', [`writer-${i}`]: `${i}` };
    expect(value).toMatchObject({ ETag: expect.stringMatching(ETAG), ItemCount: 2, TotalSizeInBytes: totalSize(items) });
    expect(kvs.getStore(arn)).toMatchObject({ ETag: value.ETag, Items: items, ItemCount: 2, TotalSizeInBytes: totalSize(items) });
  });

  it('PutKey of the same key: the final value is the winner value', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { counter: '0' } });
    const IfMatch = kvs.getStore(arn)!.ETag;
    const results = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, i) => data.send(new PutKeyCommand({ KvsARN: arn, Key: 'counter', Value: `${i + 1}`, IfMatch }))),
    );
    const { won, lost } = split(results);
    expect(won).toHaveLength(1);
    for (const error of lost) expectServiceError(error, ValidationException, 'Pre-Condition failed');
    expect(kvs.getStore(arn)!.Items).toEqual({ counter: `${won[0]!.i + 1}` });
  });

  it('DeleteKey: exactly one wins; the other keys stay', async () => {
    const { kvs, data } = setup();
    const seeded = Object.fromEntries(Array.from({ length: WRITERS }, (_, i) => [`k${i}`, `v${i}`]));
    const arn = kvs.seedStore({ items: seeded });
    const IfMatch = kvs.getStore(arn)!.ETag;

    const results = await Promise.allSettled(Array.from({ length: WRITERS }, (_, i) => data.send(new DeleteKeyCommand({ KvsARN: arn, Key: `k${i}`, IfMatch }))));

    const { won, lost } = split(results);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(WRITERS - 1);
    for (const error of lost) expectServiceError(error, ValidationException, 'Pre-Condition failed');
    const expected = { ...seeded };
    delete expected[`k${won[0]!.i}`];
    expect(kvs.getStore(arn)).toMatchObject({ ETag: won[0]!.value.ETag, Items: expected, ItemCount: WRITERS - 1, TotalSizeInBytes: totalSize(expected) });
  });

  it('UpdateKeys: exactly one batch lands, whole; no other batch lands in part', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { shared: 'start' } });
    const IfMatch = kvs.getStore(arn)!.ETag;
    const batch = (i: number) => ({
      Puts: [{ Key: `batch-${i}-a`, Value: 'a' }, { Key: `batch-${i}-b`, Value: 'b' }, { Key: 'shared', Value: `by ${i}` }],
    });

    const results = await Promise.allSettled(Array.from({ length: WRITERS }, (_, i) => data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch, ...batch(i) }))));

    const { won, lost } = split(results);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(WRITERS - 1);
    for (const error of lost) expectServiceError(error, ValidationException, 'Pre-Condition failed');
    const i = won[0]!.i;
    const expected = { shared: `by ${i}`, [`batch-${i}-a`]: 'a', [`batch-${i}-b`]: 'b' };
    expect(kvs.getStore(arn)).toMatchObject({ ETag: won[0]!.value.ETag, Items: expected, ItemCount: 3, TotalSizeInBytes: totalSize(expected) });
  });

  it('mixed writers across several clients: still exactly one winner', async () => {
    const { kvs, data } = setup();
    const { data: other } = targetDriver().clients(kvs, {});
    const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
    const IfMatch = kvs.getStore(arn)!.ETag;
    const clients: CloudFrontKeyValueStoreClient[] = [data, other];
    const sends = [
      ...Array.from({ length: 4 }, (_, i) => clients[i % 2]!.send(new PutKeyCommand({ KvsARN: arn, Key: `p${i}`, Value: 'v', IfMatch }))),
      clients[0]!.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'a', IfMatch })),
      clients[1]!.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'b', IfMatch })),
      ...Array.from({ length: 4 }, (_, i) => clients[i % 2]!.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch, Puts: [{ Key: `u${i}`, Value: 'v' }], Deletes: [{ Key: 'a' }] }))),
    ];
    const { won, lost } = split(await Promise.allSettled(sends as Promise<{ ETag?: string }>[]));
    expect(won).toHaveLength(1);
    for (const error of lost) expectServiceError(error, ValidationException, 'Pre-Condition failed');
    expect(kvs.getStore(arn)!.ETag).toBe(won[0]!.value.ETag);
  });

  it('writers that re-read the ETag and retry on Pre-Condition failed all land, one at a time', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    let conflicts = 0;
    const writer = async (i: number) => {
      for (;;) {
        const IfMatch = await currentETag(data, arn);
        try {
          return await data.send(new PutKeyCommand({ KvsARN: arn, Key: `w${i}`, Value: `${i}`, IfMatch }));
        } catch (error) {
          // The retry rule production clients use against AWS.
          if ((error as Error).name === 'ValidationException' && (error as Error).message.includes('Pre-Condition failed')) {
            conflicts++;
            continue;
          }
          throw error;
        }
      }
    };
    const outputs = await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)));
    expect(new Set(outputs.map((o) => o.ETag)).size).toBe(WRITERS);
    expect(conflicts).toBeGreaterThan(0);
    const items = Object.fromEntries(Array.from({ length: WRITERS }, (_, i) => [`w${i}`, `${i}`]));
    expect(kvs.getStore(arn)).toMatchObject({ Items: items, ItemCount: WRITERS, TotalSizeInBytes: totalSize(items) });
    // The last write's ETag is the store's.
    expect(outputs.map((o) => o.ItemCount).sort((a, b) => a! - b!)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));
    expect(outputs.find((o) => o.ItemCount === WRITERS)!.ETag).toBe(kvs.getStore(arn)!.ETag);
  });
});
