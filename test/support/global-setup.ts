import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../src/testing/index.js';

/**
 * One DynamoDB Local for the whole run (starting Java per file would cost seconds each);
 * test files isolate themselves with table name prefixes. Tests read its endpoint with
 * `inject('dynamoEndpoint')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Generous: the whole run depends on it, and CI machines can be slow to start a JVM.
  const local = await startDynamoLocal({ startTimeoutMs: 60_000 });
  project.provide('dynamoEndpoint', local.endpoint);
  return () => local.stop();
}
