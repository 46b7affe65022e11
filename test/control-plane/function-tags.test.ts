import { describe, expect, it } from '@jest/globals';
import { DeleteFunctionCommand, ListTagsForResourceCommand, NoSuchResource, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-cloudfront';
import { setup } from '../helpers/clients';
import { controlError } from './fixtures';
import { createFn, functionArnOf } from './function-fixtures';

describe("tags on a function's ARN (TagResource, UntagResource, ListTagsForResource)", () => {
  it('tag, list and untag a function as a store', async () => {
    const { kvs, control } = setup();
    await createFn(control, 'fn', { Tags: { Items: [{ Key: 'a', Value: '1' }] } });
    const Resource = functionArnOf('fn');
    await control.send(new TagResourceCommand({ Resource, Tags: { Items: [{ Key: 'b', Value: '2' }] } }));
    expect((await control.send(new ListTagsForResourceCommand({ Resource }))).Tags).toEqual({ Items: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    await control.send(new UntagResourceCommand({ Resource, TagKeys: { Items: ['a'] } }));
    expect(kvs.getFunction('fn')!.Tags).toEqual({ b: '2' });
  });

  it('a deleted, unknown or other account\'s function → NoSuchResource', async () => {
    const { kvs, control } = setup();
    const created = await createFn(control, 'fn');
    await control.send(new DeleteFunctionCommand({ Name: 'fn', IfMatch: created.ETag }));
    await controlError(control.send(new ListTagsForResourceCommand({ Resource: functionArnOf('fn') })), NoSuchResource, 'NoSuchResource', 404, `The specified resource does not exist: ${functionArnOf('fn')}.`);
    await createFn(kvs.cloudFrontClient({}, { accountId: '210987654321' }), 'theirs');
    await controlError(control.send(new TagResourceCommand({ Resource: functionArnOf('theirs', '210987654321'), Tags: { Items: [] } })), NoSuchResource, 'NoSuchResource', 404, /theirs/);
  });
});
