/**
 * `Table`: the base class of every model. Its public methods are thin: each delegates to the
 * concern that implements it (persistence, querying, callbacks, validations, connection).
 *
 * ```ts
 * export class AsyncJob extends Table.schema({
 *   hashKey: 'guid',
 *   attributes: { name: attr.string(), maxSeconds: attr.integer({ default: 86400 }) },
 * }) {
 *   static { this.validates('name', { presence: true }); }
 * }
 * const job = await AsyncJob.create({ name: 'import' });
 * ```
 */
import type { StoredAs } from './attributes/codecs/storage.js';
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import {
  fieldOrThrow,
  initialState,
  loadedState,
  readValue,
  writeValue,
} from './attributes/attribute-access.js';
import { changedFieldNames, isFieldChanged, valueWas } from './attributes/dirty.js';
import { instantiate, takePendingItem } from './attributes/hydration.js';
import { STATE, type RecordState } from './attributes/record-state.js';
import type { AroundCallback, Callback } from './callbacks.js';
import * as tables from './connection/table-management.js';
import {
  declareBelongsTo,
  type BelongsToOptions,
  type ModelHooks,
} from './associations/belongs-to.js';
import { declareHasMany, resetCollections, type HasManyOptions } from './associations/has-many.js';
import {
  declareHasAndBelongsToMany,
  resetLinkCollections,
} from './associations/has-and-belongs-to-many.js';
import { relationTo } from './associations/registry.js';
import { InvalidCondition, RecordNotFound, UnknownAttributeError } from './errors.js';
import { initialRelation, Relation } from './relations/relation.js';
import type { Conditions, WhereArguments, WriteConditions } from './relations/types.js';
import { withOptimisticRetry, type OptimisticRetryOptions } from './locking/optimistic-retry.js';
import * as persistence from './persistence/pipeline.js';
import { keyValues } from './persistence/record-internals.js';
import { findByKey, findMany, findOne, type FindOptions } from './querying/find.js';
import {
  parseGlobal,
  parseLocal,
  parseQuery,
  type GlobalQueryOptions,
  type GlobalQueryPageOptions,
  type KeyQueryOptions,
  type KeyQueryPageOptions,
} from './querying/finders.js';
import type { Comparator } from './querying/key-query.js';
import type { Page } from './querying/pages.js';
import { keyQueryRelation } from './relations/key-relation.js';
import { deleteAll, deleteByKey, destroyAll } from './persistence/removal.js';
import {
  allRecords,
  approximateCount,
  countItems,
  scanRecords,
  type ScanOptions,
} from './querying/scan.js';
import { assertValidSchema } from './schema/assertions.js';
import type { AttributeTypeName, DefaultValue } from './schema/attribute-types.js';
import type {
  Attributed,
  HashKeyName,
  IdAccessor,
  InferAttributes,
  Keyed,
  ModelInput,
  RangeKeyName,
} from './schema/inference.js';
import {
  baseTableName,
  callbacksOf,
  schemaOf,
  SCHEMA,
  tableFullNameOf,
  validationsOf,
  type ModelClass,
} from './schema/model-class.js';
import { ModelSchema, type GlobalIndex, type LocalIndex } from './schema/model-schema.js';
import type { SchemaOptions } from './schema/options.js';
import { declareUniqueness } from './uniqueness/declaration.js';
import { insertAll, type InsertAllOptions, type InsertReport } from './bulk/insert-all.js';
import { Errors, type ValidatesOptions } from './validations/index.js';
import type { ConditionOptions, EachOptions } from './validations/index.js';

/** A model class whose instances are `T`: the `this` of static methods. */
export type ModelType<T extends Table = Table> = new (...args: never[]) => T;

/** What `Table.schema()` returns: a class with typed accessors for every attribute. */
export type SchemaModel<S extends SchemaOptions> = {
  new (
    attributes?: ModelInput<Table & InferAttributes<S> & Attributed<InferAttributes<S>>>,
  ): Table &
    InferAttributes<S> &
    IdAccessor<S> &
    Attributed<InferAttributes<S>> &
    Keyed<HashKeyName<S> | RangeKeyName<S>>;
} & Omit<typeof Table, 'prototype'>;

/** `Model.fields[name]`. */
export interface FieldInfo {
  readonly type: AttributeTypeName;
  readonly default: DefaultValue<unknown> | undefined;
  readonly localSecondaryIndex: boolean;
  /** The attribute's own storage format, when declared with `storedAs`. */
  readonly storedAs?: StoredAs;
}

