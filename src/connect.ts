/**
 * `cloudfront-kvs-mock/connect`: a preload that routes every CloudFront and CloudFront
 * KeyValueStore client of an unmodified Node application to a cloudfront-kvs-mock server.
 *
 * ```sh
 * CLOUDFRONT_KVS_MOCK_ENDPOINT=http://localhost:4567 NODE_OPTIONS="--require cloudfront-kvs-mock/connect" node app.js
 * CLOUDFRONT_KVS_MOCK_ENDPOINT=http://localhost:4567 NODE_OPTIONS="--import cloudfront-kvs-mock/connect" node app.mjs
 * ```
 *
 * @packageDocumentation
 */
import { connect } from './connect/preload';

connect();

export {};
