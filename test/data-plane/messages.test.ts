import { describe, expect, it } from '@jest/globals';
import { PutKeyCommand, ValidationException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { DescribeKeyValueStoreCommand, EntityNotFound, TagResourceCommand, InvalidArgument } from '@aws-sdk/client-cloudfront';
import { rejection, setup } from '../helpers/clients';

// A message names the caller's value so it can be recognised, but never echoes 100 KB of it.
describe('error messages quote long values briefly', () => {
  const huge = 'x'.repeat(100_001);

  it('a stale IfMatch of 100,001 characters', async () => {
    const { kvs, data } = setup();
    const arn = kvs.seedStore({});
    const error = await rejection(data.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: huge })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain('Pre-Condition failed');
    expect(error.message).toContain('… (100001 characters)');
    expect(error.message.length).toBeLessThan(400);
  });

  it('a Resource ARN of 100,001 characters on the control plane', async () => {
    const { control } = setup();
    const error = await rejection(control.send(new TagResourceCommand({ Resource: huge, Tags: { Items: [] } })));
    expect(error).toBeInstanceOf(InvalidArgument);
    expect(error.message.length).toBeLessThan(400);
  });

  it('short values are quoted whole', async () => {
    const { control } = setup();
    const error = await rejection(control.send(new DescribeKeyValueStoreCommand({ Name: 'nope' })));
    expect(error).toBeInstanceOf(EntityNotFound);
    expect(error.message).toContain('"nope"');
  });
});
