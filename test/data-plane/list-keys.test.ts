import { describe, expect, it } from '@jest/globals';
import {
  DeleteKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  UpdateKeysCommand,
  ValidationException,
  paginateListKeys,
  type CloudFrontKeyValueStoreClient,
  type ListKeysCommandOutput,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { createKvsSimulator } from '../../src';
import { metadata, rejection, setup } from '../helpers/clients';
import { byUtf8, expectRejectedUnchanged, expectServiceError } from './fixtures';

/**
 * 1,100 keys whose UTF-8 byte order differs from JavaScript's UTF-16 order: astral-plane
 * characters (surrogate pairs) sort after U+E000..U+FFFF in UTF-8 but before them in UTF-16.
 */
const PREFIXES = ['key-', 'Key-', 'é', 'e\u0301', '日本語', '\ue000', '\uff5e', '\ufffd', '😀', '𝄞', '\u{10ffff}', '~', ' ', 'z'];
const KEYS = Array.from({ length: 1100 }, (_, i) => `${PREFIXES[i % PREFIXES.length]}${(i * 7919) % 1100}`);
const SORTED = [...KEYS].sort(byUtf8);
const valueOf = (key: string) => `v:${key}`;

/** Reads every page with this MaxResults (undefined: the default), checking page sizes and tokens. */
async function readAll(data: CloudFrontKeyValueStoreClient, arn: string, MaxResults: number | undefined): Promise<string[]> {
  const pageSize = MaxResults ?? 10;
  const keys: string[] = [];
  let NextToken: string | undefined;
  const problems: string[] = [];
  let pages = 0;
  do {
    const page: ListKeysCommandOutput = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults, NextToken }));
    pages++;
    for (const item of page.Items!) {
      if (item.Value !== valueOf(item.Key!)) problems.push(`value of ${item.Key}: ${item.Value}`);
      keys.push(item.Key!);
    }
    const full = page.Items!.length === pageSize;
    if (page.NextToken !== undefined && !full) problems.push(`page ${pages}: ${page.Items!.length} items and a NextToken`);
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  // Collected, then asserted once: thousands of expect() calls would dominate the run time.
  expect(problems).toEqual([]);
  expect(pages).toBe(Math.ceil(SORTED.length / pageSize));
  return keys;
}

