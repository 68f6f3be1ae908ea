/** ElectroDB 3: entities over a single-table key layout (pk/sk), operations built and `go()`ne. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';
import type { ChildInput, JobChange, JobInput } from '../workload.js';
import type { Adapter, TableNames } from './adapter.js';
import { createKeyTable } from './create-tables.js';

interface Handle {
  guid: string;
  lockVersion: number;
}

const timestamps = {
  createdAt: { type: 'number', default: () => Date.now(), readOnly: true },
  updatedAt: {
    type: 'number',
    watch: '*',
    default: () => Date.now(),
    set: () => Date.now(),
    readOnly: true,
  },
} as const;

export function electroAdapter(config: DynamoDBClientConfig, tables: TableNames): Adapter<Handle> {
  const client = new DynamoDBClient(config);
  const doc = DynamoDBDocumentClient.from(client);
  const Job = new Entity(
    {
      model: { entity: 'asyncJob', version: '1', service: 'bench' },
      attributes: {
        guid: { type: 'string', required: true },
        name: { type: 'string' },
        status: { type: 'string' },
        credentials: { type: 'string' },
        token: { type: 'string' },
        maxSeconds: { type: 'number' },
        ratio: { type: 'number' },
        succeeded: { type: 'boolean' },
        poison: { type: 'boolean' },
        destroyAt: { type: 'number' },
        steps: {
          type: 'list',
          items: {
            type: 'map',
            properties: {
              name: { type: 'string' },
              url: { type: 'string' },
              retries: { type: 'number' },
            },
          },
        },
        tags: { type: 'set', items: 'string' },
        lockVersion: { type: 'number', default: 0 },
        ...timestamps,
      },
      indexes: {
        byGuid: { pk: { field: 'pk', composite: ['guid'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    { client: doc, table: tables.jobs },
  );
  const Child = new Entity(
    {
      model: { entity: 'child', version: '1', service: 'bench' },
      attributes: {
        parentId: { type: 'string', required: true },
        guid: { type: 'string', required: true },
        name: { type: 'string' },
        position: { type: 'number' },
        done: { type: 'boolean' },
        lockVersion: { type: 'number', default: 0 },
        ...timestamps,
      },
      indexes: {
        byParent: {
          pk: { field: 'pk', composite: ['parentId'] },
          sk: { field: 'sk', composite: ['guid'] },
        },
      },
    },
    { client: doc, table: tables.children },
  );

  return {
    name: 'ElectroDB 3',
    async createTables() {
      await createKeyTable(client, tables.jobs, 'pk', 'sk');
      await createKeyTable(client, tables.children, 'pk', 'sk');
    },
    async create(input: JobInput) {
      // create() is a put conditioned on the item not existing.
      const { data } = await Job.create({ ...input, destroyAt: input.destroyAt.getTime() }).go();
      return { guid: data.guid, lockVersion: data.lockVersion ?? 0 };
    },
    async find(guid: string) {
      const { data } = await Job.get({ guid }).go();
      if (!data) throw new Error(`no job ${guid}`);
      return [data.status, data.maxSeconds];
    },
    async update(handle: Handle, change: JobChange) {
      // patch() is an update conditioned on the item existing.
      await Job.patch({ guid: handle.guid })
        .set({ ...change, lockVersion: handle.lockVersion + 1 })
        .where(({ lockVersion }, { eq }) => eq(lockVersion, handle.lockVersion))
        .go();
      return { guid: handle.guid, lockVersion: handle.lockVersion + 1 };
    },
    async destroy(handle: Handle) {
      await Job.remove({ guid: handle.guid })
        .where(({ lockVersion }, { eq }) => eq(lockVersion, handle.lockVersion))
        .go();
    },
    async seedChildren(children: ChildInput[]) {
      await Child.put(children).go();
    },
    async query(parentId: string) {
      const { data } = await Child.query.byParent({ parentId }).go();
      let sum = 0;
      for (const child of data) sum += child.position ?? 0;
      if (sum < 0) throw new Error('unreachable');
      return data.length;
    },
    async filteredQuery(parentId: string) {
      const { data } = await Child.query
        .byParent({ parentId })
        .where(({ done }, { eq }) => eq(done, true))
        .go();
      let sum = 0;
      for (const child of data) sum += child.position ?? 0;
      if (sum < 0) throw new Error('unreachable');
      return data.length;
    },
  };
}
