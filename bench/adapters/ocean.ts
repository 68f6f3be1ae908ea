/**
 * ocean-dynamo, as an application would use it: models, instances, their own methods. The
 * library is the built package (`npm run bench` builds it first), the JavaScript users run,
 * rather than the TypeScript sources through the benchmark's loader, which wraps every
 * function it compiles.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { pathToFileURL } from 'node:url';
import type * as OceanDynamo from '../../src/index.js';
import type { ChildInput, JobChange, JobInput, Step } from '../workload.js';
import type { Adapter, AdapterFactory, TableNames } from './adapter.js';

/** The built package of this checkout. */
export const BUILT_LIBRARY = new URL('../../dist/index.js', import.meta.url).href;

/**
 * The adapter of one build of ocean-dynamo: this checkout's, or another's (`--against`, to
 * compare two versions in one process). A build without `where` (before relations) has no
 * filtered query to measure.
 */
export function oceanAdapterOf(entry: string, name = 'ocean-dynamo'): AdapterFactory {
  const url = entry.startsWith('file:') ? entry : pathToFileURL(entry).href;
  return async (config, tables) =>
    oceanAdapter((await import(url)) as typeof OceanDynamo, name, config, tables);
}

function oceanAdapter(
  library: typeof OceanDynamo,
  name: string,
  config: DynamoDBClientConfig,
  tables: TableNames,
): Adapter {
  const { attr, configure, Table } = library;
  const client = new DynamoDBClient(config);
  configure({ client });

  class AsyncJob extends Table.schema({
    hashKey: 'guid',
    tableName: tables.jobs,
    billingMode: 'PAY_PER_REQUEST',
    attributes: {
      name: attr.string(),
      status: attr.string({ default: 'queued' }),
      credentials: attr.string(),
      token: attr.string(),
      maxSeconds: attr.integer({ default: 86_400 }),
      ratio: attr.float(),
      succeeded: attr.boolean({ default: false }),
      poison: attr.boolean({ default: false }),
      destroyAt: attr.datetime(),
      steps: attr.json<Step[]>({ default: () => [] }),
      tags: attr.stringSet(),
    },
  }) {}

  class Child extends Table.schema({
    hashKey: 'parentId',
    rangeKey: 'guid',
    tableName: tables.children,
    billingMode: 'PAY_PER_REQUEST',
    attributes: { name: attr.string(), position: attr.integer(), done: attr.boolean() },
  }) {}

  const hasRelations = typeof (Child as { where?: unknown }).where === 'function';
  return {
    name,
    lacks: hasRelations ? [] : ['filtered query'],
    async createTables() {
      await Promise.all([AsyncJob.createTable(), Child.createTable()]);
    },
    create: (input: JobInput) => AsyncJob.createOrThrow(input),
    async find(guid: string) {
      const job = await AsyncJob.find(guid);
      return [job.status, job.maxSeconds];
    },
    async update(job: AsyncJob, change: JobChange) {
      await job.updateOrThrow(change);
      return job;
    },
    async destroy(job: AsyncJob) {
      await job.destroyOrThrow();
    },
    async seedChildren(children: ChildInput[]) {
      await Promise.all(children.map((child) => Child.createOrThrow(child)));
    },
    async query(parentId: string) {
      const children = await Child.query(parentId);
      let sum = 0;
      for (const child of children) sum += child.position ?? 0;
      if (sum < 0) throw new Error('unreachable');
      return children.length;
    },
    async filteredQuery(parentId: string) {
      if (!hasRelations) return Number.NaN;
      const children = await Child.where({ parentId, done: true });
      let sum = 0;
      for (const child of children) sum += child.position ?? 0;
      if (sum < 0) throw new Error('unreachable');
      return children.length;
    },
  } as Adapter;
}
