// The jest entry point's typings, with @jest/globals' expect.
import { expect } from '@jest/globals';
import { useKvsSimulator } from 'cloudfront-kvs-mock/jest';

const kvs = useKvsSimulator({ seed: 1 });
expect(kvs).toHaveKey('store', 'k', expect.stringContaining('v'));
expect(kvs).toHaveItems('store', { k: 'v' });
expect(kvs).not.toHaveRejectedStaleETag('PutKey');
// @ts-expect-error: the count is a number
expect(kvs).toHaveItemCount('store', '1');
