/**
 * `parent.<children>`: a has-many collection, which is a relation bound to the parent's
 * partition of the child table: every relation method works on it, read with key queries,
 * never a scan. Loading is lazy and cached; narrowing returns a new proxy with its own cache.
 * The two-argument `where(comparator, value)` narrows the range key (the child's own id).
 *
 * ```ts
 * const topic = await forum.topics.create({ title: 'Hello' });
 * const topics = await forum.topics.load();          // one query, cached until reload()
 * for await (const t of forum.topics) console.log(t.title);   // page by page
 * const newest = await forum.topics.reverse().first();
 * await forum.topics.where('>=', 'm').where({ status: 'open' }).limit(10);
 * ```
 */
import { AssociationTypeMismatch, HasManyError, RecordNotFound } from '../errors.js';
import { findByKey, findOne } from '../querying/find.js';
import { COMPARATORS, type Comparator } from '../querying/key-query.js';
import type { Page, PageOptions } from '../querying/pages.js';
import { itemKey } from '../persistence/record-internals.js';
import { comparison, type Condition } from '../relations/conditions.js';
import { matchesAll } from '../relations/evaluate.js';
import { planOf, type Plan, type RelationState } from '../relations/plan.js';
import { initialRelation, Relation } from '../relations/relation.js';
import type { WhereArguments } from '../relations/types.js';
import type { ModelInput } from '../schema/inference.js';
import { schemaOf } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { STATE } from '../attributes/record-state.js';
import { assignParent } from './belongs-to.js';
import { childScope, type ChildScope } from './children.js';
import { moveToParent } from './move.js';
import type { HasManyAssociation } from './registry.js';

/** A has-many collection of `T`; see the module documentation. */
export class CollectionProxy<T extends Table> extends Relation<T> {
  readonly #owner: Table;
  readonly #association: HasManyAssociation;
  /** The loaded records, or null before the first load. */
  #loaded: T[] | null = null;

  /** @internal Made by the association; use `parent.<name>`. */
  constructor(owner: Table, association: HasManyAssociation, state?: RelationState) {
    // The gem read children consistently; the partition condition is added when read.
    super(state ?? initialRelation(association.target(), { consistent: true, using: null }));
    this.#owner = owner;
    this.#association = association;
  }

