/**
 * `hasAndBelongsToMany`: a many-to-many relation without secondary indexes, declared on both
 * sides. Links live in a link table of the pair, one item per direction (see link-table.ts),
 * so each side finds its partners with a key query; both items of a link are written and
 * removed in one transaction. Destroying either side removes its links (before its own
 * delete, or in the same transaction inside `transaction()`); `delete()`, which runs no
 * callbacks, leaves them, and a collection skips links to records that are gone.
 *
 * ```ts
 * class Post extends Table.schema({ attributes: { title: attr.string() } }) {
 *   static { this.hasAndBelongsToMany('tags', () => Tag); }
 *   declare readonly tags: HasAndBelongsToMany<Tag>;
 * }
 * class Tag extends Table.schema({ attributes: { name: attr.string() } }) {
 *   static { this.hasAndBelongsToMany('posts', () => Post); }
 *   declare readonly posts: HasAndBelongsToMany<Post>;
 * }
 * await post.tags.push(tag);   // tag.posts now holds post too
 * ```
 */
import { addCompanionTable } from '../connection/companion-tables.js';
import { HasManyError } from '../errors.js';
import { queryPages } from '../querying/key-query.js';
import { callbacksOf, schemaOf, type ModelClass } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { writeGroups } from '../transactions/write-together.js';
import { LinkCollection, type LinkAssociation } from './link-collection.js';
import {
  LINK_SOURCE,
  LINK_TARGET,
  linkModelOf,
  linkSource,
  unlinkOperations,
} from './link-table.js';
import { assertAssociationName } from './registry.js';

const declared = new WeakMap<object, Map<string, LinkAssociation>>();
const collections = new WeakMap<object, Map<string, LinkCollection<Table>>>();

/** Declares the association: the accessor, the link table, and the cleanup on destroy. @internal */
export function declareHasAndBelongsToMany(
  model: ModelClass,
  name: string,
  target: () => ModelClass,
): void {
  if (typeof target !== 'function') {
    throw new HasManyError(
      `${model.name}.hasAndBelongsToMany('${name}') takes the other model as a function: () => Other`,
    );
  }
  assertAssociationName(model, name, 'hasAndBelongsToMany');
  const own = declared.get(model) ?? new Map<string, LinkAssociation>();
  if (schemaOf(model).fields.has(name) || own.has(name) || name in model.prototype) {
    throw new HasManyError(
      `${model.name} already has an attribute, association or member named '${name}'`,
    );
  }
  const association: LinkAssociation = { model, name, target };
  own.set(name, association);
  declared.set(model, own);
  addCompanionTable(model, () => linkModelOf(model, target()));
  Object.defineProperty(model.prototype, name, {
    configurable: true,
    get(this: Table) {
      return collectionOf(this, association);
    },
  });
  callbacksOf(model, true).add('destroy', 'before', async (record: unknown) => {
    await unlinkAll(record as Table, association);
  });
}

function collectionOf(owner: Table, association: LinkAssociation): LinkCollection<Table> {
  let own = collections.get(owner);
  if (!own) collections.set(owner, (own = new Map()));
  let collection = own.get(association.name);
  if (!collection) own.set(association.name, (collection = new LinkCollection(owner, association)));
  return collection;
}

/** Forgets every loaded habtm collection of a record, as `reload()` does. @internal */
export function resetLinkCollections(owner: object): void {
  for (const collection of collections.get(owner)?.values() ?? []) collection.reset();
}

// Every link of the record, both directions: queued into the transaction when inside one,
// else removed in transactions that check the destroyed record's lock (parent-checks.ts).
async function unlinkAll(record: Table, association: LinkAssociation): Promise<void> {
  if (record.isNewRecord()) return;
  const partner = association.target();
  const linkModel = linkModelOf(association.model, partner);
  const partnerIds: string[] = [];
  for await (const page of queryPages({
    model: linkModel,
    hashName: LINK_SOURCE,
    hashValue: linkSource(record),
    consistent: true,
  })) {
    for (const link of page.items) partnerIds.push(link[LINK_TARGET]?.S ?? '');
  }
  await writeGroups(partnerIds.map((id) => unlinkOperations(record, partner, id)));
  collections.get(record)?.get(association.name)?.reset();
}
