import { describe, expect, it } from '@jest/globals';
import {
  DeleteKeyCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { metadata, setup } from '../helpers/clients';
import { anyETag, byUtf8, bytes, expectRejectedUnchanged, totalSize } from './fixtures';

/** Keys that trip up stores built on plain objects, URL paths or UTF-16 lengths. */
const SPECIAL: Array<[string, string]> = [
  ['__proto__', 'an object key that sets the prototype'],
  ['constructor', 'Object.prototype member'],
  ['toString', 'Object.prototype method'],
  ['hasOwnProperty', 'Object.prototype method'],
  ['valueOf', 'Object.prototype method'],
  ['__defineGetter__', 'legacy Object.prototype method'],
  ['a/b c?', 'path separator, space and query mark in a URL label'],
  ['%2F', 'already percent-encoded text'],
  ['..', 'a dot segment'],
  ['#frag&x=1', 'fragment and query characters'],
  ["!'()*", 'characters encodeURIComponent leaves alone'],
  ['line\nbreak\ttab', 'control characters'],
  [' ', 'a single space'],
  ['😀', 'an emoji (4 UTF-8 bytes, 2 UTF-16 units)'],
  ['👩‍👩‍👧', 'a ZWJ emoji sequence'],
  ['日本語', 'CJK (3 bytes each)'],
  ['é', 'é in NFC (U+00E9)'],
  ['e\u0301', 'é in NFD (e + U+0301): a different key'],
  ['\ue000', 'private use, sorts before astral characters in UTF-8'],
  ['\u{10ffff}', 'the last code point'],
  ['\u0000', 'NUL'],
];

describe('special keys are plain keys', () => {
  it.each(SPECIAL)('%j (%s): put, get, list, getStore, delete, with UTF-8 sizes', async (key) => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const value = `value of ${key}`;
    const size = bytes(key) + bytes(value) + 1;

    const put = await data.send(new PutKeyCommand({ KvsARN: arn, Key: key, Value: value, IfMatch: kvs.getStore(arn)!.ETag }));
    expect(put).toEqual({ ETag: anyETag(), ItemCount: 1, TotalSizeInBytes: size, $metadata: metadata(200) });

    expect(await data.send(new GetKeyCommand({ KvsARN: arn, Key: key }))).toEqual({ Key: key, Value: value, ItemCount: 1, TotalSizeInBytes: size, $metadata: metadata(200) });
    expect((await data.send(new ListKeysCommand({ KvsARN: arn }))).Items).toEqual([{ Key: key, Value: value }]);

    const items = kvs.getStore(arn)!.Items;
    expect(Object.keys(items)).toEqual([key]);
    expect(Object.getOwnPropertyDescriptor(items, key)?.value).toBe(value);
    expect(Object.getPrototypeOf(items)).toBe(Object.prototype);

    const del = await data.send(new DeleteKeyCommand({ KvsARN: arn, Key: key, IfMatch: put.ETag }));
    expect(del).toEqual({ ETag: anyETag(), ItemCount: 0, TotalSizeInBytes: 0, $metadata: metadata(200) });
    expect(Object.keys(kvs.getStore(arn)!.Items)).toEqual([]);
  });

  it('an empty store has none of them: Object.prototype members are not keys', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    for (const Key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await expectRejectedUnchanged(kvs, arn, () => data.send(new GetKeyCommand({ KvsARN: arn, Key })), ResourceNotFoundException, 'was not found');
      await expectRejectedUnchanged(kvs, arn, () => data.send(new DeleteKeyCommand({ KvsARN: arn, Key, IfMatch: kvs.getStore(arn)!.ETag })), ResourceNotFoundException, 'was not found');
    }
  });

  it('all of them together in one UpdateKeys, listed in UTF-8 byte order, sized exactly', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const Puts = SPECIAL.map(([Key], i) => ({ Key, Value: `#${i}` }));
    const out = await data.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: kvs.getStore(arn)!.ETag, Puts }));
    const pairs = Puts.map((p) => [p.Key, p.Value] as [string, string]);
    expect(out).toMatchObject({ ItemCount: SPECIAL.length, TotalSizeInBytes: totalSize(pairs) });

    const listed = (await data.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 50 }))).Items!;
    expect(listed.map((i) => i.Key)).toEqual(SPECIAL.map(([k]) => k).sort(byUtf8));

    const items = kvs.getStore(arn)!.Items;
    expect(Object.entries(items).sort(([a], [b]) => byUtf8(a, b))).toEqual([...pairs].sort(([a], [b]) => byUtf8(a, b)));
    expect(Object.getPrototypeOf(items)).toBe(Object.prototype);
  });

  it('NFC and NFD forms of é are two keys of different sizes', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const nfc = 'caf\u00e9';
    const nfd = 'cafe\u0301';
    expect(nfc.normalize('NFD')).toBe(nfd);
    const first = await data.send(new PutKeyCommand({ KvsARN: arn, Key: nfc, Value: 'nfc', IfMatch: kvs.getStore(arn)!.ETag }));
    expect(first.TotalSizeInBytes).toBe(5 + 3 + 1);
    const second = await data.send(new PutKeyCommand({ KvsARN: arn, Key: nfd, Value: 'nfd', IfMatch: first.ETag }));
    expect(second).toMatchObject({ ItemCount: 2, TotalSizeInBytes: 9 + (6 + 3 + 1) });
    expect(await data.send(new GetKeyCommand({ KvsARN: arn, Key: nfc }))).toMatchObject({ Value: 'nfc' });
    expect(await data.send(new GetKeyCommand({ KvsARN: arn, Key: nfd }))).toMatchObject({ Value: 'nfd' });
    // "cafe\u0301" < "caf\u00e9" in bytes: 0x65 < 0xC3.
    expect((await data.send(new ListKeysCommand({ KvsARN: arn }))).Items).toEqual([{ Key: nfd, Value: 'nfd' }, { Key: nfc, Value: 'nfc' }]);
  });

  it('keys seeded in the import format keep Object.prototype names as plain keys', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({ items: [{ key: '__proto__', value: 'p' }, { key: 'constructor', value: 'c' }] });
    expect(await data.send(new GetKeyCommand({ KvsARN: arn, Key: '__proto__' }))).toMatchObject({ Value: 'p', ItemCount: 2, TotalSizeInBytes: 11 + 13 });
    expect(Object.keys(kvs.getStore(arn)!.Items)).toEqual(['__proto__', 'constructor']);
  });

  it('multi-byte values are counted in UTF-8 bytes', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore();
    const Value = 'ü€😀';
    const out = await data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value, IfMatch: kvs.getStore(arn)!.ETag }));
    expect(Value.length).toBe(4);
    expect(out.TotalSizeInBytes).toBe(1 + (2 + 3 + 4) + 1);
  });
});