function modelOf(record: Table): ModelClass {
  return record.constructor as unknown as ModelClass;
}

/**
 * `{ if: conditions }` of a conditional write: ANDed with the lock; ConditionNotMet when they
 * do not hold (relations/conditional-write.ts).
 */
export interface WriteIf {
  if?: WriteConditions;
}

function asModel(model: unknown): ModelClass {
  return model as ModelClass;
}

export class Table {
  /** @internal */
  declare [STATE]: RecordState;
  /** Validation errors from the last `isValid()` or `save()`. */
  readonly errors: Errors = new Errors();

  constructor(attributes?: object) {
    const model = modelOf(this);
    const schema = schemaOf(model);
    const item = takePendingItem();
    Object.defineProperty(this, STATE, {
      value: item ? loadedState(item) : initialState(schema, model.name),
      writable: true,
    });
    if (attributes) this.assignAttributes(attributes);
    callbacksOf(model).runAfterSync('initialize', this);
  }

  // ---------------------------------------------------------------- declaring

  /** Declares a model's table and attributes; see the README for every option. */
  static schema<const S extends SchemaOptions>(options: S): SchemaModel<S> {
    const schema = new ModelSchema(options);
    assertValidSchema(schema, reservedNames());
    const model = class extends Table {};
    Object.defineProperty(model, SCHEMA, { value: schema });
    defineAccessors(model.prototype, schema);
    return model as unknown as SchemaModel<S>;
  }

  // ---------------------------------------------------------------- class metadata

  /** The table name without prefix and suffix. */
  static get tableName(): string {
    return baseTableName(asModel(this));
  }
  static get tableNamePrefix(): string | null {
    return schemaOf(asModel(this)).tableNamePrefix;
  }
  static get tableNameSuffix(): string | null {
    return schemaOf(asModel(this)).tableNameSuffix;
  }
  /** Prefix + name + suffix: the name DynamoDB knows. */
  static get tableFullName(): string {
    return tableFullNameOf(asModel(this));
  }
  static get tableHashKey(): string {
    return schemaOf(asModel(this)).hashKey;
  }
  static get tableRangeKey(): string | null {
    return schemaOf(asModel(this)).rangeKey;
  }
  static get tableReadCapacityUnits(): number {
    return schemaOf(asModel(this)).readCapacityUnits;
  }
  static get tableWriteCapacityUnits(): number {
    return schemaOf(asModel(this)).writeCapacityUnits;
  }
  static get tableBillingMode(): 'PROVISIONED' | 'PAY_PER_REQUEST' {
    return schemaOf(asModel(this)).billingMode;
  }
  static get tableConnectPolicy(): 'late' | boolean {
    return schemaOf(asModel(this)).connect;
  }
  static get tableCreatePolicy(): boolean {
    return schemaOf(asModel(this)).create;
  }
  static get lockAttribute(): string | false {
    return schemaOf(asModel(this)).lockAttribute;
  }
  static get timestampAttributes(): readonly [string, string] | false {
    return schemaOf(asModel(this)).timestampAttributes;
  }
  /** Every attribute, in declaration order: name → `{ type, default, localSecondaryIndex }`. */
  static get fields(): Readonly<Record<string, FieldInfo>> {
    const result: Record<string, FieldInfo> = {};
    for (const field of schemaOf(asModel(this)).fields.values()) {
      result[field.name] = {
        type: field.type,
        default: field.default,
        localSecondaryIndex: field.localSecondaryIndex,
        ...(field.storedAs === undefined ? {} : { storedAs: field.storedAs }),
      };
    }
    return result;
  }
  static get localSecondaryIndexes(): LocalIndex[] {
    return schemaOf(asModel(this)).localIndexes;
  }
  static get globalSecondaryIndexes(): GlobalIndex[] {
    return schemaOf(asModel(this)).globalIndexes;
  }

  // ---------------------------------------------------------------- table management

  /** Connects as the connect/create policies say: TableNotFound when missing and not to be created. */
  static async establishDbConnection(this: ModelType): Promise<void> {
    await tables.establishDbConnection(asModel(this));
  }
  /** Creates the table with its indexes (unless it exists) and waits until it is ACTIVE. */
  static async createTable(this: ModelType): Promise<TableDescription> {
    return tables.createTable(asModel(this));
  }
  /** Deletes the table; resolves to false when it did not exist. */
  static async deleteTable(this: ModelType): Promise<boolean> {
    return tables.deleteTable(asModel(this));
  }
  static async tableExists(this: ModelType): Promise<boolean> {
    return tables.tableExists(asModel(this));
  }

