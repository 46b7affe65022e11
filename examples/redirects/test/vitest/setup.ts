// Registers the matchers (expect(kvs).toHaveItems, …) for every test file.
import 'cloudfront-kvs-mock/vitest';
