/** dynamodb-toolbox 2: a table, entities with item schemas, and an entity repository. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  boolean,
  Entity,
  EntityRepository,
  item,
  list,
  map,
  number,
  set,
  string,
  Table,
} from 'dynamodb-toolbox';
import type { ChildInput, JobChange, JobInput } from '../workload.js';
import type { Adapter, TableNames } from './adapter.js';
import { createKeyTable } from './create-tables.js';

interface Handle {
  guid: string;
  lockVersion: number;
}

const timestamps = { created: { name: 'createdAt' }, modified: { name: 'updatedAt' } } as const;

export function toolboxAdapter(config: DynamoDBClientConfig, tables: TableNames): Adapter<Handle> {
  const client = new DynamoDBClient(config);
  const documentClient = DynamoDBDocumentClient.from(client);
  const JobTable = new Table({
    name: tables.jobs,
    partitionKey: { name: 'guid', type: 'string' },
    documentClient,
  });
  const ChildTable = new Table({
    name: tables.children,
    partitionKey: { name: 'parentId', type: 'string' },
    sortKey: { name: 'guid', type: 'string' },
    documentClient,
  });
  const Job = new Entity({
    name: 'AsyncJob',
    table: JobTable,
    timestamps,
    schema: item({
      guid: string().key(),
      name: string(),
      status: string(),
      credentials: string(),
      token: string(),
      maxSeconds: number(),
      ratio: number(),
      succeeded: boolean(),
      poison: boolean(),
      destroyAt: number(),
      steps: list(map({ name: string(), url: string(), retries: number() })),
      tags: set(string()),
      lockVersion: number().default(0),
    }),
  });
  const Child = new Entity({
    name: 'Child',
    table: ChildTable,
    timestamps,
    schema: item({
      parentId: string().key(),
      guid: string().key(),
      name: string(),
      position: number(),
      done: boolean(),
      lockVersion: number().default(0),
    }),
  });
  const jobs = Job.build(EntityRepository);
  const children = Child.build(EntityRepository);

  return {
    name: 'dynamodb-toolbox 2',
    async createTables() {
      await createKeyTable(client, tables.jobs, 'guid');
      await createKeyTable(client, tables.children, 'parentId', 'guid');
    },
    async create(input: JobInput) {
      await jobs.put(
        { ...input, destroyAt: input.destroyAt.getTime(), tags: new Set(input.tags) },
        { condition: { attr: 'guid', exists: false } },
      );
      return { guid: input.guid, lockVersion: 0 };
    },
    async find(guid: string) {
      const { Item } = await jobs.get({ guid });
      if (!Item) throw new Error(`no job ${guid}`);
      return [Item.status, Item.maxSeconds];
    },
    async update(handle: Handle, change: JobChange) {
      await jobs.update(
        { guid: handle.guid, ...change, lockVersion: handle.lockVersion + 1 },
        { condition: { attr: 'lockVersion', eq: handle.lockVersion } },
      );
      return { guid: handle.guid, lockVersion: handle.lockVersion + 1 };
    },
    async destroy(handle: Handle) {
      await jobs.delete(
        { guid: handle.guid },
        { condition: { attr: 'lockVersion', eq: handle.lockVersion } },
      );
    },
    async seedChildren(inputs: ChildInput[]) {
      await Promise.all(inputs.map((child) => children.put(child)));
    },
    async query(parentId: string) {
      const { Items = [] } = await children.query({ partition: parentId });
      let sum = 0;
      for (const child of Items) sum += child.position;
      if (sum < 0) throw new Error('unreachable');
      return Items.length;
    },
    async filteredQuery(parentId: string) {
      const { Items = [] } = await children.query(
        { partition: parentId },
        { filters: { Child: { attr: 'done', eq: true } } },
      );
      let sum = 0;
      for (const child of Items) sum += child.position;
      if (sum < 0) throw new Error('unreachable');
      return Items.length;
    },
  };
}
