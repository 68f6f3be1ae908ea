/**
 * Removing items by key or wholesale: `Model.delete(h, r?)`, `deleteAll()` (no callbacks,
 * batched) and `destroyAll()` (each record's callbacks and lock check).
 */
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  type AttributeValue,
  type BatchWriteItemCommandOutput,
  type DeleteItemCommandOutput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { companionTablesOf } from '../connection/companion-tables.js';
import { modelSend } from '../connection/model-request.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { releaseGuards } from '../uniqueness/guards.js';
import { mapConcurrently, untilProcessed } from './backoff.js';
import { primaryKey } from './keys.js';
import { scanPages } from './scan.js';

type Item = Record<string, AttributeValue>;

/** DynamoDB's limit of writes in one BatchWriteItem. */
const WRITES_PER_REQUEST = 25;
/** BatchWriteItem requests in flight at once. */
const WRITE_CONCURRENCY = 4;
/** Records destroyed at once by destroyAll (each is its own conditional DeleteItem). */
const DESTROY_CONCURRENCY = 8;

/**
 * Deletes one item by key in one request, without callbacks or lock check; resolves to
 * whether it existed (DeleteItem with ReturnValues ALL_OLD).
 * @internal
 */
export async function deleteByKey(model: ModelClass, hash: unknown, range?: unknown): Promise<boolean> {
  const table = tableFullNameOf(model);
  const output = await modelSend<DeleteItemCommandOutput>(
    model,
    new DeleteItemCommand({ TableName: table, Key: primaryKey(model, hash, range), ReturnValues: 'ALL_OLD' }),
    table,
  );
  // The unique values it held are free again.
  if (output.Attributes) await releaseGuards(model, output.Attributes);
  return output.Attributes !== undefined;
}

/**
 * Deletes items by key with BatchWriteItem: 25 a request, a few requests in parallel, the
 * unprocessed items sent again with jittered backoff.
 * @internal
 */
export async function batchDeleteKeys(model: ModelClass, keys: readonly Item[]): Promise<void> {
  const table = tableFullNameOf(model);
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < keys.length; i += WRITES_PER_REQUEST) {
    chunks.push(keys.slice(i, i + WRITES_PER_REQUEST).map((key) => ({ DeleteRequest: { Key: key } })));
  }
  await mapConcurrently(chunks, WRITE_CONCURRENCY, (chunk) =>
    untilProcessed(
      chunk,
      async (pending) => {
        const output = await modelSend<BatchWriteItemCommandOutput>(
          model,
          new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
          table,
        );
        return output.UnprocessedItems?.[table] ?? [];
      },
      (left) => `BatchWriteItem on '${table}' for ${model.name} still left ${left} deletes unprocessed after repeated retries`,
    ),
  );
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
    await batchDeleteKeys(model, page.value.items);
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
    const records = page.items.map((item) => instantiate(model as unknown as new () => { destroy(): Promise<boolean> }, item));
    const results = await mapConcurrently(records, DESTROY_CONCURRENCY, (record) => record.destroy());
    destroyed += results.filter(Boolean).length;
  }
  return destroyed;
}
