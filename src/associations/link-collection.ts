/**
 * `post.tags` for `hasAndBelongsToMany('tags', () => Tag)`: the records linked to one owner,
 * found with a key query on the link table (see link-table.ts), then read with batched gets;
 * never a scan. The interface is the one of a hasMany collection, where it applies.
 *
 * ```ts
 * await post.tags.push(ruby, rails);         // both directions, in one transaction per link
 * await post.tags.load();                    // [ruby, rails], cached until reload()
 * (await ruby.posts.load()).length;          // 1: the other side sees the link
 * await post.tags.delete(rails);             // removes the link, not the tag
 * ```
 */
import { CachedCollection } from './cached-collection.js';
import {
  GetItemCommand,
  type AttributeValue,
  type GetItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { modelSend } from '../connection/model-request.js';
import { AssociationTypeMismatch, HasManyError } from '../errors.js';
import { batchGetItems } from '../dynamo/batch-get.js';
import { queryCount, queryPages, type KeyQuery } from '../querying/key-query.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { writeTogether } from '../transactions/write-together.js';
import {
  LINK_SOURCE,
  LINK_TARGET_KEY,
  linkId,
  linkKey,
  linkModelOf,
  linkOperations,
  linkSource,
  unlinkOperations,
} from './link-table.js';

type Item = Record<string, AttributeValue>;

/** What a collection needs to know of its association. @internal */
export interface LinkAssociation {
  readonly model: ModelClass;
  readonly name: string;
  readonly target: () => ModelClass;
}

// Outside transaction(): links are written 50 (100 items) per TransactWriteItems.
const LINKS_PER_TRANSACTION = 50;

/** A has-and-belongs-to-many collection of `T`; see the module documentation. */
export class LinkCollection<T extends Table> extends CachedCollection<T> {
  readonly #owner: Table;
  readonly #association: LinkAssociation;

  /** @internal Made by the association; use `record.<name>`. */
  constructor(owner: Table, association: LinkAssociation) {
    super();
    this.#owner = owner;
    this.#association = association;
  }

  /** How many links the owner has: always asks DynamoDB (Select COUNT on the link table). */
  async count(): Promise<number> {
    if (this.#owner.isNewRecord()) return 0;
    return queryCount(this.#query());
  }

  /** Whether there are no linked records: the cached array when loaded, else a query of one link. */
  async isEmpty(): Promise<boolean> {
    if (this.loaded !== null) return this.loaded.length === 0;
    if (this.#owner.isNewRecord()) return true;
    return (await queryCount({ ...this.#query(), limit: 1 })) === 0;
  }

  /** Whether there is a linked record. */
  async any(): Promise<boolean> {
    return !(await this.isEmpty());
  }

  /** Whether the record is linked: the cached array when loaded, else one GetItem of the link. */
  async includes(record: T): Promise<boolean> {
    if (this.loaded !== null) return this.loaded.some((linked) => linked.equals(record));
    if (this.#owner.isNewRecord() || !(record instanceof this.#target()) || record.isNewRecord())
      return false;
    const linkModel = this.#linkModel();
    const output = await modelSend<GetItemCommandOutput>(
      linkModel,
      new GetItemCommand({
        TableName: tableFullNameOf(linkModel),
        Key: linkKey(this.#owner, record),
        ConsistentRead: true,
      }),
    );
    return output.Item !== undefined;
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
      await writeTogether(chunk.flatMap((record) => linkOperations(this.#owner, record)));
    }
    if (this.loaded)
      for (const record of records)
        if (!this.loaded.some((linked) => linked.equals(record))) this.loaded.push(record);
    return this;
  }

  /** Removes the links to the given records (both directions, one transaction each); the records stay. */
  async delete(...records: T[]): Promise<void> {
    this.#assertOwnerSaved('delete from');
    for (const record of records) {
      this.#assertTarget(record);
      await writeTogether(unlinkOperations(this.#owner, this.#target(), linkId(record)));
      if (this.loaded) this.loaded = this.loaded.filter((linked) => !linked.equals(record));
    }
  }

  // ---------------------------------------------------------------- internals

  #target(): ModelClass {
    return this.#association.target();
  }

  #linkModel(): ModelClass {
    return linkModelOf(this.#association.model, this.#target());
  }

  #query(): KeyQuery {
    return {
      model: this.#linkModel(),
      hashName: LINK_SOURCE,
      hashValue: linkSource(this.#owner),
      consistent: true,
    };
  }

  /** The linked records, in link order: key queries and batched reads. @internal */
  protected async *stream(): AsyncIterable<T> {
    if (this.#owner.isNewRecord()) return;
    const target = this.#target();
    for await (const page of queryPages(this.#query())) {
      const keys = page.items.map((link) => link[LINK_TARGET_KEY]?.M as Item);
      // A partner removed without callbacks leaves a link behind: it is skipped.
      for (const item of await batchGetItems(target, keys, { consistent: true })) {
        if (item) yield instantiate(target as unknown as new () => T, item);
      }
    }
  }

  #assertOwnerSaved(action: string): void {
    if (this.#owner.isNewRecord() || this.#owner.isDestroyed()) {
      throw new HasManyError(
        `Cannot ${action} ${this.#association.model.name}.${this.#association.name} of a ${this.#owner.isNewRecord() ? 'new' : 'destroyed'} record: save it first`,
      );
    }
  }

  #assertTarget(record: unknown): void {
    const target = this.#target();
    if (!(record instanceof target)) {
      const given =
        (record as { constructor?: { name?: string } } | null)?.constructor?.name ?? String(record);
      throw new AssociationTypeMismatch(
        `${this.#association.model.name}.${this.#association.name} holds ${target.name} records, not ${given}`,
      );
    }
  }
}

/** `declare readonly tags: HasAndBelongsToMany<Tag>`: the type of a habtm collection. */
export type HasAndBelongsToMany<T extends Table> = LinkCollection<T>;
