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
import { callbacksOf, schemaOf, type ModelClass } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { writeGroups } from '../transactions/write-together.js';
import {
  declaresLinkAssociation,
  registerLinkAssociation,
  type LinkAssociation,
} from './link-associations.js';
import { LinkCollection } from './link-collection.js';
import { linkModelOf } from './link-table.js';
import { hookCreates } from './pending-links.js';
import { assertAssociationName } from './registry.js';
import { unlinkGroups } from './unlink.js';

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
  if (
    schemaOf(model).fields.has(name) ||
    declaresLinkAssociation(model, name) ||
    name in model.prototype
  ) {
    throw new HasManyError(
      `${model.name} already has an attribute, association or member named '${name}'`,
    );
  }
  const association: LinkAssociation = { kind: 'hasAndBelongsToMany', model, name, target };
  registerLinkAssociation(association);
  hookCreates(model);
  addCompanionTable(model, () => linkModelOf(model, target()));
  Object.defineProperty(model.prototype, name, {
    configurable: true,
    get(this: Table) {
      return collectionOf(this, association);
    },
  });
  callbacksOf(model, true).add('destroy', 'prepare', async (record: unknown) => {
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
  await writeGroups(await unlinkGroups(record, association));
  collections.get(record)?.get(association.name)?.reset();
}
