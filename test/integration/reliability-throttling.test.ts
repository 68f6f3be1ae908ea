/**
 * Throttling and unprocessed batch items, injected through client middleware: retried with
 * backoff, nothing lost, and the retries bounded.
 */
import { GetItemCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  attr,
  configure,
  DynamoError,
  dynamoClient,
  RequestFailed,
  Table,
} from '../../src/index.js';
import { localClient, newRequestLog, useDynamo } from '../support/dynamo.js';

const { prefix, client: sharedClient } = useDynamo();

class Widget extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { name: attr.string(), size: attr.integer() },
}) {}

const table = `${prefix}widgets`;

beforeAll(async () => {
  await Widget.createTable();
});

afterAll(() => {
  configure({ client: sharedClient, tableNamePrefix: prefix });
});

/** Per attempt (inside the SDK's retry loop), the operations that reached the HTTP layer. */
interface Attempts {
  readonly operations: string[];
  count(operation: string): number;
}

/**
 * Answers the first `failures` attempts of `operation` with DynamoDB's own throttling error
 * response, without sending them. The SDK parses it as it would a real one and retries.
 */
function throttle(
  client: DynamoDBClient,
  operation: string,
  failures: number,
  code = 'ProvisionedThroughputExceededException',
): Attempts {
  const operations: string[] = [];
  let left = failures;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      operations.push(name);
      if (name === operation && left > 0) {
        left -= 1;
        const body = JSON.stringify({
          __type: `com.amazonaws.dynamodb.v20120810#${code}`,
          message: 'Rate of requests exceeds the allowed throughput.',
        });
        return {
          response: {
            statusCode: 400,
            reason: 'Bad Request',
            headers: {
              'content-type': 'application/x-amz-json-1.0',
              'x-amzn-requestid': 'injected',
            },
            body: Readable.from([Buffer.from(body)]),
          },
          output: undefined,
        } as never;
      }
      return next(args);
    },
    // Below the deserializer, inside the retry loop: every attempt passes here.
    { step: 'deserialize', priority: 'low', name: `throttle${operation}` },
  );
  return { operations, count: (op) => operations.filter((o) => o === op).length };
}

function clientWith(options: { maxAttempts?: number } = {}): DynamoDBClient {
  const client = localClient(newRequestLog(), options);
  configure({ client, tableNamePrefix: prefix });
  return client;
}

async function stored(id: string) {
  return (
    await sharedClient.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }),
    )
  ).Item;
}

describe('throttling', () => {
  it('a throttled create is retried by the SDK and stored once', async () => {
    const attempts = throttle(clientWith(), 'PutItem', 2);
    const widget = await Widget.create({ id: 'throttled-create', name: 'w' });
    expect(widget.isPersisted()).toBe(true);
    expect(attempts.count('PutItem')).toBe(3);
    expect((await stored('throttled-create'))?.name).toEqual({ S: 'w' });
  });

  it('a throttled locked update applies once: the lock moves by exactly one', async () => {
    clientWith();
    const widget = await Widget.create({ id: 'throttled-update', size: 1 });
    const attempts = throttle(clientWith(), 'UpdateItem', 2, 'ThrottlingException');
    widget.size = 2;
    expect(await widget.save()).toBe(true);
    expect(attempts.count('UpdateItem')).toBe(3);
    expect(widget.lockVersion).toBe(1);
    const item = await stored('throttled-update');
    expect(item?.lockVersion).toEqual({ N: '1' });
    expect(item?.size).toEqual({ N: '2' });
  });

  it('throttled reads and increments are retried', async () => {
    clientWith();
    await Widget.create({ id: 'throttled-read', size: 5 });
    const attempts = throttle(clientWith(), 'GetItem', 1);
    throttle(dynamoClient(), 'UpdateItem', 1, 'RequestLimitExceeded');
    const widget = await Widget.find('throttled-read', { consistent: true });
    expect(await widget.increment('size', 10)).toBe(15);
    expect(attempts.count('GetItem')).toBe(2);
    expect(attempts.count('UpdateItem')).toBe(1 + 1);
    expect((await stored('throttled-read'))?.size).toEqual({ N: '15' });
  });

  it('retries are bounded by maxAttempts: the throttling error surfaces and nothing is stored', async () => {
    const attempts = throttle(clientWith({ maxAttempts: 2 }), 'PutItem', 100);
    const widget = new Widget({ id: 'never-stored', name: 'x' });
    const error = await widget.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailed);
    expect((error as RequestFailed).code).toBe('ProvisionedThroughputExceededException');
    expect(((error as Error).cause as Error).name).toBe('ProvisionedThroughputExceededException');
    expect(attempts.count('PutItem')).toBe(2);
    expect(widget.isNewRecord()).toBe(true);
    expect(widget.lockVersion).toBe(0);
    expect(await stored('never-stored')).toBeUndefined();
  });

  it('configure({ maxAttempts }) sets the bound of the client it makes', async () => {
    configure({
      endpoint: inject('dynamoEndpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      tableNamePrefix: prefix,
      maxAttempts: 3,
    });
    const attempts = throttle(dynamoClient(), 'PutItem', 2);
    await Widget.create({ id: 'configured-attempts' });
    expect(attempts.count('PutItem')).toBe(3);

    const failing = throttle(dynamoClient(), 'GetItem', 100);
    await expect(Widget.find('configured-attempts')).rejects.toThrow(/throughput/i);
    expect(failing.count('GetItem')).toBe(3);
  });
});

