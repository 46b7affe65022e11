import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontClient,
  DeleteKeyValueStoreCommand,
  InvalidArgument,
  ListKeyValueStoresCommand,
  paginateListKeyValueStores,
} from '@aws-sdk/client-cloudfront';
import { manualClock } from '../../src';
import { metadata, setup } from '../helpers/clients';
import { controlError, createStore, describeStore } from './fixtures';

async function names(control: CloudFrontClient, input: ConstructorParameters<typeof ListKeyValueStoresCommand>[0] = {}) {
  const out = await control.send(new ListKeyValueStoresCommand(input));
  // An empty list has no Items at all.
  return (out.KeyValueStoreList!.Items ?? []).map((s) => s.Name);
}

describe('ListKeyValueStores', () => {
  it('an account with no store: Quantity 0, no Items (as CloudFront leaves the element out), NextMarker "" and the default MaxItems 100', async () => {
    const { control } = setup();
    const out = await control.send(new ListKeyValueStoresCommand({}));
    expect(out).toEqual({
      KeyValueStoreList: { NextMarker: '', MaxItems: 100, Quantity: 0 },
      $metadata: metadata(200),
    });
  });

  it('lists the stores in creation order, each as Describe shows it', async () => {
    const { kvs, control } = setup();
    await createStore(control, { Name: 'zeta', Comment: 'last by name, first by time' });
    kvs.seedStore({ name: 'alpha' });
    await createStore(control, { Name: 'mid' });

    const out = await control.send(new ListKeyValueStoresCommand({}));

    expect(out.KeyValueStoreList).toMatchObject({ NextMarker: '', MaxItems: 100, Quantity: 3 });
    const described = [];
    for (const name of ['zeta', 'alpha', 'mid']) described.push((await describeStore(control, name)).KeyValueStore);
    expect(out.KeyValueStoreList!.Items).toEqual(described);
  });

  it('pages with MaxItems and Marker; NextMarker is "" on the last page', async () => {
    const { control } = setup();
    for (const name of ['s1', 's2', 's3', 's4', 's5']) await createStore(control, { Name: name });

    const first = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 2 }))).KeyValueStoreList!;
    expect(first).toMatchObject({ MaxItems: 2, Quantity: 2 });
    expect(first.Items!.map((s) => s.Name)).toEqual(['s1', 's2']);
    expect(first.NextMarker).toMatch(/^.+$/);

    const second = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 2, Marker: first.NextMarker }))).KeyValueStoreList!;
    expect(second.Items!.map((s) => s.Name)).toEqual(['s3', 's4']);
    expect(second.NextMarker).not.toBe('');
    expect(second.NextMarker).not.toBe(first.NextMarker);

    const third = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 2, Marker: second.NextMarker }))).KeyValueStoreList!;
    expect(third).toEqual({ NextMarker: '', MaxItems: 2, Quantity: 1, Items: [expect.objectContaining({ Name: 's5' })] });
  });

  it('an exact last page has NextMarker "" (no empty page after it)', async () => {
    const { control } = setup();
    for (const name of ['s1', 's2', 's3', 's4']) await createStore(control, { Name: name });
    const first = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 2 }))).KeyValueStoreList!;
    const second = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 2, Marker: first.NextMarker }))).KeyValueStoreList!;
    expect(second).toMatchObject({ Quantity: 2, NextMarker: '' });
  });

  it('an empty Marker starts from the beginning', async () => {
    const { control } = setup();
    await createStore(control, { Name: 'only' });
    expect(await names(control, { Marker: '' })).toEqual(['only']);
  });

  it('a Marker stays good when stores are deleted or created between pages: each live store is seen once', async () => {
    const { control } = setup();
    const etags: Record<string, string> = {};
    for (const name of ['s1', 's2', 's3', 's4']) etags[name] = (await createStore(control, { Name: name })).ETag!;
    const first = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 2 }))).KeyValueStoreList!;

    await control.send(new DeleteKeyValueStoreCommand({ Name: 's2', IfMatch: etags['s2'] }));
    await control.send(new DeleteKeyValueStoreCommand({ Name: 's3', IfMatch: etags['s3'] }));
    await createStore(control, { Name: 's5' });

    expect(await names(control, { MaxItems: 2, Marker: first.NextMarker })).toEqual(['s4', 's5']);
  });

  it('filters by Status, and pages within the filter', async () => {
    const clock = manualClock(0);
    const { kvs, control } = setup({ clock, provisioningDelayMs: 10_000 });
    kvs.seedStore({ name: 'ready-1' });
    await createStore(control, { Name: 'new-1' });
    kvs.seedStore({ name: 'ready-2' });
    kvs.putS3Object('arn:aws:s3:::bucket/broken.json', 'not json');
    await createStore(control, { Name: 'broken', ImportSource: { SourceType: 'S3', SourceARN: 'arn:aws:s3:::bucket/broken.json' } });
    kvs.seedStore({ name: 'ready-3' });

    expect(await names(control, { Status: 'READY' })).toEqual(['ready-1', 'ready-2', 'ready-3']);
    expect(await names(control, { Status: 'PROVISIONING' })).toEqual(['new-1', 'broken']);
    expect(await names(control, { Status: 'IMPORT_FAILURE' })).toEqual([]);

    const page = (await control.send(new ListKeyValueStoresCommand({ Status: 'READY', MaxItems: 2 }))).KeyValueStoreList!;
    expect(page.Items!.map((s) => s.Name)).toEqual(['ready-1', 'ready-2']);
    expect(await names(control, { Status: 'READY', MaxItems: 2, Marker: page.NextMarker })).toEqual(['ready-3']);

    clock.advance(10_000);
    expect(await names(control, { Status: 'READY' })).toEqual(['ready-1', 'new-1', 'ready-2', 'ready-3']);
    expect(await names(control, { Status: 'IMPORT_FAILURE' })).toEqual(['broken']);
    expect(await names(control, { Status: 'PROVISIONING' })).toEqual([]);
  });

  it("lists the caller's account only, never deleted stores", async () => {
    const { kvs, control } = setup();
    kvs.seedStore({ name: 'elsewhere', accountId: '210987654321' });
    const created = await createStore(control, { Name: 'mine' });
    const gone = await createStore(control, { Name: 'gone' });
    await control.send(new DeleteKeyValueStoreCommand({ Name: 'gone', IfMatch: gone.ETag }));
    expect(await names(control)).toEqual([created.KeyValueStore!.Name]);
  });

  describe('bad input → InvalidArgument', () => {
    it('a forged Marker', async () => {
      const { control } = setup();
      await createStore(control, { Name: 'a' });
      await controlError(
        control.send(new ListKeyValueStoresCommand({ Marker: 'forged-marker' })),
        InvalidArgument,
        'InvalidArgument',
        400,
        'Invalid Marker: pass the NextMarker of a previous ListKeyValueStores answer.',
      );
    });

    it('a Marker tampered with', async () => {
      const { control } = setup();
      for (const name of ['a', 'b', 'c']) await createStore(control, { Name: name });
      const { NextMarker } = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 1 }))).KeyValueStoreList!;
      const tampered = `${Buffer.from('5').toString('base64url')}${NextMarker!.slice(NextMarker!.indexOf('.'))}`;
      await controlError(control.send(new ListKeyValueStoresCommand({ Marker: tampered })), InvalidArgument, 'InvalidArgument', 400, /Invalid Marker/);
    });

    it("another account's Marker", async () => {
      const { kvs, control } = setup();
      for (const name of ['a', 'b']) await createStore(control, { Name: name });
      const { NextMarker } = (await control.send(new ListKeyValueStoresCommand({ MaxItems: 1 }))).KeyValueStoreList!;
      const other = kvs.attach(new CloudFrontClient({}), { accountId: '210987654321' });
      await controlError(other.send(new ListKeyValueStoresCommand({ Marker: NextMarker })), InvalidArgument, 'InvalidArgument', 400, /Invalid Marker/);
    });

    it.each([
      [0, 'Member must have value greater than or equal to 1'],
      [-1, 'Member must have value greater than or equal to 1'],
      [101, 'Member must have value less than or equal to 100'],
    ])('MaxItems %d', async (maxItems, constraint) => {
      const { control } = setup();
      await controlError(
        control.send(new ListKeyValueStoresCommand({ MaxItems: maxItems })),
        InvalidArgument,
        'InvalidArgument',
        400,
        `1 validation error detected: Value at 'MaxItems' failed to satisfy constraint: ${constraint}`,
      );
    });

    it('MaxItems 1 and 100 are in range', async () => {
      const { control } = setup();
      await createStore(control, { Name: 'a' });
      await expect(control.send(new ListKeyValueStoresCommand({ MaxItems: 1 }))).resolves.toMatchObject({ KeyValueStoreList: { MaxItems: 1, Quantity: 1 } });
      await expect(control.send(new ListKeyValueStoresCommand({ MaxItems: 100 }))).resolves.toMatchObject({ KeyValueStoreList: { MaxItems: 100 } });
    });
  });

  it('paginateListKeyValueStores yields every store exactly once', async () => {
    const { kvs, control } = setup();
    const expected: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const name = `store-${i}`;
      if (i % 3 === 0) kvs.seedStore({ name });
      else await createStore(control, { Name: name });
      expected.push(name);
    }

    const pages = [];
    for await (const page of paginateListKeyValueStores({ client: control, pageSize: 3 }, {})) pages.push(page.KeyValueStoreList!);

    expect(pages.map((p) => p.Quantity)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.Items!.map((s) => s.Name))).toEqual(expected);
    expect(pages.at(-1)!.NextMarker).toBe('');
  });

  it('paginateListKeyValueStores over an empty account yields one empty page', async () => {
    const { control } = setup();
    const pages = [];
    for await (const page of paginateListKeyValueStores({ client: control }, {})) pages.push(page.KeyValueStoreList!);
    expect(pages).toEqual([{ NextMarker: '', MaxItems: 100, Quantity: 0 }]);
  });
});