  /** @internal */
  protected override derive(change: Partial<RelationState>): this {
    return new CollectionProxy<T>(this.#owner, this.#association, {
      ...this.state,
      ...change,
    }) as this;
  }

  /** @internal The relation's plan, within the parent's partition (nothing for an unsaved parent). */
  override plan(): Plan {
    const scope = this.#scope();
    const partition = comparison(
      scope.child,
      schemaOf(scope.child).hashKey,
      '=',
      scope.hash ?? 'unsaved',
    );
    return planOf({
      ...this.state,
      conditions: [partition, ...this.state.conditions],
      none: scope.hash === null,
    });
  }

  // ---------------------------------------------------------------- the cache

  /** The children: read the first time, then cached until `reload()`. */
  async load(): Promise<T[]> {
    this.#loaded ??= await super.toArray();
    return [...this.#loaded];
  }

  /** Same as `load()`. */
  override async toArray(): Promise<T[]> {
    return this.load();
  }

  /** Forgets the cached children and loads them again. */
  async reload(): Promise<T[]> {
    this.#loaded = null;
    return this.load();
  }

  /** Forgets the cached children without loading them (ActiveRecord's `reset`). */
  reset(): this {
    this.#loaded = null;
    return this;
  }

  /** Iterates page by page (the cached array when loaded). */
  override [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#loaded !== null) return toAsync([...this.#loaded]);
    return super[Symbol.asyncIterator]();
  }

  // ---------------------------------------------------------------- narrowing

  /**
   * Adds conditions, as on any relation; `where(comparator, value)` narrows the range key
   * (the child's own id), once per collection.
   */
  override where(...args: WhereArguments<T> | [comparator: Comparator, value: unknown]): this {
    if (args.length !== 2 || !COMPARATORS.has(args[0])) {
      return super.where(...(args as WhereArguments<T>));
    }
    const rangeKey = schemaOf(this.state.model).rangeKey!;
    if (this.state.conditions.some((c) => c.kind === 'compare' && c.attribute === rangeKey)) {
      throw new HasManyError(
        `${this.#association.model.name}.${this.#association.name} is already narrowed by a range condition: DynamoDB takes one per query`,
      );
    }
    const condition = comparison(this.state.model, rangeKey, args[0], args[1]);
    return this.derive({ conditions: [...this.state.conditions, condition] });
  }

  /** The children whose range key starts with `prefix`: a new proxy. */
  beginsWith(prefix: string): this {
    return this.where('begins_with', prefix);
  }

  /** At most `n` children: a new proxy. */
  override limit(n: number): this {
    if (!Number.isInteger(n) || n < 1) {
      throw new HasManyError(
        `${this.#association.model.name}.${this.#association.name}.limit() takes a positive integer, not ${String(n)}`,
      );
    }
    return super.limit(n);
  }

  // ---------------------------------------------------------------- reading

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
  override async first(): Promise<T | null> {
    if (this.#loaded !== null) return this.#loaded[0] ?? null;
    return super.first();
  }

  /** The last child in this collection's order, or null: one query of one item. */
  override async last(): Promise<T | null> {
    if (this.#loaded !== null) return this.#loaded[this.#loaded.length - 1] ?? null;
    return super.last();
  }

  /** One page for a paginated API: `{ items, next }`; a cursor of another collection throws InvalidCursor. */
  override async page(options: PageOptions = {}): Promise<Page<T>> {
    return this.derive({ limit: undefined }).plainPage(options);
  }

  /** @internal */
  protected async plainPage(options: PageOptions): Promise<Page<T>> {
    return super.page(options);
  }

  /** Whether there are no children: the cached array when loaded, else one query of one item. */
  async isEmpty(): Promise<boolean> {
    if (this.#loaded !== null) return this.#loaded.length === 0;
    return !(await this.exists());
  }

  /** Whether there is a child. */
  async any(): Promise<boolean> {
    return !(await this.isEmpty());
  }

  /**
   * Whether the record is one of these children: the cached array when loaded, else (unless
   * its key already rules it out) one GetItem, checked against the conditions.
   */
  async includes(record: T): Promise<boolean> {
    if (this.#loaded !== null) return this.#loaded.some((child) => child.equals(record));
    const scope = this.#scope();
    if (scope.hash === null || !(record instanceof scope.child) || record.isNewRecord())
      return false;
    if (record.readAttribute(scope.belongsTo.foreignKey) !== scope.hash) return false;
    if (this.state.limit !== undefined)
      return (await this.load()).some((child) => child.equals(record));
    const conditions: readonly Condition[] = this.state.conditions;
    const key = itemKey(schemaOf(scope.child), record[STATE]);
    const onKey = conditions.filter((c) => c.kind === 'compare' && Object.hasOwn(key, c.attribute));
    if (!matchesAll(key, onKey)) return false;
    const range = record.readAttribute(schemaOf(scope.child).rangeKey!);
    const found = await findByKey<Table>(scope.child, scope.hash, range, { consistent: true });
    return found !== null && matchesAll(found[STATE].original as never, conditions);
  }

  // ---------------------------------------------------------------- writing

  /** A new child with the parent set (added to the cached array when loaded); not saved. */
  build(attributes?: ModelInput<T>): T {
    const record = this.#newChild(attributes);
    this.#loaded?.push(record);
    return record;
  }

  /** Builds and saves a child; resolves to it whether or not it passed validation. */
  async create(attributes?: ModelInput<T>): Promise<T> {
    this.#assertOwnerSaved('create');
    const record = this.#newChild(attributes);
    if (await record.save()) this.#loaded?.push(record);
    return record;
  }

  /** Builds and saves a child; throws RecordInvalid or RecordNotSaved when it cannot. */
  async createOrThrow(attributes?: ModelInput<T>): Promise<T> {
    this.#assertOwnerSaved('create');
    const record = this.#newChild(attributes);
    await record.saveOrThrow();
    this.#loaded?.push(record);
    return record;
  }

  /**
   * Adds children: sets their parent and saves them (RecordInvalid when one is invalid).
   * A child of another parent is moved: written under this parent's key, deleted under the old.
   * Resolves to nothing: a collection is thenable, so a promise of it would read it.
   */
  async push(...records: T[]): Promise<void> {
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
      if (this.#loaded && !this.#loaded.some((child) => child.equals(record)))
        this.#loaded.push(record);
    }
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

  /** Deletes every child in this collection (no callbacks, batched); resolves to how many. */
  override async deleteAll(): Promise<number> {
    const deleted = await super.deleteAll();
    this.#loaded = null;
    return deleted;
  }

  /** Destroys every child in this collection with callbacks; resolves to how many were destroyed. */
  override async destroyAll(): Promise<number> {
    const destroyed = await super.destroyAll();
    this.#loaded = null;
    return destroyed;
  }

  /**
   * Makes `records` the children (the gem's `children=`): saves each under this parent, then
   * destroys, with callbacks, every other child.
   */
  async replace(records: T[]): Promise<void> {
    await this.push(...records);
    const rangeKey = schemaOf(this.state.model).rangeKey!;
    const keep = new Set(records.map((record) => String(record.readAttribute(rangeKey))));
    const all = new CollectionProxy<T>(this.#owner, this.#association);
    for await (const child of all) {
      if (!keep.has(String(child.readAttribute(rangeKey)))) await child.destroyOrThrow();
    }
    this.#loaded = null;
  }

  // ---------------------------------------------------------------- internals

  #scope(): ChildScope {
    return childScope(this.#owner, this.#association);
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
    if (this.#loaded) this.#loaded = this.#loaded.filter((child) => !child.equals(record));
  }
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/** `declare readonly topics: HasMany<Topic>`: the type of a has-many collection. */
export type HasMany<T extends Table> = CollectionProxy<T>;
