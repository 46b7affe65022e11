// Matchers used in a file that never imports the jest entry: their types come from setup-import.ts.
import { expect } from '@jest/globals';
import { createKvsSimulator } from 'cloudfront-kvs-mock';

const kvs = createKvsSimulator();
expect(kvs).toHaveItemCount('store', 1);
// @ts-expect-error: the count is a number
expect(kvs).toHaveItemCount('store', '1');
