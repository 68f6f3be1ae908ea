/**
 * `post.tags` for `hasAndBelongsToMany('tags', () => Tag)`: the records linked to one owner,
 * found with a key query on the link table (see link-table.ts), then read with batched gets;
 * never a scan. It has the collection-proxy interface of a hasMany collection; `where`,
 * `whereNot`, `limit` and `reverse` return a narrowed collection with its own cache, whose
 * conditions apply to the partner records after the batched read.
 *
 * ```ts
 * await post.tags.push(ruby, rails);         // both directions, in one transaction per link
 * await post.tags.load();                    // [ruby, rails], cached until reload()
 * (await ruby.posts.load()).length;          // 1: the other side sees the link
 * await post.tags.where({ kind: 'lang' }).first();
 * await post.tags.create({ name: 'ts' });    // the tag and its link: one transaction
 * await post.tags.delete(rails);             // removes the link, not the tag
 * await post.tags.deleteAll();               // removes every link, not the tags
 * await post.tags.destroyAll();              // as in ActiveRecord's habtm: the links go, the tags stay
 * ```
 */
import { CachedCollection } from './cached-collection.js';
import { STATE } from '../attributes/record-state.js';
import { instantiate } from '../attributes/hydration.js';
import { AssociationTypeMismatch, HasManyError, RecordNotFound } from '../errors.js';
import { itemKey } from '../persistence/record-internals.js';
import { describeKey, primaryKey } from '../querying/keys.js';
import type { Page, PageOptions } from '../querying/pages.js';
import { comparison, objectConditions, type Condition } from '../relations/conditions.js';
import type { Conditions, WhereArguments } from '../relations/types.js';
import type { ModelInput } from '../schema/inference.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { currentTransaction } from '../transactions/context.js';
import { transaction } from '../transactions/transaction.js';
import { writeGroups } from '../transactions/write-together.js';
import type { LinkAssociation } from './link-associations.js';
import {
  countLinked,
  isLinked,
  linkedItem,
  linkedItems,
  linkedPage,
  type LinkScope,
} from './link-reads.js';
import { linkId, linkIdOfKey, linkOperations, unlinkOperations } from './link-table.js';
import { linkWhenCreated } from './pending-links.js';
import { linkedIds, notLinked, unlinkAllLinked } from './unlink.js';

// Outside transaction(): links are written 50 (100 items) per TransactWriteItems.
const LINKS_PER_TRANSACTION = 50;

/** How a collection is narrowed. */
interface Narrowing {
  readonly conditions: readonly Condition[];
  readonly limit: number | undefined;
  readonly reverse: boolean;
}

const WHOLE: Narrowing = { conditions: [], limit: undefined, reverse: false };

/** A has-and-belongs-to-many collection of `T`; see the module documentation. */
export class LinkCollection<T extends Table> extends CachedCollection<T> {
  readonly #owner: Table;
  readonly #association: LinkAssociation;
  readonly #narrowing: Narrowing;
  /** The un-narrowed collection of the owner, whose cache every write forgets. */
  readonly #whole: LinkCollection<T>;

  /** @internal Made by the association; use `record.<name>`. */
  constructor(
    owner: Table,
    association: LinkAssociation,
    narrowing: Narrowing = WHOLE,
    whole?: LinkCollection<T>,
  ) {
    super();
    this.#owner = owner;
    this.#association = association;
    this.#narrowing = narrowing;
    this.#whole = whole ?? this;
  }

  // ---------------------------------------------------------------- narrowing

  /** The partners that also match these conditions (applied after the batched read): a new collection. */
  where(...args: WhereArguments<T>): LinkCollection<T> {
    const target = this.#target();
    const added =
      args.length === 1
        ? objectConditions(target, args[0])
        : [comparison(target, args[0] as string, args[1], args[2])];
    return this.#narrow({ conditions: [...this.#narrowing.conditions, ...added] });
  }