  // ---------------------------------------------------------------- creating and finding

  /** Builds and saves a record; resolves to it whether or not it passed validation. */
  static async create<T extends Table>(this: ModelType<T>, attributes?: ModelInput<T>): Promise<T> {
    const record = new (this as unknown as new (a?: object) => T)(attributes);
    await record.save();
    return record;
  }
  /** Builds and saves a record; throws RecordInvalid or RecordNotSaved when it cannot. */
  static async createOrThrow<T extends Table>(
    this: ModelType<T>,
    attributes?: ModelInput<T>,
  ): Promise<T> {
    const record = new (this as unknown as new (a?: object) => T)(attributes);
    await record.saveOrThrow();
    return record;
  }
  /**
   * One GetItem by key; throws RecordNotFound. Given an array of keys (`hash` values, or
   * `[hash, range]` pairs), reads them with BatchGetItem and resolves to records in that order.
   */
  static async find<T extends Table>(
    this: ModelType<T>,
    keys: readonly unknown[],
    options?: FindOptions,
  ): Promise<T[]>;
  static async find<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    range?: unknown,
    options?: FindOptions,
  ): Promise<T>;
  static async find<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    options?: FindOptions,
  ): Promise<T>;
  static async find<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    range?: unknown,
    options?: FindOptions,
  ): Promise<T | T[]> {
    if (Array.isArray(hash))
      return findMany<T>(asModel(this), hash, (range as FindOptions | undefined) ?? options);
    [range, options] = splitRangeAndOptions(range, options);
    return findOne<T>(asModel(this), hash, range, options);
  }
  /** One GetItem by key; resolves to null when there is no such item. */
  static async findByKey<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    range?: unknown,
    options?: FindOptions,
  ): Promise<T | null> {
    [range, options] = splitRangeAndOptions(range, options);
    return findByKey<T>(asModel(this), hash, range, options);
  }
  /** Alias of findByKey. */
  static async findById<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    range?: unknown,
    options?: FindOptions,
  ): Promise<T | null> {
    [range, options] = splitRangeAndOptions(range, options);
    return findByKey<T>(asModel(this), hash, range, options);
  }
  /** Builds an instance from a DynamoDB item, as read by your own requests. */
  static instantiate<T extends Table>(
    this: ModelType<T>,
    item: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>,
  ): T {
    return instantiate(this as unknown as new () => T, item);
  }

  // ---------------------------------------------------------------- querying (src/querying/)

  /** Every record: a Scan of every page. */
  static async all<T extends Table>(this: ModelType<T>, options?: ScanOptions): Promise<T[]> {
    return allRecords<T>(asModel(this), options);
  }
  /** Every record, streamed page by page: `for await (const m of Model.findEach())`. Scans. */
  static findEach<T extends Table>(this: ModelType<T>, options?: ScanOptions): AsyncIterable<T> {
    return scanRecords<T>(asModel(this), options);
  }
  /** The exact number of items: a Scan with Select COUNT over every page. */
  static async count(
    this: ModelType,
    options?: { consistent?: boolean; segments?: number },
  ): Promise<number> {
    return countItems(asModel(this), options);
  }
  /** DynamoDB's item count from DescribeTable (refreshed about every six hours): no scan. */
  static async approximateCount(this: ModelType): Promise<number> {
    return approximateCount(asModel(this));
  }
  /** Deletes one item by key, without callbacks; resolves to whether it existed. One request. */
  static async delete(this: ModelType, hash: unknown, range?: unknown): Promise<boolean> {
    return deleteByKey(asModel(this), hash, range);
  }
  /** Deletes every item without callbacks (keys-only Scan, BatchWriteItem); resolves to how many. */
  static async deleteAll(this: ModelType): Promise<number> {
    return deleteAll(asModel(this));
  }
  /** Destroys every record with its callbacks; resolves to how many were destroyed. Scans. */
  static async destroyAll(this: ModelType): Promise<number> {
    return destroyAll(asModel(this));
  }
  /** The records under one hash key, in range key order, optionally narrowed on the range key. */
  static async query<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    options?: KeyQueryOptions,
  ): Promise<T[]>;
  static async query<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    comparator: Comparator,
    rangeValue: unknown,
    options?: KeyQueryOptions,
  ): Promise<T[]>;
  static async query<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    ...rest: unknown[]
  ): Promise<T[]> {
    return keyQueryRelation<T>(parseQuery(asModel(this), hashValue, rest).query).toArray();
  }
  /** As query, streamed page by page. */
  static queryEach<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    options?: KeyQueryOptions,
  ): AsyncIterable<T>;
  static queryEach<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    comparator: Comparator,
    rangeValue: unknown,
    options?: KeyQueryOptions,
  ): AsyncIterable<T>;
  static queryEach<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    ...rest: unknown[]
  ): AsyncIterable<T> {
    return keyQueryRelation<T>(parseQuery(asModel(this), hashValue, rest).query);
  }
  /** One page of query: `{ items, next }`; pass `next` back as `after`. */
  static async queryPage<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    options?: KeyQueryPageOptions,
  ): Promise<Page<T>>;
  static async queryPage<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    comparator: Comparator,
    rangeValue: unknown,
    options?: KeyQueryPageOptions,
  ): Promise<Page<T>>;
  static async queryPage<T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    ...rest: unknown[]
  ): Promise<Page<T>> {
    const { query, options } = parseQuery(asModel(this), hashValue, rest);
    return keyQueryRelation<T>(query).page(options);
  }
  /** The records found through the local index on `rangeName`. */
  static async findLocal<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    rangeName: string,
    comparator: Comparator,
    value: unknown,
    options?: KeyQueryOptions,
  ): Promise<T[]> {
    return keyQueryRelation<T>(
      parseLocal(asModel(this), hashName, hashValue, rangeName, comparator, value, options),
    ).toArray();
  }
  /** As findLocal, streamed page by page. */
  static findLocalEach<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    rangeName: string,
    comparator: Comparator,
    value: unknown,
    options?: KeyQueryOptions,
  ): AsyncIterable<T> {
    return keyQueryRelation<T>(
      parseLocal(asModel(this), hashName, hashValue, rangeName, comparator, value, options),
    );
  }
  /** One page of findLocal: `{ items, next }`. */
  static async findLocalPage<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    rangeName: string,
    comparator: Comparator,
    value: unknown,
    options?: KeyQueryPageOptions,
  ): Promise<Page<T>> {
    return keyQueryRelation<T>(
      parseLocal(asModel(this), hashName, hashValue, rangeName, comparator, value, options),
    ).page(options);
  }
  /** The records found through the global index on `hashName` (and `rangeName`). */
  static async findGlobal<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    options?: GlobalQueryOptions,
  ): Promise<T[]>;
  static async findGlobal<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    rangeName: string,
    comparator: Comparator,
    value: unknown,
    options?: GlobalQueryOptions,
  ): Promise<T[]>;
  static async findGlobal<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    ...rest: unknown[]
  ): Promise<T[]> {
    return keyQueryRelation<T>(
      parseGlobal(asModel(this), hashName, hashValue, rest).query,
    ).toArray();
  }
  /** As findGlobal, streamed page by page. */
  static findGlobalEach<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    options?: GlobalQueryOptions,
  ): AsyncIterable<T>;
  static findGlobalEach<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    rangeName: string,
    comparator: Comparator,
    value: unknown,
    options?: GlobalQueryOptions,
  ): AsyncIterable<T>;
  static findGlobalEach<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    ...rest: unknown[]
  ): AsyncIterable<T> {
    return keyQueryRelation<T>(parseGlobal(asModel(this), hashName, hashValue, rest).query);
  }
  /** One page of findGlobal: `{ items, next }`. */
  static async findGlobalPage<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    options?: GlobalQueryPageOptions,
  ): Promise<Page<T>>;
  static async findGlobalPage<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    rangeName: string,
    comparator: Comparator,
    value: unknown,
    options?: GlobalQueryPageOptions,
  ): Promise<Page<T>>;
  static async findGlobalPage<T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    ...rest: unknown[]
  ): Promise<Page<T>> {
    const { query, options } = parseGlobal(asModel(this), hashName, hashValue, rest);
    return keyQueryRelation<T>(query).page(options);
  }

  // ---------------------------------------------------------------- relations (src/relations/)

  /** A relation: `where({ status: 'open' })` or `where('views', '>', 10)`. Nothing is sent until read. */
  static where<T extends Table>(this: ModelType<T>, ...args: WhereArguments<T>): Relation<T> {
    return new Relation<T>(initialRelation(asModel(this))).where(...args);
  }
  /** A relation that scans the table (the only one that may): `{ segments }` for a parallel scan. */
  static scan<T extends Table>(this: ModelType<T>, options?: { segments?: number }): Relation<T> {
    return new Relation<T>(
      initialRelation(asModel(this), { scan: { segments: scanSegments(options?.segments) } }),
    );
  }
  /** The first record matching the conditions, or null (key selection as in `where`). */
  static async findBy<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
  ): Promise<T | null> {
    return relationOf(this, conditions).first();
  }
  /** As findBy; throws RecordNotFound when nothing matches. */
  static async findByOrThrow<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
  ): Promise<T> {
    const found = await relationOf(this, conditions).first();
    if (found === null) throw notFoundBy(asModel(this), conditions);
    return found;
  }
  /** The first record matching, or one created from the conditions and `attributes`. */
  static async findOrCreateBy<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
    attributes?: ModelInput<T>,
  ): Promise<T> {
    const found = await relationOf(this, conditions).first();
    if (found !== null) return found;
    const record = new (this as unknown as new (a?: object) => T)({ ...conditions, ...attributes });
    await record.save();
    return record;
  }
  /** The first record matching, or a new unsaved one built from the conditions and `attributes`. */
  static async findOrInitializeBy<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
    attributes?: ModelInput<T>,
  ): Promise<T> {
    const found = await relationOf(this, conditions).first();
    return (
      found ?? new (this as unknown as new (a?: object) => T)({ ...conditions, ...attributes })
    );
  }
  /** Whether a record matches the conditions. */
  static async exists<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
  ): Promise<boolean> {
    return relationOf(this, conditions).exists();
  }

  // ---------------------------------------------------------------- bulk writes (moving data in)

  /**
   * Writes many new records with BatchWriteItem (25 a request, several in flight), streaming
   * `records` so memory stays flat. Validations run unless `validate: false`; callbacks only
   * with `callbacks: true`; existing keys are refused unless `overwrite: true`.
   */
  static async insertAll<T extends Table>(
    this: ModelType<T>,
    records: Iterable<ModelInput<T>> | AsyncIterable<ModelInput<T>>,
    options?: InsertAllOptions,
  ): Promise<InsertReport> {
    return insertAll(asModel(this), records, options);
  }

  // ---------------------------------------------------------------- callbacks

  static afterInitialize<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('initialize', 'after', callback as Callback<unknown>);
  }
  static beforeValidation<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('validation', 'before', callback as Callback<unknown>);
  }
  static afterValidation<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('validation', 'after', callback as Callback<unknown>);
  }
  static beforeSave<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('save', 'before', callback as Callback<unknown>);
  }
  static afterSave<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('save', 'after', callback as Callback<unknown>);
  }
  static aroundSave<T extends Table>(this: ModelType<T>, callback: AroundCallback<T>): void {
    callbacksOf(asModel(this), true).add('save', 'around', callback as AroundCallback<unknown>);
  }
  static beforeCreate<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('create', 'before', callback as Callback<unknown>);
  }
  static afterCreate<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('create', 'after', callback as Callback<unknown>);
  }
  static aroundCreate<T extends Table>(this: ModelType<T>, callback: AroundCallback<T>): void {
    callbacksOf(asModel(this), true).add('create', 'around', callback as AroundCallback<unknown>);
  }
  static beforeUpdate<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('update', 'before', callback as Callback<unknown>);
  }
  static afterUpdate<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('update', 'after', callback as Callback<unknown>);
  }
  static aroundUpdate<T extends Table>(this: ModelType<T>, callback: AroundCallback<T>): void {
    callbacksOf(asModel(this), true).add('update', 'around', callback as AroundCallback<unknown>);
  }
  static beforeDestroy<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('destroy', 'before', callback as Callback<unknown>);
  }
  static afterDestroy<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('destroy', 'after', callback as Callback<unknown>);
  }
  static aroundDestroy<T extends Table>(this: ModelType<T>, callback: AroundCallback<T>): void {
    callbacksOf(asModel(this), true).add('destroy', 'around', callback as AroundCallback<unknown>);
  }
  static beforeTouch<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('touch', 'before', callback as Callback<unknown>);
  }
  static afterTouch<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('touch', 'after', callback as Callback<unknown>);
  }
  static afterCommit<T extends Table>(this: ModelType<T>, callback: Callback<T>): void {
    callbacksOf(asModel(this), true).add('commit', 'after', callback as Callback<unknown>);
  }

  // ---------------------------------------------------------------- validations

  /** Declares validators: `this.validates('name', { presence: true, length: { maximum: 80 } })`. */
  static validates<T extends Table>(
    this: ModelType<T>,
    attributes: string | readonly string[],
    options: ValidatesOptions<T>,
  ): void {
    validationsOf(asModel(this), true)?.validates(attributes, options as never);
    declareUniqueness(asModel(this), attributes, options);
  }
  /** Declares a check run on each attribute's value. */
  static validatesEach<T extends Table>(
    this: ModelType<T>,
    attributes: string | readonly string[],
    check: (record: T, attribute: string, value: unknown) => void | Promise<void>,
    options?: EachOptions<T>,
  ): void {
    validationsOf(asModel(this), true)?.validatesEach(attributes, check as never, options as never);
  }
  /** Declares a check of the whole record: a function or a method name. */
  static validate<T extends Table>(
    this: ModelType<T>,
    check: ((record: T) => void | Promise<void>) | string,
    options?: ConditionOptions<T>,
  ): void {
    validationsOf(asModel(this), true)?.validate(check as never, options as never);
  }

  // ---------------------------------------------------------------- associations (src/associations/)

  /** The parent's id becomes the hash key (`<name>Id`), the declared hash key the range key. */
  static belongsTo<T extends Table>(
    this: ModelType<T>,
    name: string,
    target: () => ModelType,
    options?: BelongsToOptions,
  ): void {
    declareBelongsTo(
      asModel(this),
      name,
      target as () => ModelClass,
      options ?? {},
      associationHooks,
    );
  }
  /** `parent.<name>`: a collection proxy over the children, found by key queries only. */
  static hasMany<T extends Table>(
    this: ModelType<T>,
    name: string,
    target: () => ModelType,
    options?: HasManyOptions,
  ): void {
    declareHasMany(asModel(this), name, target as () => ModelClass, options);
  }
  /** `'hasMany'`, `'belongsTo'` or null: how this model declared a relation to `other`. */
  static relatesTo(this: ModelType, other: ModelType): 'hasMany' | 'belongsTo' | null {
    return relationTo(asModel(this), other);
  }

  // ---------------------------------------------------------------- many-to-many (src/associations/has-and-belongs-to-many.ts)

  /** `record.<name>`: the records linked through the pair's link table; declare it on both sides. */
  static hasAndBelongsToMany<T extends Table>(
    this: ModelType<T>,
    name: string,
    target: () => ModelType,
  ): void {
    declareHasAndBelongsToMany(asModel(this), name, target as () => ModelClass);
  }

  // ---------------------------------------------------------------- optimistic retry (src/locking/)

  /**
   * Reads the record (consistently), applies `apply`, saves; on StaleObjectError reads it
   * again and retries after a jittered backoff, `attempts` times in all. `key` is the hash
   * value, or `[hash, range]`. Resolves to the saved record.
   */
  static async withOptimisticRetry<T extends Table>(
    this: ModelType<T>,
    key: unknown,
    apply: (record: T) => unknown,
    options?: OptimisticRetryOptions,
  ): Promise<T> {
    return withOptimisticRetry<T>(asModel(this), key, apply, options);
  }

  // ---------------------------------------------------------------- attributes

  /** The hash key value, whatever the hash key is called. */
  get id(): unknown {
    return this.readAttribute(schemaOf(modelOf(this)).hashKey);
  }
  set id(value: unknown) {
    this.writeAttribute(schemaOf(modelOf(this)).hashKey, value);
  }

  readAttribute(name: string): unknown {
    const model = modelOf(this);
    return readValue(this[STATE], fieldOrThrow(schemaOf(model), model.name, name));
  }

  writeAttribute(name: string, value: unknown): void {
    const model = modelOf(this);
    const schema = schemaOf(model);
    writeValue(
      this[STATE],
      fieldOrThrow(schema, model.name, name),
      model.name,
      value,
      keyNames(schema),
    );
  }

  /** A fresh plain object of every attribute, in declaration order. */
  get attributes(): Record<string, unknown> {
    const state = this[STATE];
    const result: Record<string, unknown> = {};
    // A record read with select() has only the selected attributes, as in ActiveRecord.
    const selected = state.selected?.names;
    for (const field of schemaOf(modelOf(this)).fields.values())
      if (!selected || selected.has(field.name) || Object.hasOwn(state.values, field.name))
        result[field.name] = readValue(state, field);
    return result;
  }

  /** Assigns several attributes; an unknown name throws UnknownAttributeError. */
  assignAttributes(attributes: object): void {
    const model = modelOf(this);
    const schema = schemaOf(model);
    for (const [name, value] of Object.entries(attributes)) {
      const field = schema.fields.get(name);
      if (field) {
        writeValue(this[STATE], field, model.name, value, keyNames(schema));
      } else if (!assignAssociation(this, name, value)) {
        throw new UnknownAttributeError(
          `Unknown attribute '${name}' for ${model.name} (its attributes: ${[...schema.fields.keys()].join(', ')})`,
        );
      }
    }
  }

  isNewRecord(): boolean {
    return this[STATE].newRecord;
  }
  isPersisted(): boolean {
    const state = this[STATE];
    return !state.newRecord && !state.destroyed;
  }
  isDestroyed(): boolean {
    return this[STATE].destroyed;
  }

  // ---------------------------------------------------------------- dirty tracking

  /** Whether any attribute (or the named one) differs from what was read. */
  isChanged(name?: string): boolean {
    const schema = schemaOf(modelOf(this));
    if (name !== undefined) return isFieldChanged(schema, this[STATE], name);
    return changedFieldNames(schema, this[STATE]).length > 0;
  }
  /** `{ name: [old, new] }` for every changed attribute. */
  changes(): Record<string, [unknown, unknown]> {
    const schema = schemaOf(modelOf(this));
    const state = this[STATE];
    const result: Record<string, [unknown, unknown]> = {};
    for (const name of changedFieldNames(schema, state))
      result[name] = [valueWas(schema, state, name), state.values[name]];
    return result;
  }
  /** The value as last read or saved. */
  attributeWas(name: string): unknown {
    const model = modelOf(this);
    const schema = schemaOf(model);
    fieldOrThrow(schema, model.name, name);
    return valueWas(schema, this[STATE], name);
  }

  // ---------------------------------------------------------------- persistence

  /** Runs the validations; resolves to whether there are no errors. */
  async isValid(): Promise<boolean> {
    return persistence.runValidations(this, this[STATE].newRecord ? 'create' : 'update');
  }
  /** Creates or updates; false when invalid or halted by a callback. */
  async save(options?: persistence.SaveOptions & WriteIf): Promise<boolean> {
    return persistence.save(this, options);
  }
  /** Creates or updates; throws RecordInvalid or RecordNotSaved instead of returning false. */
  async saveOrThrow(options?: persistence.SaveOptions & WriteIf): Promise<true> {
    return persistence.saveOrThrow(this, options);
  }
  /** Assigns and saves. */
  async update(attributes: ModelInput<this>, options?: WriteIf): Promise<boolean> {
    this.assignAttributes(attributes);
    return this.save(options);
  }
  /** Alias of update. */
  async updateAttributes(attributes: ModelInput<this>): Promise<boolean> {
    return this.update(attributes);
  }
  /** Assigns and saves; throws instead of returning false. */
  async updateOrThrow(attributes: ModelInput<this>, options?: WriteIf): Promise<true> {
    this.assignAttributes(attributes);
    return this.saveOrThrow(options);
  }
  /** Alias of updateOrThrow. */
  async updateAttributesOrThrow(attributes: ModelInput<this>): Promise<true> {
    return this.updateOrThrow(attributes);
  }
  /** Destroys with callbacks and the lock check; false when halted. */
  async destroy(options?: WriteIf): Promise<boolean> {
    return persistence.destroy(this, options);
  }
  /** Destroys; throws RecordNotDestroyed when halted. */
  async destroyOrThrow(options?: WriteIf): Promise<true> {
    return persistence.destroyOrThrow(this, options);
  }
  /** Deletes the item: no callbacks, no lock check. */
  async delete(): Promise<void> {
    await persistence.deleteRecord(this);
  }
  /** Reads the item again (consistent by default). */
  async reload(options?: { consistent?: boolean }): Promise<this> {
    resetCollections(this);
    resetLinkCollections(this);
    await persistence.reload(this, options);
    this[STATE].selected = undefined;
    return this;
  }
  /** Sets the update timestamp (and the named datetime attribute), under the lock. */
  async touch(name?: string): Promise<this> {
    await persistence.touch(this, name);
    return this;
  }
  /** Atomically adds `by` to a number attribute; resolves to the new value. Bypasses the lock. */
  async increment(name: string, by = 1): Promise<number> {
    return persistence.increment(this, name, by);
  }

  // ---------------------------------------------------------------- identity

  /** `[hash]` or `[hash, range]`, or null unless persisted. */
  toKey(): unknown[] | null {
    if (!this.isPersisted()) return null;
    const schema = schemaOf(modelOf(this));
    const state = this[STATE];
    const values = [readValue(state, schema.fields.get(schema.hashKey)!)];
    if (schema.rangeKey) values.push(readValue(state, schema.fields.get(schema.rangeKey)!));
    return values;
  }
  /** Same class and same key (a new record equals only itself). */
  equals(other: unknown): boolean {
    if (other === this) return true;
    if (!(other instanceof Table) || other.constructor !== this.constructor) return false;
    if (this[STATE].newRecord || other[STATE].newRecord) return false;
    const schema = schemaOf(modelOf(this));
    return (
      JSON.stringify(keyValues(schema, this[STATE])) ===
      JSON.stringify(keyValues(schema, other[STATE]))
    );
  }
  /** The attributes, ready for an HTTP response (dates become ISO 8601 strings). */
  toJSON(): Record<string, unknown> {
    return this.attributes;
  }
}

