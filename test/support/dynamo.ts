import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { configure } from '../../src/index.js';

/** Every DynamoDB operation the client sent, in order (recorded by client middleware). */
export interface RequestLog {
  readonly operations: string[];
  /** The inputs, in the same order. */
  readonly inputs: Record<string, unknown>[];
  clear(): void;
  count(operation?: string): number;
}

/** A client for the DynamoDB Local of this test run, recording every request. */
export function localClient(
  log?: RequestLog,
  options: { maxAttempts?: number; cacheMiddleware?: boolean } = {},
): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...options,
  });
  if (log) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        (log.operations as string[]).push(String(context.commandName).replace(/Command$/, ''));
        (log.inputs as Record<string, unknown>[]).push(args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize', name: 'testRequestLog' },
    );
  }
  return client;
}

export function newRequestLog(): RequestLog {
  const operations: string[] = [];
  const inputs: Record<string, unknown>[] = [];
  return {
    operations,
    inputs,
    clear() {
      operations.length = 0;
      inputs.length = 0;
    },
    count(operation) {
      return operation === undefined
        ? operations.length
        : operations.filter((o) => o === operation).length;
    },
  };
}

/**
 * Configures ocean-dynamo for one test file: the run's DynamoDB Local, a table prefix of its
 * own (so files running in parallel never share a table), and a request log.
 */
export function useDynamo(): { log: RequestLog; prefix: string; client: DynamoDBClient } {
  const log = newRequestLog();
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const client = localClient(log);
  configure({ client, tableNamePrefix: prefix });
  return { log, prefix, client };
}
