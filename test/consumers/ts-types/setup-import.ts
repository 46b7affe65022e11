// A runner setup file: the side-effect import alone must register the matcher types.
import 'cloudfront-kvs-mock/jest';
