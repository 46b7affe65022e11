require('cloudfront-kvs-mock/jest');
