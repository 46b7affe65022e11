import 'cloudfront-kvs-mock/vitest';