/**
 * For the first `rounds` batch requests of `operation`, sends only half of the request's
 * keys or writes and reports the other half unprocessed, as DynamoDB does under load.
 */
function leaveUnprocessed(
  client: DynamoDBClient,
  operation: 'BatchGetItem' | 'BatchWriteItem',
  rounds: number,
  sendNone = false,
): Attempts {
  const operations: string[] = [];
  let left = rounds;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      operations.push(name);
      if (name !== operation || left <= 0) return next(args);
      left -= 1;
      const input = args.input as { RequestItems: Record<string, unknown[] | { Keys: unknown[] }> };
      const [tableName, requested] = Object.entries(input.RequestItems)[0]!;
      const all = Array.isArray(requested) ? requested : requested.Keys;
      if (sendNone) {
        const unprocessed = { [tableName]: requested };
        return {
          response: {},
          output: { $metadata: {}, Responses: { [tableName]: [] }, UnprocessedKeys: unprocessed },
        } as never;
      }
      const half = Math.ceil(all.length / 2);
      const sent = all.slice(0, half);
      const withheld = all.slice(half);
      const sentItems = Array.isArray(requested) ? sent : { ...requested, Keys: sent };
      const result = await next({
        ...args,
        input: { ...input, RequestItems: { [tableName]: sentItems } },
      });
      const output = result.output as unknown as Record<string, unknown>;
      if (withheld.length > 0) {
        if (operation === 'BatchGetItem')
          output.UnprocessedKeys = { [tableName]: { ...(requested as object), Keys: withheld } };
        else output.UnprocessedItems = { [tableName]: withheld };
      }
      return result;
    },
    { step: 'initialize', name: `unprocessed${operation}` },
  );
  return { operations, count: (op) => operations.filter((o) => o === op).length };
}

describe('unprocessed batch items', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `batch-${String(i).padStart(2, '0')}`);

  it('find([keys]) sends unprocessed keys again and returns every record, in order', async () => {
    clientWith();
    for (const id of ids) await Widget.create({ id, size: Number(id.slice(6)) });
    const attempts = leaveUnprocessed(clientWith(), 'BatchGetItem', 3);
    const found = await Widget.find([...ids].reverse(), { consistent: true });
    expect(found.map((w) => w.id)).toEqual([...ids].reverse());
    expect(found.map((w) => w.size)).toEqual([...ids].reverse().map((id) => Number(id.slice(6))));
    expect(attempts.count('BatchGetItem')).toBeGreaterThanOrEqual(4);
  });

  it('deleteAll sends unprocessed deletes again until nothing is left', async () => {
    const attempts = leaveUnprocessed(clientWith(), 'BatchWriteItem', 3);
    const before =
      (await sharedClient.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
    expect(before).toBeGreaterThanOrEqual(ids.length);
    expect(await Widget.deleteAll()).toBe(before);
    expect(attempts.count('BatchWriteItem')).toBeGreaterThanOrEqual(4);
    const after = await sharedClient.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', ConsistentRead: true }),
    );
    expect(after.Count).toBe(0);
  });

  it('keys left unprocessed forever fail with a DynamoError after a bounded number of rounds', async () => {
    clientWith();
    await Widget.create({ id: 'a' });
    await Widget.create({ id: 'b' });
    const attempts = leaveUnprocessed(clientWith(), 'BatchGetItem', 1_000, true);
    const error = await Widget.find(['a', 'b']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect((error as Error).message).toMatch(/BatchGetItem.*Widget.*unprocessed/);
    expect(attempts.count('BatchGetItem')).toBeLessThanOrEqual(12);
  }, 30_000);
});
