/** Dynamoose 4: schemas, models and documents; conditions through dynamoose.Condition. */
import { DynamoDB, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import dynamoose from 'dynamoose';
import type { ChildInput, JobChange, JobInput } from '../workload.js';
import type { Adapter, TableNames } from './adapter.js';
import { createKeyTable } from './create-tables.js';

interface Handle {
  guid: string;
  lockVersion: number;
}

export function dynamooseAdapter(
  config: DynamoDBClientConfig,
  tables: TableNames,
): Adapter<Handle> {
  // Dynamoose calls the aggregated client's methods (putItem, getItem, …).
  const client = new DynamoDB(config);
  dynamoose.aws.ddb.set(client);
  const tableOptions = { create: false, waitForActive: false, update: false } as const;
  const Job = dynamoose.model(
    tables.jobs,
    new dynamoose.Schema(
      {
        guid: { type: String, hashKey: true },
        name: String,
        status: String,
        credentials: String,
        token: String,
        maxSeconds: Number,
        ratio: Number,
        succeeded: Boolean,
        poison: Boolean,
        destroyAt: Date,
        steps: {
          type: Array,
          schema: [{ type: Object, schema: { name: String, url: String, retries: Number } }],
        },
        tags: { type: Set, schema: [String] },
        lockVersion: { type: Number, default: 0 },
      },
      { timestamps: true },
    ),
    tableOptions,
  );
  const Child = dynamoose.model(
    tables.children,
    new dynamoose.Schema(
      {
        parentId: { type: String, hashKey: true },
        guid: { type: String, rangeKey: true },
        name: String,
        position: Number,
        done: Boolean,
        lockVersion: { type: Number, default: 0 },
      },
      { timestamps: true },
    ),
    tableOptions,
  );

  return {
    name: 'Dynamoose 4',
    async createTables() {
      await createKeyTable(client, tables.jobs, 'guid');
      await createKeyTable(client, tables.children, 'parentId', 'guid');
    },
    async create(input: JobInput) {
      // create() never overwrites: it sends attribute_not_exists on the hash key.
      const job = await Job.create({ ...input, tags: new Set(input.tags) });
      return { guid: job.guid as string, lockVersion: job.lockVersion as number };
    },
    async find(guid: string) {
      const job = await Job.get(guid);
      if (!job) throw new Error(`no job ${guid}`);
      return [job.status, job.maxSeconds];
    },
    async update(handle: Handle, change: JobChange) {
      await Job.update(
        { guid: handle.guid },
        { ...change, lockVersion: handle.lockVersion + 1 },
        { condition: new dynamoose.Condition('lockVersion').eq(handle.lockVersion) },
      );
      return { guid: handle.guid, lockVersion: handle.lockVersion + 1 };
    },
    async destroy(handle: Handle) {
      await Job.delete(
        { guid: handle.guid },
        { condition: new dynamoose.Condition('lockVersion').eq(handle.lockVersion) },
      );
    },
    async seedChildren(children: ChildInput[]) {
      for (let i = 0; i < children.length; i += 25) await Child.batchPut(children.slice(i, i + 25));
    },
    async query(parentId: string) {
      const children = await Child.query('parentId').eq(parentId).exec();
      let sum = 0;
      for (const child of children) sum += child.position as number;
      if (sum < 0) throw new Error('unreachable');
      return children.length;
    },
    async filteredQuery(parentId: string) {
      // A condition on a non-key attribute becomes the FilterExpression.
      const children = await Child.query('parentId').eq(parentId).where('done').eq(true).exec();
      let sum = 0;
      for (const child of children) sum += child.position as number;
      if (sum < 0) throw new Error('unreachable');
      return children.length;
    },
  };
}
