/**
 * Removing items by key or wholesale: `Model.delete(h, r?)`, `deleteAll()` (no callbacks,
 * batched) and `destroyAll()` (each record's callbacks and lock check). Items of a model with
 * unique attributes are removed together with their guards, in the same transaction, and
 * only the guards they own (see uniqueness/guards.ts).
 */
import {
  DeleteItemCommand,
  type AttributeValue,
  type DeleteItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { unlinkItems } from '../associations/unlink.js';
import { modelSend } from '../connection/model-request.js';
import type { RecordLike } from './record-internals.js';
import { deleteOperation } from './write-requests.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { currentTransaction } from '../transactions/context.js';
import { writeGroups } from '../transactions/write-together.js';
import { uniqueAttributesOf } from '../uniqueness/declaration.js';
import { writeWithGuards } from '../uniqueness/guarded-write.js';
import { planGuards, replanOf } from '../uniqueness/guards.js';
import { mapConcurrently } from '../dynamo/concurrency.js';
import { batchWrite, deleteRequest } from '../dynamo/batch-write.js';
import { findByKey } from '../querying/find.js';
import { primaryKey } from '../querying/keys.js';
import { scanPages } from '../querying/scan.js';

type Item = Record<string, AttributeValue>;

/** Records destroyed at once by destroyAll (each is its own conditional DeleteItem). */
const DESTROY_CONCURRENCY = 8;

/**
 * Deletes one item by key, without callbacks or lock check; resolves to whether it existed.
 * One DeleteItem (ReturnValues ALL_OLD); for a model with unique attributes, a consistent
 * read and then one transaction that deletes the item and the guards it holds.
 * @internal
 */
export async function deleteByKey(
  model: ModelClass,
  hash: unknown,
  range?: unknown,
): Promise<boolean> {
  if (uniqueAttributesOf(model).length > 0) {
    const record = await findByKey<RecordLike>(model, hash, range, { consistent: true });
    if (record === null) return false;
    await writeWithGuards(deleteOperation(record, null, 'delete'));
    return true;
  }
  const table = tableFullNameOf(model);
  const output = await modelSend<DeleteItemCommandOutput>(
    model,
    new DeleteItemCommand({
      TableName: table,
      Key: primaryKey(model, hash, range),
      ReturnValues: 'ALL_OLD',
    }),
    table,
  );
  return output.Attributes !== undefined;
}

/**
 * Deletes read items without callbacks. Items with unique values go with their guards, as many
 * whole items per transaction as fit; when one changed since it was read, each item of that
 * transaction is deleted on its own, planned from what DynamoDB holds.
 * @internal
 */
export async function deleteItems(model: ModelClass, items: readonly Item[]): Promise<void> {
  const records = items.map((item) => instantiate(model as unknown as new () => RecordLike, item));
  const groups = records.map((record) => {
    const { own, guards } = planGuards(deleteOperation(record, null, 'delete'));
    return [own, ...guards];
  });
  try {
    await writeGroups(groups);
  } catch (error) {
    if (replanOf(error) === undefined || currentTransaction()) throw error;
    for (const record of records) await writeWithGuards(deleteOperation(record, null, 'delete'));
  }
}

/**
 * Deletes every item, without callbacks: a scan reading only the keys, each page deleted with
 * parallel BatchWriteItem requests while the next page is read, after the habtm links of its
 * items (so links written meanwhile, to items not deleted, stay). A model with unique
 * attributes is scanned whole and its items deleted with their guards (deleteItems), so the
 * guards of items written meanwhile stay. Resolves to how many were deleted.
 * @internal
 */
export async function deleteAll(model: ModelClass): Promise<number> {
  const guarded = uniqueAttributesOf(model).length > 0;
  const pages = scanPages(model, { keysOnly: !guarded });
  let deleted = 0;
  let next = pages.next();
  for (;;) {
    const page = await next;
    if (page.done) break;
    next = pages.next();
    next.catch(() => undefined); // awaited on the next turn; never unhandled meanwhile
    await unlinkItems(model, page.value.items);
    if (guarded) await deleteItems(model, page.value.items);
    else await batchWrite(model, page.value.items.map(deleteRequest));
    deleted += page.value.items.length;
  }
  return deleted;
}

/**
 * Destroys every record with its callbacks and lock check, page by page, several at a time.
 * Resolves to how many were destroyed (a record whose callback halts is left in place).
 * @internal
 */
export async function destroyAll(model: ModelClass): Promise<number> {
  let destroyed = 0;
  for await (const page of scanPages(model)) {
    const records = page.items.map((item) =>
      instantiate(model as unknown as new () => { destroy(): Promise<boolean> }, item),
    );
    const results = await mapConcurrently(records, DESTROY_CONCURRENCY, (record) =>
      record.destroy(),
    );
    destroyed += results.filter(Boolean).length;
  }
  return destroyed;
}
