/**
 * Removing the hasAndBelongsToMany links of records that go: both items of each link, found
 * with a key query on the link table per record and association. A destroy removes its links
 * once its callbacks let it go on, before its own delete; `deleteAll()`, of a model or of a relation, removes the links
 * of each page of items before it deletes the items, so no link outlives its record.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import type { RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { mapConcurrently } from '../dynamo/concurrency.js';
import { queryPages } from '../querying/key-query.js';
import type { ModelClass } from '../schema/model-class.js';
import { writeGroups } from '../transactions/write-together.js';
import { linkAssociationsOf, type LinkAssociation } from './link-associations.js';
import { HasManyError } from '../errors.js';
import {
  LINK_SOURCE,
  LINK_TARGET,
  linkId,
  linkModelOf,
  linkSource,
  requiredUnlinkOperations,
  unlinkOperations,
} from './link-table.js';

type Item = Record<string, AttributeValue>;

/** Link queries in flight at once when a page of items goes. */
const QUERY_CONCURRENCY = 8;

/** The link ids of a record's partners in one association (dangling links included). @internal */
export async function linkedIds(
  record: RecordLike,
  association: LinkAssociation,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of queryPages({
    model: linkModelOf(association.model, association.target()),
    hashName: LINK_SOURCE,
    hashValue: linkSource(record),
    consistent: true,
  })) {
    for (const link of page.items) ids.push(link[LINK_TARGET]?.S ?? '');
  }
  return ids;
}

/** The Deletes of both items of each link of a record, a group per link. @internal */
export async function unlinkGroups(
  record: RecordLike,
  association: LinkAssociation,
): Promise<WriteOperation[][]> {
  const partner = association.target();
  return (await linkedIds(record, association)).map((id) => unlinkOperations(record, partner, id));
}

/**
 * Removes every link of the records of these items (whole items or keys), in every
 * association of their model: queued into the current transaction, else 50 links per
 * TransactWriteItems. Nothing is read when the model has no hasAndBelongsToMany.
 * @internal
 */
export async function unlinkItems(model: ModelClass, items: readonly Item[]): Promise<void> {
  const associations = linkAssociationsOf(model);
  if (associations.length === 0 || items.length === 0) return;
  const records = items.map((item) => instantiate(model as unknown as new () => RecordLike, item));
  const work = associations.flatMap((association) =>
    records.map((record) => ({ record, association })),
  );
  const groups = await mapConcurrently(work, QUERY_CONCURRENCY, ({ record, association }) =>
    unlinkGroups(record, association),
  );
  await writeGroups(groups.flat());
}

/** The error of a partner that is not linked in the collection described. @internal */
export function notLinked(record: RecordLike, collection: string, cause?: unknown): HasManyError {
  return new HasManyError(
    `${record.constructor.name} ${JSON.stringify(linkId(record))} is not in ${collection}`,
    { cause },
  );
}

/**
 * Removes `owner`'s links to `records` in one TransactWriteItems, each delete conditioned on its
 * link: all go, or none when one is not linked (HasManyError naming it). At most one
 * transaction's worth of distinct records.
 * @internal
 */
export async function unlinkAllLinked(
  owner: RecordLike,
  target: ModelClass,
  records: readonly RecordLike[],
  collection: string,
): Promise<void> {
  const byId = new Map(records.map((record) => [linkId(record), record]));
  await writeGroups(
    [...byId].map(([id, record]) =>
      requiredUnlinkOperations(owner, target, id, (cause) => notLinked(record, collection, cause)),
    ),
  );
}