// A few static overloads accept (hash, options) for tables without a range key.
function splitRangeAndOptions(
  range: unknown,
  options: FindOptions | undefined,
): [unknown, FindOptions | undefined] {
  if (
    options === undefined &&
    range !== null &&
    typeof range === 'object' &&
    !(range instanceof Date)
  ) {
    return [undefined, range as FindOptions];
  }
  return [range, options];
}

function relationOf<T extends Table>(model: ModelType<T>, conditions: Conditions<T>): Relation<T> {
  return new Relation<T>(initialRelation(asModel(model))).where(conditions);
}

function notFoundBy(model: ModelClass, conditions: object): RecordNotFound {
  return new RecordNotFound(
    `Couldn't find ${model.name} with ${Object.entries(conditions)
      .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
      .join(' AND ')}`,
    [],
  );
}

function scanSegments(segments: number | undefined): number {
  if (segments === undefined) return 1;
  if (!Number.isInteger(segments) || segments < 1) {
    throw new InvalidCondition(
      `scan({ segments }) takes a positive integer, not ${String(segments)}`,
    );
  }
  return segments;
}

function keyNames(schema: ModelSchema): readonly string[] {
  return schema.rangeKey ? [schema.hashKey, schema.rangeKey] : [schema.hashKey];
}

/** Association assigners (`new Topic({ forum })`), registered by the associations. @internal */
export const associationAssigners = new WeakMap<
  object,
  Map<string, (record: Table, value: unknown) => void>
