/**
 * `parent.<children>`: a has-many collection read with key queries on the child table, never
 * a scan. Loading is lazy and cached; narrowing (`where`, `beginsWith`, `limit`, `reverse`)
 * returns a new immutable proxy with its own cache.
 *
 * ```ts
 * const topic = await forum.topics.create({ title: 'Hello' });
 * const topics = await forum.topics.load();          // one query, cached until reload()
 * for await (const t of forum.topics) console.log(t.title);   // page by page
 * const newest = await forum.topics.reverse().first();
 * await forum.topics.where('>=', 'm').limit(10).toArray();
 * ```
 */
import { AssociationTypeMismatch, HasManyError, RecordNotFound } from '../errors.js';
import { findByKey, findOne } from '../querying/find.js';
import { keyAttributeValue } from '../querying/keys.js';
import { queryCount, queryRecords, type Comparator } from '../querying/key-query.js';
import { keyQueryPage, type Page, type PageOptions } from '../querying/pages.js';
import type { ModelInput } from '../schema/inference.js';
import { schemaOf } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { assignParent } from './belongs-to.js';
import { CachedCollection } from './cached-collection.js';
import {
  childQuery,
  childScope,
  deleteChildren,
  destroyChildren,
  type ChildScope,
  type Narrowing,
} from './children.js';
import { moveToParent } from './move.js';
import { rangeMatches } from './range-match.js';
import type { HasManyAssociation } from './registry.js';

type Owner = Table;

/** A has-many collection of `T`; see the module documentation. */
export class CollectionProxy<T extends Table> extends CachedCollection<T> {
  readonly #owner: Owner;
  readonly #association: HasManyAssociation;
  readonly #narrowing: Narrowing;

  /** @internal Made by the association; use `parent.<name>`. */
  constructor(
    owner: Owner,
    association: HasManyAssociation,
    narrowing: Narrowing = { reverse: false },
  ) {
    super();
    this.#owner = owner;
    this.#association = association;
    this.#narrowing = Object.freeze({ ...narrowing });
  }

  // ---------------------------------------------------------------- reading

