import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  configure,
  DynamoError,
  Table,
  transaction,
  type HasMany,
  type BelongsTo,
} from '../../src/index.js';

/**
 * A stand-in for DynamoDB on loopback that answers every request with one AWS error type, in
 * the JSON protocol's shape: the sweep shows that whatever DynamoDB answers, every public
 * method rejects with a DynamoError whose cause chain holds the SDK's own error.
 */
const ERROR_TYPES: [string, number][] = [
  ['ConditionalCheckFailedException', 400],
  ['ResourceNotFoundException', 400],
  ['ResourceInUseException', 400],
  ['ValidationException', 400],
  ['ProvisionedThroughputExceededException', 400],
  ['ThrottlingException', 400],
  ['RequestLimitExceeded', 400],
  ['ItemCollectionSizeLimitExceededException', 400],
  ['TransactionCanceledException', 400],
  ['TransactionConflictException', 400],
  ['TransactionInProgressException', 400],
  ['IdempotentParameterMismatchException', 400],
  ['LimitExceededException', 400],
  ['ReplicatedWriteConflictException', 400],
  ['AccessDeniedException', 400],
  ['UnrecognizedClientException', 400],
  ['MissingAuthenticationTokenException', 403],
  ['InvalidSignatureException', 400],
  ['InternalServerError', 500],
  ['ServiceUnavailable', 503],
  ['SomeFutureException', 400],
];

let answer: { type: string; status: number } | 'ok' = 'ok';
let server: Server;

function reply(body: string, target: string): string {
  if (target.endsWith('.PutItem') || target.endsWith('.TransactWriteItems')) return '{}';
  if (target.endsWith('.DescribeTable'))
    return JSON.stringify({
      Table: {
        TableName: 'x',
        TableStatus: 'ACTIVE',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      },
    });
  void body;
  return '{}';
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (answer === 'ok') {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(reply(body, target));
        return;
      }
      const { type, status } = answer;
      const payload: Record<string, unknown> = {
        __type: `com.amazonaws.dynamodb.v20120810#${type}`,
        message: `stand-in says ${type}`,
      };
      if (type === 'TransactionCanceledException') {
        payload.CancellationReasons = [{ Code: 'ValidationError', Message: 'no' }];
      }
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': type,
      });
      response.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  configure({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', maxAttempts: 1 });
});

afterAll(async () => {
  configure({});
  await new Promise((resolve) => server.close(resolve));
});

class Forum extends Table.schema({
  attributes: { name: attr.string(), at: attr.datetime() },
  globalSecondaryIndexes: [{ hashKey: 'name', projection: 'all' }],
  create: true,
}) {
  static {
    this.hasMany('topics', () => Topic, { dependent: 'destroy' });
  }
  declare readonly topics: HasMany<Topic>;
}
class Topic extends Table.schema({ hashKey: 'guid', attributes: { title: attr.string() } }) {
  static {
    this.belongsTo('forum', () => Forum);
  }
  declare forum: BelongsTo<Forum>;
}

type Call = [string, (saved: Forum) => Promise<unknown>];

const CALLS: Call[] = [
  ['createTable', () => Forum.createTable()],
  ['deleteTable', () => Forum.deleteTable()],
  ['tableExists', () => Forum.tableExists()],
  ['establishDbConnection', () => Forum.establishDbConnection()],
  ['create', () => Forum.create({ name: 'a' })],
  ['createOrThrow', () => Forum.createOrThrow({ name: 'a' })],
  ['find', () => Forum.find('a')],
  ['find many', () => Forum.find(['a', 'b'])],
  ['findByKey', () => Forum.findByKey('a')],
  ['all', () => Forum.all()],
  ['count', () => Forum.count()],
  ['approximateCount', () => Forum.approximateCount()],
  ['delete', () => Forum.delete('a')],
  ['deleteAll', () => Forum.deleteAll()],
  ['destroyAll', () => Forum.destroyAll()],
  ['query', () => Forum.query('a')],
  ['queryPage', () => Forum.queryPage('a', { limit: 2 })],
  ['findGlobal', () => Forum.findGlobal('name', 'a')],
  ['findGlobalPage', () => Forum.findGlobalPage('name', 'a', { limit: 2 })],
  [
    'findEach',
    async () => {
      for await (const forum of Forum.findEach()) void forum;
    },
  ],
  ['save (update)', (saved) => ((saved.name = 'b'), saved.save())],
  ['update', (saved) => saved.update({ name: 'c' })],
  ['destroy', (saved) => saved.destroy()],
  ['delete (instance)', (saved) => saved.delete()],
  ['reload', (saved) => saved.reload()],
  ['touch', (saved) => saved.touch('at')],
  ['children', (saved) => saved.topics.load()],
  ['child create', (saved) => saved.topics.create({ title: 'x' })],
  [
    'transaction',
    () =>
      transaction(async () => {
        await Forum.create({ name: 'in a transaction' });
        await Forum.create({ name: 'and another' });
      }),
  ],
];

function sdkCause(error: unknown): Error | undefined {
  let current = (error as Error | undefined)?.cause;
  while (current instanceof DynamoError) current = current.cause;
  return current as Error | undefined;
}

describe.each(ERROR_TYPES)('a DynamoDB that answers %s', (type, status) => {
  it('never lets the SDK error reach the caller unwrapped', async () => {
    const outcomes: string[] = [];
    for (const [name, call] of CALLS) {
      answer = 'ok';
      const saved = await Forum.create({ name: 'saved' });
      answer = { type, status };
      try {
        await call(saved);
        outcomes.push(`${name}: resolved`);
      } catch (error) {
        const sdk = sdkCause(error);
        const ok = error instanceof DynamoError && sdk !== undefined && sdk.name === type;
        outcomes.push(
          ok
            ? `${name}: ok`
            : `${name}: ${(error as Error).name} (${(error as Error).message}) cause ${String(sdk?.name)}`,
        );
      }
    }
    const wrong = outcomes.filter((line) => !line.endsWith(': ok') && !line.endsWith(': resolved'));
    expect(wrong).toEqual([]);
    // Only the calls that may legitimately answer "not there" resolve.
    const resolved = outcomes.filter((line) => line.endsWith(': resolved'));
    if (type === 'ResourceNotFoundException') {
      expect(resolved).toEqual(['deleteTable: resolved', 'tableExists: resolved']);
    } else if (type === 'ResourceInUseException') {
      // createTable treats it as "someone else is creating it" and waits for that table.
      expect(resolved.every((line) => line.startsWith('createTable'))).toBe(true);
    } else {
      expect(resolved).toEqual([]);
    }
  });
});
