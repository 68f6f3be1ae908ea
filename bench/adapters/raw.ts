/**
 * The baseline: the AWS SDK v3 document client with hand-written commands carrying the same
 * conditions the libraries use (create if not exists, update and delete on the version read).
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ChildInput, JobChange, JobInput } from '../workload.js';
import type { Adapter, TableNames } from './adapter.js';

interface RawHandle {
  guid: string;
  lockVersion: number;
}

export function rawAdapter(config: DynamoDBClientConfig, tables: TableNames): Adapter<RawHandle> {
  const client = new DynamoDBClient(config);
  const doc = DynamoDBDocumentClient.from(client);
  return {
    name: 'raw SDK v3',
    async createTables() {
      await client.send(
        new CreateTableCommand({
          TableName: tables.jobs,
          KeySchema: [{ AttributeName: 'guid', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'guid', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await client.send(
        new CreateTableCommand({
          TableName: tables.children,
          KeySchema: [
            { AttributeName: 'parentId', KeyType: 'HASH' },
            { AttributeName: 'guid', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'parentId', AttributeType: 'S' },
            { AttributeName: 'guid', AttributeType: 'S' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    },
    async create(input: JobInput) {
      const now = Date.now();
      await doc.send(
        new PutCommand({
          TableName: tables.jobs,
          Item: {
            ...input,
            destroyAt: input.destroyAt.getTime(),
            tags: new Set(input.tags),
            createdAt: now,
            updatedAt: now,
            lockVersion: 0,
          },
          ConditionExpression: 'attribute_not_exists(guid)',
        }),
      );
      return { guid: input.guid, lockVersion: 0 };
    },
    async find(guid: string) {
      const { Item } = await doc.send(new GetCommand({ TableName: tables.jobs, Key: { guid } }));
      if (!Item) throw new Error(`no job ${guid}`);
      return [Item.status, Item.maxSeconds];
    },
    async update(handle: RawHandle, change: JobChange) {
      await doc.send(
        new UpdateCommand({
          TableName: tables.jobs,
          Key: { guid: handle.guid },
          UpdateExpression:
            'SET #status = :status, #maxSeconds = :maxSeconds, #updatedAt = :now, #lock = :next',
          ConditionExpression: '#lock = :expected',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#maxSeconds': 'maxSeconds',
            '#updatedAt': 'updatedAt',
            '#lock': 'lockVersion',
          },
          ExpressionAttributeValues: {
            ':status': change.status,
            ':maxSeconds': change.maxSeconds,
            ':now': Date.now(),
            ':next': handle.lockVersion + 1,
            ':expected': handle.lockVersion,
          },
        }),
      );
      return { guid: handle.guid, lockVersion: handle.lockVersion + 1 };
    },
    async destroy(handle: RawHandle) {
      await doc.send(
        new DeleteCommand({
          TableName: tables.jobs,
          Key: { guid: handle.guid },
          ConditionExpression: '#lock = :expected',
          ExpressionAttributeNames: { '#lock': 'lockVersion' },
          ExpressionAttributeValues: { ':expected': handle.lockVersion },
        }),
      );
    },
    async seedChildren(children: ChildInput[]) {
      const now = Date.now();
      for (let i = 0; i < children.length; i += 25) {
        await doc.send(
          new BatchWriteCommand({
            RequestItems: {
              [tables.children]: children.slice(i, i + 25).map((child) => ({
                PutRequest: {
                  Item: { ...child, createdAt: now, updatedAt: now, lockVersion: 0 },
                },
              })),
            },
          }),
        );
      }
    },
    async query(parentId: string) {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tables.children,
          KeyConditionExpression: '#p = :p',
          ExpressionAttributeNames: { '#p': 'parentId' },
          ExpressionAttributeValues: { ':p': parentId },
        }),
      );
      let sum = 0;
      for (const item of Items) sum += item.position as number;
      if (sum < 0) throw new Error('unreachable');
      return Items.length;
    },
    async filteredQuery(parentId: string) {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tables.children,
          KeyConditionExpression: '#p = :p',
          FilterExpression: '#d = :d',
          ExpressionAttributeNames: { '#p': 'parentId', '#d': 'done' },
          ExpressionAttributeValues: { ':p': parentId, ':d': true },
        }),
      );
      let sum = 0;
      for (const item of Items) sum += item.position as number;
      if (sum < 0) throw new Error('unreachable');
      return Items.length;
    },
  };
}