  /** The children, in range key order, page by page; none for an unsaved parent. @internal */
  protected async *stream(): AsyncIterable<T> {
    const scope = this.#scope();
    if (scope.hash === null) return;
    yield* queryRecords<T>(childQuery(scope, this.#narrowing, scope.hash));
  }

  /**
   * One page for a paginated API: `{ items, next }`, `next` being an opaque cursor to pass back
   * as `after` (null on the last page). A cursor from another collection throws InvalidCursor.
   */
  async page(options: PageOptions = {}): Promise<Page<T>> {
    const scope = this.#scope();
    if (scope.hash === null) return { items: [], next: null };
    return keyQueryPage<T>(
      childQuery(scope, { ...this.#narrowing, limit: undefined }, scope.hash),
      options,
    );
  }

  /** The child with this range key value (its own id): one GetItem; RecordNotFound if none. */
  async find(rangeValue: unknown): Promise<T> {
    const scope = this.#scope();
    if (scope.hash === null) {
      throw new RecordNotFound(
        `Couldn't find ${scope.child.name} ${JSON.stringify(rangeValue)}: the ${scope.association.model.name} is not saved`,
        [[null, rangeValue]],
      );
    }
    return findOne<T>(scope.child, scope.hash, rangeValue, { consistent: true });
  }

  /** The first child in this collection's order, or null: one query of one item. */
  async first(): Promise<T | null> {
    return this.#one(false);
  }

  /** The last child in this collection's order, or null: one query of one item. */
  async last(): Promise<T | null> {
    return this.#one(true);
  }

  /** How many children there are: always asks DynamoDB (Select COUNT). */
  async count(): Promise<number> {
    const scope = this.#scope();
    if (scope.hash === null) return 0;
    return queryCount(childQuery(scope, this.#narrowing, scope.hash));
  }

  /** Whether there are no children: the cached array when loaded, else one query of one item. */
  async isEmpty(): Promise<boolean> {
    if (this.loaded !== null) return this.loaded.length === 0;
    const scope = this.#scope();
    if (scope.hash === null) return true;
    return (
      (await queryCount(childQuery(scope, { ...this.#narrowing, limit: 1 }, scope.hash))) === 0
    );
  }

  /** Whether there is a child. */
  async any(): Promise<boolean> {
    return !(await this.isEmpty());
  }

  /** Whether the record is one of these children: the cached array when loaded, else one GetItem. */
  async includes(record: T): Promise<boolean> {
    if (this.loaded !== null) return this.loaded.some((child) => child.equals(record));
    const scope = this.#scope();
    if (scope.hash === null || !(record instanceof scope.child) || record.isNewRecord())
      return false;
    if (record.readAttribute(scope.belongsTo.foreignKey) !== scope.hash) return false;
    if (this.#narrowing.limit !== undefined)
      return (await this.load()).some((child) => child.equals(record));
    const schema = schemaOf(scope.child);
    const rangeName = schema.rangeKey!;
    const range = record.readAttribute(rangeName);
    const condition = this.#narrowing.range;
    if (condition) {
      const operands =
        condition.comparator === 'between' ? (condition.value as unknown[]) : [condition.value];
      const serialize = (value: unknown) => keyAttributeValue(scope.child, rangeName, value);
      if (!rangeMatches(serialize(range), condition.comparator, operands.map(serialize)))
        return false;
    }
    return (await findByKey(scope.child, scope.hash, range, { consistent: true })) !== null;
  }

  // ---------------------------------------------------------------- writing

  /** A new child with the parent set (added to the cached array when loaded); not saved. */
  build(attributes?: ModelInput<T>): T {
    const record = this.#newChild(attributes);
    this.loaded?.push(record);
    return record;
  }

  /** Builds and saves a child; resolves to it whether or not it passed validation. */
  async create(attributes?: ModelInput<T>): Promise<T> {
    this.#assertOwnerSaved('create');
    const record = this.#newChild(attributes);
    if (await record.save()) this.loaded?.push(record);
    return record;
  }

  /** Builds and saves a child; throws RecordInvalid or RecordNotSaved when it cannot. */
  async createOrThrow(attributes?: ModelInput<T>): Promise<T> {
    this.#assertOwnerSaved('create');
    const record = this.#newChild(attributes);
    await record.saveOrThrow();
    this.loaded?.push(record);
    return record;
  }

  /**
   * Adds children: sets their parent and saves them (RecordInvalid when one is invalid).
   * A child of another parent is moved: written under this parent's key, deleted under the old.
   */
  async push(...records: T[]): Promise<this> {
    const scope = this.#assertOwnerSaved('push to');
    for (const record of records) {
      this.#assertChild(scope, record);
      if (record.isNewRecord()) {
        assignParent(record, scope.belongsTo, scope.owner);
        await record.saveOrThrow();
      } else if (record.readAttribute(scope.belongsTo.foreignKey) === scope.hash) {
        if (record.isChanged()) await record.saveOrThrow();
      } else {
        await moveToParent(record, scope.belongsTo.foreignKey, scope.hash);
      }
      if (this.loaded && !this.loaded.some((child) => child.equals(record)))
        this.loaded.push(record);
    }
    return this;
  }

  /** Removes the given children's items without callbacks (DeleteItem each). */
  async delete(...records: T[]): Promise<void> {
    const scope = this.#scope();
    for (const record of records) {
      this.#assertMember(scope, record);
      await record.delete();
      this.#forget(record);
    }
  }

  /** Destroys the given children with their callbacks; resolves to whether all were destroyed. */
  async destroy(...records: T[]): Promise<boolean> {
    const scope = this.#scope();
    let all = true;
    for (const record of records) {
      this.#assertMember(scope, record);
      if (await record.destroy()) this.#forget(record);
      else all = false;
    }
    return all;
  }

  /** Deletes every child in this collection (BatchWriteItem, no callbacks); resolves to how many. */
  async deleteAll(): Promise<number> {
    const deleted = await deleteChildren(this.#scope(), this.#narrowing);
    this.loaded = null;
    return deleted;
  }

  /** Destroys every child in this collection with callbacks; false when one halted. */
  async destroyAll(): Promise<boolean> {
    const destroyed = await destroyChildren(this.#scope(), this.#narrowing);
    this.loaded = null;
    return destroyed;
  }

  /**
   * Makes `records` the children (the gem's `children=`): saves each under this parent, then
   * destroys, with callbacks, every other child.
   */
  async replace(records: T[]): Promise<void> {
    await this.push(...records);
    const scope = this.#scope();
    const keep = new Set(
      records.map((record) => String(record.readAttribute(schemaOf(scope.child).rangeKey!))),
    );
    for await (const child of queryRecords<T>(childQuery(scope, { reverse: false }, scope.hash!))) {
      if (!keep.has(String(child.readAttribute(schemaOf(scope.child).rangeKey!))))
        await child.destroyOrThrow();
    }
    this.loaded = null;
  }

  // ---------------------------------------------------------------- narrowing

  /** The children whose range key (own id) satisfies the condition: a new proxy. */
  where(comparator: Comparator, value: unknown): CollectionProxy<T> {
    if (this.#narrowing.range) {
      throw new HasManyError(
        `${this.#association.model.name}.${this.#association.name} is already narrowed by a range condition: DynamoDB takes one per query`,
      );
    }
    return this.#narrow({ range: { comparator, value } });
  }

  /** The children whose range key starts with `prefix`: a new proxy. */
  beginsWith(prefix: string): CollectionProxy<T> {
    return this.where('begins_with', prefix);
  }

  /** At most `n` children: a new proxy. */
  limit(n: number): CollectionProxy<T> {
    if (!Number.isInteger(n) || n < 1) {
      throw new HasManyError(
        `${this.#association.model.name}.${this.#association.name}.limit() takes a positive integer, not ${String(n)}`,
      );
    }
    return this.#narrow({ limit: n });
  }

  /** The children in descending range key order: a new proxy. */
  reverse(): CollectionProxy<T> {
    return this.#narrow({ reverse: !this.#narrowing.reverse });
  }

  // ---------------------------------------------------------------- internals

  #scope(): ChildScope {
    return childScope(this.#owner, this.#association);
  }

  #narrow(change: Partial<Narrowing>): CollectionProxy<T> {
    return new CollectionProxy<T>(this.#owner, this.#association, {
      ...this.#narrowing,
      ...change,
    });
  }

  async #one(fromEnd: boolean): Promise<T | null> {
    const scope = this.#scope();
    if (scope.hash === null) return null;
    if (this.loaded !== null || (fromEnd && this.#narrowing.limit !== undefined)) {
      const all = await this.load();
      return (fromEnd ? all[all.length - 1] : all[0]) ?? null;
    }
    const narrowing = {
      ...this.#narrowing,
      limit: 1,
      reverse: fromEnd ? !this.#narrowing.reverse : this.#narrowing.reverse,
    };
    for await (const record of queryRecords<T>(childQuery(scope, narrowing, scope.hash)))
      return record;
    return null;
  }

  #newChild(attributes: ModelInput<T> | undefined): T {
    const scope = this.#scope();
    const record = new (scope.child as unknown as new (attributes?: object) => T)(attributes);
    assignParent(record, scope.belongsTo, scope.owner);
    return record;
  }

  #assertOwnerSaved(action: string): ChildScope & { hash: string } {
    const scope = this.#scope();
    if (scope.hash === null) {
      throw new HasManyError(
        `Cannot ${action} ${scope.association.model.name}.${scope.association.name} before the ${scope.association.model.name} is saved`,
      );
    }
    return scope as ChildScope & { hash: string };
  }

  #assertChild(scope: ChildScope, record: unknown): void {
    if (!(record instanceof scope.child)) {
      const given =
        (record as { constructor?: { name?: string } } | null)?.constructor?.name ?? String(record);
      throw new AssociationTypeMismatch(
        `${scope.association.model.name}.${scope.association.name} holds ${scope.child.name} records, not ${given}`,
      );
    }
  }

  #assertMember(scope: ChildScope, record: T): void {
    this.#assertChild(scope, record);
    if (scope.hash === null || record.readAttribute(scope.belongsTo.foreignKey) !== scope.hash) {
      throw new HasManyError(
        `${record.constructor.name} is not one of this ${scope.association.model.name}'s ${scope.association.name}`,
      );
    }
  }

  #forget(record: T): void {
    if (this.loaded) this.loaded = this.loaded.filter((child) => !child.equals(record));
  }
}

/** `declare readonly topics: HasMany<Topic>`: the type of a has-many collection. */
export type HasMany<T extends Table> = CollectionProxy<T>;
