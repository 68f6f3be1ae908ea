/**
 * A relation: ActiveRecord's `where` chain on DynamoDB. Immutable (every call returns a new
 * relation), lazy (nothing is sent until it is read), thenable (`await rel` resolves to the
 * records) and async iterable (records streamed page by page). It queries through the key
 * its conditions constrain, and never scans unless it starts from `Model.scan()`.
 *
 * ```ts
 * const open = await Topic.where({ forumId: forum.id, status: 'open' });   // Query + filter
 * const page = await Topic.where({ forumId: forum.id }).reverse().page({ limit: 20 });
 * await Job.scan().where('failed', '=', true).count();                    // the only way to scan
 * ```
 */
import type { QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { fieldOrThrow } from '../attributes/attribute-access.js';
import { unlinkItems } from '../associations/unlink.js';
import { InvalidArgument, InvalidCondition } from '../errors.js';
import { batchWrite, deleteRequest } from '../dynamo/batch-write.js';
import { tableKeyOf } from '../dynamo/keys.js';
import { deleteItems } from '../persistence/removal.js';
import { currentTransaction } from '../transactions/context.js';
import { uniqueAttributesOf } from '../uniqueness/declaration.js';
import type { Page, PageOptions } from '../querying/pages.js';
import type { AttributesOf } from '../schema/inference.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { comparison, objectConditions, type Condition } from './conditions.js';
import {
  allRecords,
  anyMatch,
  countMatches,
  matchingItems,
  relationPage,
  streamRecords,
} from './execution.js';
import { andExpression, conditionExpression } from '../dynamo/condition-expressions.js';
import { readable } from '../dynamo/expressions.js';
import { firstRequest, planOf, type Plan, type RelationState } from './plan.js';
import type { AttributeName, Conditions, Selected, WhereArguments } from './types.js';

/** What `explain()` says: the operation, the index, the expressions, the first request. */
export interface Explanation {
  operation: 'Query' | 'Scan';
  /** The index queried, or null for the table. */
  index: string | null;
  keyCondition: string | null;
  filter: string | null;
  /** The input of the first request the relation would send. */
  request: QueryCommandInput | ScanCommandInput;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** A relation of `T` records; `R` is the record type read (narrowed by `select`). */
export class Relation<T extends Table, R = T> implements PromiseLike<R[]>, AsyncIterable<R> {
  /** @internal */
  protected readonly state: RelationState;

  /** @internal Made by `Model.where`, `Model.scan` and the collections. */
  constructor(state: RelationState) {
    this.state = Object.freeze(state);
  }

  /** @internal A relation of the same kind with a changed state. */
  protected derive(change: Partial<RelationState>): this {
    const Kind = this.constructor as new (state: RelationState) => this;
    return new Kind({ ...this.state, ...change });
  }

  /** @internal */
  protected conditionsOf(args: readonly unknown[]): Condition[] {
    const { model } = this.state;
    if (args.length === 1) return objectConditions(model, args[0]);
    if (typeof args[0] !== 'string') {
      throw new InvalidCondition(
        `${model.name}.where takes (conditions) or (attribute, comparator, value)`,
      );
    }
    return [comparison(model, args[0], args[1], args[2])];
  }

  // ---------------------------------------------------------------- chaining

  /** Adds conditions (ANDed): `where({ status: 'open' })` or `where('views', '>', 10)`. */
  where(...args: WhereArguments<T>): this {
    return this.derive({ conditions: [...this.state.conditions, ...this.conditionsOf(args)] });
  }

  /** Adds `NOT (a AND b …)` of the object form: always a filter. */
  whereNot(conditions: Conditions<T>): this {
    const negated = objectConditions(this.state.model, conditions);
    return this.derive({
      conditions: [...this.state.conditions, { kind: 'not', conditions: negated }],
    });
  }

  /** Adds one OR group of object-form conditions: `or({ status: 'open' }, { pinned: true })`. */
  or(...alternatives: Conditions<T>[]): this {
    if (alternatives.length === 0) {
      throw new InvalidCondition(`${this.state.model.name}.or() takes at least one condition`);
    }
    const groups = alternatives.map((group) => objectConditions(this.state.model, group));
    return this.derive({ conditions: [...this.state.conditions, { kind: 'or', groups }] });
  }

  /** Reads only these attributes (and the keys and lock); reading another throws MissingAttributeError. */
  select<K extends AttributeName<T>>(...attributes: K[]): Relation<T, Selected<T, K>> {
    const { model } = this.state;
    for (const name of attributes) fieldOrThrow(schemaOf(model), model.name, name);
    return this.derive({
      select: [...new Set([...(this.state.select ?? []), ...attributes])],
    }) as unknown as Relation<T, Selected<T, K>>;
  }

  /** At most `n` matching records (reading on while a filter drops items). */
  limit(n: number): this {
    if (!Number.isInteger(n) || n < 0) {
      throw new InvalidArgument(
        `${this.state.model.name}.limit() takes a non-negative integer, not ${String(n)}`,
        'limit',
      );
    }
    return this.derive({ limit: n });
  }

  /** Descending order of the chosen key's range key. */
  reverse(): this {
    return this.derive({ reverse: !this.state.reverse });
  }

  /** Strongly consistent reads (the table and local indexes only). */
  consistent(): this {
    return this.derive({ consistent: true });
  }

  /** Reads through this index (UnknownIndex for an undeclared one). */
  using(indexName: string): this {
    return this.derive({ using: indexName });
  }

  /** The conditions (and options) of both relations of one model. */
  merge(other: Relation<T, unknown>): this {
    const theirs = other.state;
    if (theirs.model !== this.state.model) {
      throw new InvalidArgument(
        `Cannot merge a relation of ${theirs.model.name} into one of ${this.state.model.name}`,
        'other',
      );
    }
    return this.derive({
      conditions: [...this.state.conditions, ...theirs.conditions],
      select:
        this.state.select && theirs.select
          ? [...new Set([...this.state.select, ...theirs.select])]
          : (this.state.select ?? theirs.select),
      limit: theirs.limit ?? this.state.limit,
      reverse: theirs.reverse !== this.state.reverse ? true : this.state.reverse,
      consistent: this.state.consistent || theirs.consistent,
      using: theirs.using !== undefined ? theirs.using : this.state.using,
      scan: this.state.scan ?? theirs.scan,
    });
  }

  // ---------------------------------------------------------------- reading

  /** @internal How the relation is read (key selection happens here). */
  plan(): Plan {
    return planOf(this.state);
  }

  /** The matching records. */
  async toArray(): Promise<R[]> {
    return allRecords<R>(this.plan());
  }

  /** `await relation` reads the records. */
  then<A = R[], B = never>(
    onFulfilled?: ((records: R[]) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.toArray().then(onFulfilled, onRejected);
  }

  /** The records, read page by page. */
  [Symbol.asyncIterator](): AsyncIterator<R> {
    return streamRecords<R>(this.plan());
  }

  /** The first matching record, or null: a Query with `Limit: 1` when nothing is filtered. */
  async first(): Promise<R | null> {
    const [record] = await this.derive({ limit: 1 }).toArray();
    return record ?? null;
  }

  /** The last matching record (the first in reverse order), or null. */
  async last(): Promise<R | null> {
    if (this.state.scan || this.state.limit !== undefined) {
      const all = await this.toArray();
      return all[all.length - 1] ?? null;
    }
    return this.reverse().first();
  }

  /** How many records match (Select COUNT; matches, not items read). */
  async count(): Promise<number> {
    return countMatches(this.plan());
  }

  /** Whether any record matches. */
  async exists(): Promise<boolean> {
    return anyMatch(this.plan());
  }

  /** One page: `{ items, next }`; pass `next` back as `after` to the same relation. */
  async page(options: PageOptions = {}): Promise<Page<R>> {
    return relationPage<R>(this.plan(), options);
  }

  /** The values of one attribute of the matching records. */
  async pluck<K extends AttributeName<T>>(attribute: K): Promise<AttributesOf<T>[K][]> {
    const records = await this.select(attribute).toArray();
    return records.map(
      (record) => (record as unknown as Table).readAttribute(attribute) as AttributesOf<T>[K],
    );
  }

  /**
   * Deletes the matching items without callbacks (BatchWriteItem), each page's habtm links
   * first; resolves to how many.
   */
  async deleteAll(): Promise<number> {
    const model: ModelClass = this.state.model;
    // Items holding unique values go with their guards, so those are read whole.
    const guarded = uniqueAttributesOf(model).length > 0 || currentTransaction() !== undefined;
    let deleted = 0;
    for await (const items of matchingItems(this.derive({ select: null }).plan())) {
      await unlinkItems(model, items);
      if (guarded) await deleteItems(model, items);
      else
        await batchWrite(
          model,
          items.map((item) => deleteRequest(tableKeyOf(model, item))),
        );
      deleted += items.length;
    }
    return deleted;
  }

  /** Destroys each matching record with its callbacks and lock; resolves to how many were destroyed. */
  async destroyAll(): Promise<number> {
    let destroyed = 0;
    for await (const record of this.derive({ select: null }) as unknown as AsyncIterable<Table>)
      if (await record.destroy()) destroyed += 1;
    return destroyed;
  }

  /** What the relation will send, without sending anything. */
  explain(): Explanation {
    const plan = this.plan();
    const { key } = plan;
    const filters = [...plan.serverFilter, ...plan.postFilter];
    return {
      operation: plan.operation,
      index: plan.target.indexName ?? null,
      keyCondition: key
        ? [key.hash, key.range]
            .filter((c) => c !== undefined)
            .map((c) => conditionExpression(c, readable))
            .join(' AND ')
        : null,
      filter: filters.length > 0 ? andExpression(filters, readable) : null,
      request: firstRequest(
        plan,
        plan.serverFilter.length + plan.postFilter.length > 0 ? undefined : this.state.limit,
      ),
    };
  }

  /** At the console, a relation shows what it would send. */
  [INSPECT](): string {
    const { model } = this.state;
    try {
      const e = this.explain();
      const lines = [
        `${model.name} relation: ${e.operation} ${e.index ? `index ${e.index}` : 'table'}`,
        ...(e.keyCondition ? [`  key:    ${e.keyCondition}`] : []),
        ...(e.filter ? [`  filter: ${e.filter}`] : []),
        `  (await it to read the records)`,
      ];
      return lines.join('\n');
    } catch (error) {
      return `${model.name} relation: ${(error as Error).name}: ${(error as Error).message}`;
    }
  }
}

/** A relation's starting state for a model. @internal */
export function initialRelation(
  model: ModelClass,
  change: Partial<RelationState> = {},
): RelationState {
  return {
    model,
    scan: null,
    conditions: [],
    select: null,
    limit: undefined,
    reverse: false,
    consistent: false,
    using: undefined,
    pageSize: undefined,
    ...change,
  };
}
