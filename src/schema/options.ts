import type { AttributeDefinition } from './attribute-types.js';

/** How much of the item a global secondary index holds. */
export type IndexProjection = 'all' | 'keysOnly' | readonly string[];

/** A global secondary index, declared in `Table.schema({ globalSecondaryIndexes: [...] })`. */
export interface GlobalIndexOptions {
  hashKey: string;
  rangeKey?: string;
  /** 'keysOnly' (the default, as in the gem), 'all', or the names of attributes to include. */
  projection?: IndexProjection;
  /** Defaults to the table's. */
  readCapacityUnits?: number;
  /** Defaults to the table's. */
  writeCapacityUnits?: number;
}

/**
 * `belongsTo: { name: 'forum', model: () => Forum }` in the schema literal: this table is
 * keyed by its parent (the parent's id, `forumId`, becomes the hash key and the declared hash
 * key the range key), and the class's types say so: `forumId`, `id` (the parent's id, `null`
 * until set), the `forum()` loader and `new Topic({ forum })`.
 */
export interface BelongsToDeclaration {
  /** The association's name: `forum` gives `topic.forum()` and the reference `forumId`. */
  readonly name: string;
  /** The parent model, as a function so that it may be declared later in the file. */
  readonly model: () => new (...args: never[]) => object;
  /** The parent has a range key: store `"<parentHash>:<parentRange>"` and find it by both. */
  readonly compositeKey?: boolean;
}

/** Everything `Table.schema()` accepts. */
export interface SchemaOptions {
  /** The hash key attribute; default `'id'`. */
  hashKey?: string;
  /** The range key attribute, if the table has one. */
  rangeKey?: string | undefined;
  /** Default: the class name, pluralized snake_case (`AsyncJob` → `async_jobs`). */
  tableName?: string;
  /** Overrides the prefix given to `configure`. */
  tableNamePrefix?: string | undefined;
  /** Overrides the suffix given to `configure`. */
  tableNameSuffix?: string | undefined;
  /** Used only when the table is created. Default 10. */
  readCapacityUnits?: number;
  /** Used only when the table is created. Default 5. */
  writeCapacityUnits?: number;
  /** 'PROVISIONED' (default, with the capacities above) or 'PAY_PER_REQUEST'. */
  billingMode?: 'PROVISIONED' | 'PAY_PER_REQUEST';
  /** 'late' (default): on first use; true: by `establishDbConnections()` at boot; false: only explicitly. */
  connect?: 'late' | boolean;
  /** Create the table, with its indexes, when it does not exist. Default false. */
  create?: boolean;
  /** The optimistic lock attribute, or false. Default `'lockVersion'`. */
  locking?: string | false;
  /** The creation and update timestamp attributes, or false. Default `['createdAt', 'updatedAt']`. */
  timestamps?: readonly [string, string] | false;
  /**
   * 'gem': read and write the Ruby gem's formats (datetimes in epoch seconds, booleans as
   * "true"/"false") and default to its names (`lock_version`, `created_at`/`updated_at`,
   * `belongsTo('forum')` → `forum_id`), to share a table with a Ruby service. 'native': ocean-dynamo's
   * own. Default: `configure({ storage })`, else 'native'.
   */
  storage?: 'native' | 'gem';
  attributes?: Record<string, AttributeDefinition>;
  /** The parent this table is keyed by; see {@link BelongsToDeclaration}. */
  belongsTo?: BelongsToDeclaration;
  globalSecondaryIndexes?: readonly GlobalIndexOptions[];
}
