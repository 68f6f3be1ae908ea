import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { ChildInput, JobChange, JobInput } from '../workload.js';

export interface TableNames {
  jobs: string;
  children: string;
}

/**
 * One library driving the workload in its own idiomatic API. `Handle` is what the
 * application keeps of a created job to update or destroy it later (an instance, or a key
 * and the version read).
 */
export interface Adapter<Handle = unknown> {
  readonly name: string;
  /** Creates the library's two tables (key layouts differ between libraries). */
  createTables(): Promise<void>;
  /** Create if not exists, with timestamps and lock version 0. */
  create(input: JobInput): Promise<Handle>;
  /** Reads one job by key and two of its attributes. */
  find(guid: string): Promise<unknown>;
  /** Changes two attributes, conditioned on the version read; bumps version and timestamp. */
  update(handle: Handle, change: JobChange): Promise<Handle>;
  /** Deletes the job, conditioned on the version read. */
  destroy(handle: Handle): Promise<void>;
  /** Writes children (setup only, not measured). */
  seedChildren(children: ChildInput[]): Promise<void>;
  /** Queries one parent's children and reads an attribute of each; resolves to how many. */
  query(parentId: string): Promise<number>;
  /**
   * Queries one parent's children that are `done`, with the library's own filter API (a
   * FilterExpression: 100 read, 10 kept), and reads an attribute of each; resolves to how many.
   */
  filteredQuery(parentId: string): Promise<number>;
  /** Operations this library (version) cannot run: reported as —, not timed. */
  readonly lacks?: readonly string[];
}

/** Makes the library's client from `config` (each library gets a client of its own). */
export type AdapterFactory = (
  config: DynamoDBClientConfig,
  tables: TableNames,
) => Adapter | Promise<Adapter>;