  /** The partners that do not match all of these conditions: a new collection. */
  whereNot(conditions: Conditions<T>): LinkCollection<T> {
    const negated: Condition = {
      kind: 'not',
      conditions: objectConditions(this.#target(), conditions),
    };
    return this.#narrow({ conditions: [...this.#narrowing.conditions, negated] });
  }

  /** At most `n` partners: a new collection. */
  limit(n: number): LinkCollection<T> {
    if (!Number.isInteger(n) || n < 1) {
      throw new HasManyError(
        `${this.#describe()}.limit() takes a positive integer, not ${String(n)}`,
      );
    }
    return this.#narrow({ limit: n });
  }

  /** The partners in descending link order: a new collection. */
  reverse(): LinkCollection<T> {
    return this.#narrow({ reverse: !this.#narrowing.reverse });
  }

  // ---------------------------------------------------------------- reading

  /** How many partners there are (links to partners that are gone skipped), or matches when narrowed; always asks DynamoDB. */
  async count(): Promise<number> {
    return countLinked(this.#scope());
  }

  /** Whether there are none: the cached array when loaded, else a read of one link (or match). */
  async isEmpty(): Promise<boolean> {
    if (this.loaded !== null) return this.loaded.length === 0;
    if (this.#owner.isNewRecord()) return true;
    if (this.#narrowing.conditions.length > 0) return (await this.first()) === null;
    return (await countLinked({ ...this.#scope(), limit: 1, conditions: [] })) === 0;
  }

  /** Whether there is a partner. */
  async any(): Promise<boolean> {
    return !(await this.isEmpty());
  }

  /**
   * Whether the record is linked (and matches the conditions): the cached array when loaded,
   * else one GetItem of the link, and of the record when there are conditions.
   */
  async includes(record: T): Promise<boolean> {
    if (this.loaded !== null) return this.loaded.some((linked) => linked.equals(record));
    if (this.#owner.isNewRecord() || !(record instanceof this.#target()) || record.isNewRecord())
      return false;
    if (this.#narrowing.limit !== undefined)
      return (await this.load()).some((linked) => linked.equals(record));
    const key = itemKey(schemaOf(this.#target()), record[STATE]);
    if (this.#narrowing.conditions.length === 0) return isLinked(this.#scope(), key);
    return (await linkedItem(this.#scope(), key)) !== null;
  }

  /** The linked partner with this key, matching the conditions: GetItems of the link and the record, in parallel. */
  async find(hashValue: unknown, rangeValue?: unknown): Promise<T> {
    const target = this.#target();
    const notFound = (why: string) =>
      new RecordNotFound(
        `Couldn't find ${target.name} with key ${describeKey(hashValue, rangeValue)} in ${this.#describe()}: ${why}`,
        [rangeValue === undefined || rangeValue === null ? [hashValue] : [hashValue, rangeValue]],
      );
    const key = primaryKey(target, hashValue, rangeValue);
    if (this.#owner.isNewRecord())
      throw notFound(`the ${this.#association.model.name} is not saved`);
    const item = await linkedItem(this.#scope(), key);
    if (item === null) throw notFound('none is linked');
    return instantiate(target as unknown as new () => T, item);
  }

  /** The first partner in link order, or null: a Query of one link and one batched read (unless loaded). */
  async first(): Promise<T | null> {
    if (this.loaded !== null) return this.loaded[0] ?? null;
    const [record] = await this.#narrow({ limit: 1 }).load();
    return record ?? null;
  }

  /** The last partner in link order, or null: the first one in reverse. */
  async last(): Promise<T | null> {
    if (this.loaded !== null) return this.loaded[this.loaded.length - 1] ?? null;
    if (this.#narrowing.limit !== undefined) {
      const all = await this.load();
      return all[all.length - 1] ?? null;
    }
    return this.reverse().first();
  }

  /** One page for a paginated API: `{ items, next }`; a cursor of another collection throws InvalidCursor. */
  async page(options: PageOptions = {}): Promise<Page<T>> {
    const page = await linkedPage({ ...this.#scope(), limit: undefined }, options);
    const target = this.#target() as unknown as new () => T;
    return { items: page.items.map((item) => instantiate(target, item)), next: page.next };
  }

  /** The linked records, in link order: key queries and batched reads. @internal */
  protected async *stream(): AsyncIterable<T> {
    const target = this.#target() as unknown as new () => T;
    for await (const items of linkedItems(this.#scope()))
      for (const item of items) yield instantiate(target, item);
  }

  // ---------------------------------------------------------------- writing

  /** A new partner (added to the cached array when loaded), linked to the owner when it is saved. */
  build(attributes?: ModelInput<T>): T {
    this.#assertOwnerSaved('build in');
    const record = new (this.#target() as unknown as new (attributes?: object) => T)(attributes);
    linkWhenCreated(record, this.#owner);
    this.loaded?.push(record);
    return record;
  }

  /**
   * Builds and saves a partner with its link: one TransactWriteItems (or the current
   * transaction). Resolves to it whether or not it passed validation.
   */
  async create(attributes?: ModelInput<T>): Promise<T> {
    const record = this.#unlisted(attributes);
    if (await transaction(() => record.save())) this.#remember(record);
    return record;
  }

  /** As `create`, but throws RecordInvalid or RecordNotSaved when it cannot save. */
  async createOrThrow(attributes?: ModelInput<T>): Promise<T> {
    const record = this.#unlisted(attributes);
    await transaction(() => record.saveOrThrow());
    this.#remember(record);
    return record;
  }

  /**
   * Links records to the owner, saving new ones first (RecordInvalid when one is invalid).
   * Both directions of a link are written in one TransactWriteItems; inside `transaction()`
   * they join it.
   */
  async push(...records: T[]): Promise<this> {
    this.#assertOwnerSaved('push to');
    for (const record of records) this.#assertTarget(record);
    for (const record of records) if (record.isNewRecord()) await record.saveOrThrow();
    for (let start = 0; start < records.length; start += LINKS_PER_TRANSACTION) {
      const chunk = records.slice(start, start + LINKS_PER_TRANSACTION);
      await writeGroups(chunk.map((record) => linkOperations(this.#owner, record)));
    }
    for (const record of records) this.#remember(record);
    return this;
  }

  /** Removes the links to the given records (both directions, one transaction each); the records stay. */
  async delete(...records: T[]): Promise<void> {
    this.#assertOwnerSaved('delete from');
    for (const record of records) {
      this.#assertTarget(record);
      await writeGroups([unlinkOperations(this.#owner, this.#target(), linkId(record))]);
      this.#forget(record);
    }
  }

  /**
   * ActiveRecord's habtm `destroy`: removes the links to the given records, which must be linked
   * (HasManyError otherwise); the records themselves stay, since other owners may link them.
   * Destroy a partner itself with its own `destroy()`.
   */
  async destroy(...records: T[]): Promise<boolean> {
    this.#assertOwnerSaved('destroy from');
    for (const record of records) this.#assertTarget(record);
    // Outside transaction(), links not cached, up to one transaction's worth: one conditioned
    // TransactWriteItems, without reading the links first (unlinkAllLinked).
    if (
      this.#whole.loaded === null &&
      currentTransaction() === undefined &&
      new Set(records.map((record) => linkId(record))).size <= LINKS_PER_TRANSACTION &&
      records.every((record) => !record.isNewRecord())
    ) {
      await unlinkAllLinked(this.#owner, this.#target(), records, this.#describe());
      for (const record of records) this.#forget(record);
      return true;
    }
    for (const record of records) {
      if (!(await this.#whole.includes(record))) throw notLinked(record, this.#describe());
    }
    await this.delete(...records);
    return true;
  }

  /**
   * Removes the links to every partner in this collection (both directions, 50 links per
   * TransactWriteItems); the partners stay. Un-narrowed, only the links are read. Resolves to
   * how many links were removed.
   */
  async deleteAll(): Promise<number> {
    if (this.#owner.isNewRecord()) return 0;
    const target = this.#target();
    let ids: string[];
    if (this.#narrowing.conditions.length === 0 && this.#narrowing.limit === undefined) {
      ids = await linkedIds(this.#owner, this.#association);
    } else {
      ids = [];
      for await (const items of linkedItems(this.#scope()))
        for (const item of items) ids.push(linkIdOfKey(target, item));
    }
    await writeGroups(ids.map((id) => unlinkOperations(this.#owner, target, id)));
    this.#forgetAll();
    return ids.length;
  }

  /**
   * ActiveRecord's habtm `destroy_all`: the same as `deleteAll()`, the links go and the partners
   * stay; resolves to how many links were removed.
   */
  async destroyAll(): Promise<number> {
    return this.deleteAll();
  }

  /**
   * Makes `records` the partners (the gem's `tags=`): links each (saving new ones), then
   * removes the links to every other partner, which stays.
   */
  async replace(records: T[]): Promise<void> {
    await this.push(...records);
    const keep = new Set(records.map((record) => linkId(record)));
    const target = this.#target();
    const others = (await linkedIds(this.#owner, this.#association)).filter((id) => !keep.has(id));
    await writeGroups(others.map((id) => unlinkOperations(this.#owner, target, id)));
    this.#forgetAll();
  }

  // ---------------------------------------------------------------- internals

  #target(): ModelClass {
    return this.#association.target();
  }

  #describe(): string {
    return `${this.#association.model.name}.${this.#association.name}`;
  }

  #scope(): LinkScope {
    return { owner: this.#owner, association: this.#association, ...this.#narrowing };
  }

  #narrow(change: Partial<Narrowing>): LinkCollection<T> {
    return new LinkCollection<T>(
      this.#owner,
      this.#association,
      { ...this.#narrowing, ...change },
      this.#whole,
    );
  }

  #unlisted(attributes: ModelInput<T> | undefined): T {
    this.#assertOwnerSaved('create in');
    const record = new (this.#target() as unknown as new (attributes?: object) => T)(attributes);
    linkWhenCreated(record, this.#owner);
    return record;
  }

  /** Adds a linked record to the owner's loaded array; a narrowed collection forgets its own. */
  #remember(record: T): void {
    const whole = this.#whole;
    if (whole.loaded && !whole.loaded.some((linked) => linked.equals(record)))
      whole.loaded.push(record);
    if (this !== whole) this.reset();
  }

  #forget(record: T): void {
    for (const collection of new Set([this.#whole, this as LinkCollection<T>]))
      if (collection.loaded)
        collection.loaded = collection.loaded.filter((linked) => !linked.equals(record));
  }

  #forgetAll(): void {
    this.reset();
    this.#whole.reset();
  }

  #assertOwnerSaved(action: string): void {
    if (this.#owner.isNewRecord() || this.#owner.isDestroyed()) {
      throw new HasManyError(
        `Cannot ${action} ${this.#describe()} of a ${this.#owner.isNewRecord() ? 'new' : 'destroyed'} record: save it first`,
      );
    }
  }

  #assertTarget(record: unknown): void {
    const target = this.#target();
    if (!(record instanceof target)) {
      const given =
        (record as { constructor?: { name?: string } } | null)?.constructor?.name ?? String(record);
      throw new AssociationTypeMismatch(
        `${this.#describe()} holds ${target.name} records, not ${given}`,
      );
    }
  }
}

/** `declare readonly tags: HasAndBelongsToMany<Tag>`: the type of a habtm collection. */
export type HasAndBelongsToMany<T extends Table> = LinkCollection<T>;
