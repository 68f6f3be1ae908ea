/**
 * Removing items by key or wholesale: `Model.delete(h, r?)`, `deleteAll()` (no callbacks,
 * batched) and `destroyAll()` (each record's callbacks and lock check).
 */
import { DeleteItemCommand, type DeleteItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { companionTablesOf } from '../connection/companion-tables.js';
import { modelSend } from '../connection/model-request.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { releaseGuards } from '../uniqueness/guards.js';
import { mapConcurrently } from './backoff.js';
import { batchWrite, deleteRequest } from './batch-write.js';
import { primaryKey } from './keys.js';
import { scanPages } from './scan.js';

/** Records destroyed at once by destroyAll (each is its own conditional DeleteItem). */
const DESTROY_CONCURRENCY = 8;

/**
 * Deletes one item by key in one request, without callbacks or lock check; resolves to
 * whether it existed (DeleteItem with ReturnValues ALL_OLD).
 * @internal
 */
export async function deleteByKey(
  model: ModelClass,
  hash: unknown,
  range?: unknown,
): Promise<boolean> {
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
  // The unique values it held are free again.
  if (output.Attributes) await releaseGuards(model, output.Attributes);
  return output.Attributes !== undefined;
}

/**
 * Deletes every item, without callbacks: a scan reading only the keys, each page deleted with
 * parallel BatchWriteItem requests while the next page is read. Resolves to how many were deleted.
 * @internal
 */
export async function deleteAll(model: ModelClass): Promise<number> {
  const pages = scanPages(model, { keysOnly: true });
  let deleted = 0;
  let next = pages.next();
  for (;;) {
    const page = await next;
    if (page.done) break;
    next = pages.next();
    next.catch(() => undefined); // awaited on the next turn; never unhandled meanwhile
    await batchWrite(model, page.value.items.map(deleteRequest));
    deleted += page.value.items.length;
  }
  // Guards of unique values and habtm links of the deleted items go with them.
  for (const companion of companionTablesOf(model)) await deleteAll(companion);
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