describe('ListKeys', () => {
  it('answers a small store in one page: exact items in order, no NextToken', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { key2: 'value2', key1: 'value1', Key3: '' } });
    const out = await data.send(new ListKeysCommand({ KvsARN: arn }));
    expect(out).toEqual({
      Items: [
        { Key: 'Key3', Value: '' },
        { Key: 'key1', Value: 'value1' },
        { Key: 'key2', Value: 'value2' },
      ],
      $metadata: metadata(200),
    });
    expect(out).not.toHaveProperty('NextToken');
  });

  it('answers an empty store with no items and no NextToken', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const out = await data.send(new ListKeysCommand({ KvsARN: arn }));
    expect(out).toEqual({ Items: [], $metadata: metadata(200) });
    expect(out).not.toHaveProperty('NextToken');
  });

  it('pages by 10 by default, and a page that ends the list carries no NextToken even when it is full', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${String(i).padStart(2, '0')}`, `${i}`])) });
    const first = await data.send(new ListKeysCommand({ KvsARN: arn }));
    expect(first.Items).toHaveLength(10);
    expect(first.Items![0]).toEqual({ Key: 'k00', Value: '0' });
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await data.send(new ListKeysCommand({ KvsARN: arn, NextToken: first.NextToken }));
    expect(second.Items!.map((i) => i.Key)).toEqual(['k10', 'k11', 'k12', 'k13', 'k14', 'k15', 'k16', 'k17', 'k18', 'k19']);
    expect(second).not.toHaveProperty('NextToken');
  });

  it('never changes the store', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: { a: '1', b: '2', c: '3' } });
    const before = kvs.getStore(arn);
    const first = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 1 }));
    await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 1, NextToken: first.NextToken }));
    expect(kvs.getStore(arn)).toEqual(before);
  });

  describe('over 1,100 keys whose UTF-8 order is not UTF-16 order (D9)', () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: KEYS.map((key) => ({ key, value: valueOf(key) })) });

    it('the fixture really orders differently in UTF-8 and UTF-16', () => {
      expect(new Set(KEYS).size).toBe(1100);
      expect([...KEYS].sort()).not.toEqual(SORTED);
    });

    it('returns every key exactly once, in UTF-8 byte order, with every page size from 1 to 50 and the default', async () => {
      for (const size of [undefined, ...Array.from({ length: 50 }, (_, i) => i + 1)]) {
        const keys = await readAll(data, arn, size);
        // toEqual on 1,100 strings: one failure message names the first difference.
        expect(keys).toEqual(SORTED);
      }
    });

    it('paginateListKeys walks the same order', async () => {
      const keys: string[] = [];
      let pages = 0;
      for await (const page of paginateListKeys({ client: data, pageSize: 37 }, { KvsARN: arn })) {
        pages++;
        keys.push(...page.Items!.map((i) => i.Key!));
      }
      expect(keys).toEqual(SORTED);
      expect(pages).toBe(Math.ceil(1100 / 37));
    });

    it('answers the same page for the same token twice', async () => {
      const first = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50 }));
      const a = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50, NextToken: first.NextToken }));
      const b = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50, NextToken: first.NextToken }));
      expect(b.Items).toEqual(a.Items);
      expect(a.Items).toEqual(SORTED.slice(50, 100).map((Key) => ({ Key, Value: valueOf(Key) })));
      // A token does not fix the page size: the next call may ask for another one.
      const c = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 3, NextToken: first.NextToken }));
      expect(c.Items!.map((i) => i.Key)).toEqual(SORTED.slice(50, 53));
    });
  });

  describe('writes between pages do not break a scan', () => {
    it('resumes after the last key read even when that key was deleted, and sees keys inserted ahead', async () => {
      const { kvs, data } = setup();
      const items = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${String(i).padStart(2, '0')}`, `${i}`]));
      const arn = kvs.seedStore({ items });
      const first = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 10 }));
      expect(first.Items!.at(-1)!.Key).toBe('k09');

      // Delete the key the token points after, and the next one; insert one behind and two ahead.
      const out = await data.send(
        new UpdateKeysCommand({
          KvsARN: arn,
          IfMatch: kvs.getStore(arn)!.ETag,
          Deletes: [{ Key: 'k09' }, { Key: 'k10' }],
          Puts: [{ Key: 'k05a', Value: 'behind' }, { Key: 'k09a', Value: 'ahead' }, { Key: 'k99', Value: 'end' }],
        }),
      );
      expect(out.ItemCount).toBe(31);

      const rest: string[] = [];
      let NextToken = first.NextToken;
      while (NextToken) {
        const page = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 10, NextToken }));
        rest.push(...page.Items!.map((i) => i.Key!));
        NextToken = page.NextToken;
      }
      expect(rest).toEqual(['k09a', ...Array.from({ length: 19 }, (_, i) => `k${i + 11}`), 'k99']);
    });

    it('a token stays valid after the store empties, and then ends the scan', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
      const first = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 1 }));
      let etag = kvs.getStore(arn)!.ETag;
      for (const Key of ['a', 'b']) etag = (await data.send(new DeleteKeyCommand({ KvsARN: arn, Key, IfMatch: etag }))).ETag!;
      const out = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 1, NextToken: first.NextToken }));
      expect(out).toEqual({ Items: [], $metadata: metadata(200) });
    });

    it('a token resumes after a key put back after the read', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1', c: '3' } });
      const first = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 1 }));
      await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'b', Value: '2', IfMatch: kvs.getStore(arn)!.ETag }));
      const out = await data.send(new ListKeysCommand({ KvsARN: arn, NextToken: first.NextToken }));
      expect(out.Items).toEqual([{ Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }]);
    });
  });

  describe('MaxResults (D9)', () => {
    it.each([
      [0, "Value at 'MaxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
      [-1, 'Member must have value greater than or equal to 1'],
      [51, "Value at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 50"],
      [1000, 'Member must have value less than or equal to 50'],
      [1.5, "Value at 'MaxResults' failed to satisfy constraint: Member must be an integer"],
      [Number.NaN, 'Member must be an integer'],
    ])('%p: ValidationException', async (MaxResults, message) => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1' } });
      await expectRejectedUnchanged(kvs, arn, () => data.send(new ListKeysCommand({ KvsARN: arn, MaxResults })), ValidationException, message);
    });

    it('50 is the largest page', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${String(i).padStart(2, '0')}`, ''])) });
      const out = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50 }));
      expect(out.Items).toHaveLength(50);
      expect(out.NextToken).toEqual(expect.any(String));
    });
  });

  describe('NextToken is opaque and tied to its store (D9)', () => {
    const rejectsToken = async (data: CloudFrontKeyValueStoreClient, arn: string, NextToken: string) => {
      const error = await rejection(data.send(new ListKeysCommand({ KvsARN: arn, NextToken })));
      expectServiceError(error, ValidationException, `Invalid NextToken: it was not issued by ListKeys for key value store ${arn}.`);
    };

    it('rejects a garbage string, the AWS model example and an empty string', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
      for (const token of ['garbage', 'hVTTZndkpBZ0VRZ0R1RF', '', '.', 'a.b', '{"after":"a"}']) await rejectsToken(data, arn, token);
    });

    it('rejects a token forged from a real one (changed position or signature)', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1', b: '2', c: '3' } });
      const { NextToken } = await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 1 }));
      const token = NextToken!;
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      await rejectsToken(data, arn, flip(token, 0));
      await rejectsToken(data, arn, flip(token, token.length - 1));
      await rejectsToken(data, arn, Buffer.from('b').toString('base64url') + token.slice(token.indexOf('.')));
      await rejectsToken(data, arn, token + 'x');
      await expect(data.send(new ListKeysCommand({ KvsARN: arn, NextToken: token }))).resolves.toMatchObject({ Items: [{ Key: 'b' }, { Key: 'c' }] });
    });

    it('rejects a token of another store, even one with the same keys', async () => {
      const { kvs, data } = setup();
      const a = kvs.seedStore({ items: { a: '1', b: '2' } });
      const b = kvs.seedStore({ items: { a: '1', b: '2' } });
      const { NextToken } = await data.send(new ListKeysCommand({ KvsARN: a, MaxResults: 1 }));
      await rejectsToken(data, b, NextToken!);
    });

    it('rejects a token of another simulator', async () => {
      const { kvs, data } = setup();
      const arn = kvs.seedStore({ items: { a: '1', b: '2' } });
      const other = createKvsSimulator({ seed: 'another seed' });
      const otherClient = other.attach(new (data.constructor as typeof CloudFrontKeyValueStoreClient)({}));
      const otherArn = other.seedStore({ items: { a: '1', b: '2' } });
      const { NextToken } = await otherClient.send(new ListKeysCommand({ KvsARN: otherArn, MaxResults: 1 }));
      await rejectsToken(data, arn, NextToken!);
    });
  });
});
