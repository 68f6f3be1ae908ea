/**
 * `ocean-dynamo/testing`: helpers for tests and local development.
 *
 * @module
 */
export { startDynamoLocal } from './dynamo-local.js';
export type { DynamoLocal, StartDynamoLocalOptions } from './dynamo-local.js';
