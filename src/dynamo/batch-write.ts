import {
  BatchWriteItemCommand,
  type AttributeValue,
  type BatchWriteItemCommandOutput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { modelSend } from '../connection/model-request.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { untilProcessed } from './backoff.js';
import { mapConcurrently } from './concurrency.js';

type Item = Record<string, AttributeValue>;

/** DynamoDB's limit of requests in one BatchWriteItem. */
export const REQUESTS_PER_BATCH = 25;
/** BatchWriteItem requests in flight at once. */
const CONCURRENCY = 4;

/**
 * Sends puts or deletes of one model's items with BatchWriteItem: 25 a request, a few
 * requests in parallel, resending what DynamoDB leaves unprocessed with jittered backoff.
 * No conditions, no callbacks: for `deleteAll` and the association dependents.
 * @internal
 */
export async function batchWrite(
  model: ModelClass,
  requests: readonly WriteRequest[],
): Promise<void> {
  const table = tableFullNameOf(model);
  const chunks: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += REQUESTS_PER_BATCH) {
    chunks.push(requests.slice(start, start + REQUESTS_PER_BATCH));
  }
  await mapConcurrently(chunks, CONCURRENCY, (chunk) => writeBatch(model, table, chunk));
}

/**
 * Sends one BatchWriteItem of at most 25 requests, then what DynamoDB leaves unprocessed,
 * with jittered backoff, until all are written. Resolves to how many requests were resent.
 * @internal
 */
export async function writeBatch(
  model: ModelClass,
  table: string,
  chunk: WriteRequest[],
): Promise<number> {
  let resent = 0;
  await untilProcessed(
    chunk,
    async (pending) => {
      if (pending !== chunk) resent += pending.length;
      const output = await modelSend<BatchWriteItemCommandOutput>(
        model,
        new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
        table,
      );
      return output.UnprocessedItems?.[table] ?? [];
    },
    (left) =>
      `BatchWriteItem on '${table}' for ${model.name} still left ${left} writes unprocessed after repeated retries`,
  );
  return resent;
}

/** @internal */
export const deleteRequest = (key: Item): WriteRequest => ({ DeleteRequest: { Key: key } });
/** @internal */
export const putRequest = (item: Item): WriteRequest => ({ PutRequest: { Item: item } });