>();

// What belongsTo needs of Table: the accessors rebuilt after the keys move, and an assigner.
const associationHooks: ModelHooks = {
  defineAccessors: (prototype, schema) => defineAccessors(prototype, schema),
  registerAssigner(model, name, assign) {
    const own =
      associationAssigners.get(model) ?? new Map<string, (record: Table, value: unknown) => void>();
    own.set(name, assign);
    associationAssigners.set(model, own);
  },
};

function assignAssociation(record: Table, name: string, value: unknown): boolean {
  for (let model: object | null = record.constructor; model; model = Object.getPrototypeOf(model)) {
    const assign = associationAssigners.get(model)?.get(name);
    if (assign) {
      assign(record, value);
      return true;
    }
  }
  return false;
}

/** Defines typed accessors for every attribute on a schema class's prototype. @internal */
export function defineAccessors(prototype: object, schema: ModelSchema): void {
  for (const field of schema.fields.values()) {
    Object.defineProperty(prototype, field.name, {
      configurable: true,
      enumerable: false,
      get(this: Table) {
        return readValue(this[STATE], field);
      },
      set(this: Table, value: unknown) {
        writeValue(this[STATE], field, modelOf(this).name, value, keyNames(schema));
      },
    });
  }
}

let reserved: Set<string> | undefined;
// Instance members of Table and of every object (toString, valueOf, hasOwnProperty,
// __proto__…): an attribute named like one would shadow it. `then` would make records
// thenable, so that awaiting one would never give the record.
function reservedNames(): Set<string> {
  reserved ??= new Set([
    ...Object.getOwnPropertyNames(Table.prototype),
    ...Object.getOwnPropertyNames(Object.prototype),
    'errors',
    'then',
  ]);
  return reserved;
}
