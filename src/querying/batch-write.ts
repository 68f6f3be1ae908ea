import { BatchWriteItemCommand, type AttributeValue, type BatchWriteItemCommandOutput, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { modelSend } from '../connection/model-request.js';
import { untilProcessed } from '../querying/backoff.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';

type Item = Record<string, AttributeValue>;

/** DynamoDB's limit of requests in one BatchWriteItem. */
const REQUESTS_PER_BATCH = 25;

/**
 * Sends puts or deletes of one model's items with BatchWriteItem, 25 at a time, resending what
 * DynamoDB leaves unprocessed. No conditions, no callbacks: for dependents and `deleteAll`.
 * @internal
 */
export async function batchWrite(model: ModelClass, requests: WriteRequest[]): Promise<void> {
  const table = tableFullNameOf(model);
  for (let start = 0; start < requests.length; start += REQUESTS_PER_BATCH) {
    await untilProcessed(
      requests.slice(start, start + REQUESTS_PER_BATCH),
      async (pending) => {
        const output = await modelSend<BatchWriteItemCommandOutput>(
          model,
          new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
          table,
        );
        return output.UnprocessedItems?.[table] ?? [];
      },
      (left) => `BatchWriteItem on '${table}' for ${model.name} still left ${left} writes unprocessed after repeated retries`,
    );
  }
}

/** @internal */
export const deleteRequest = (key: Item): WriteRequest => ({ DeleteRequest: { Key: key } });
/** @internal */
export const putRequest = (item: Item): WriteRequest => ({ PutRequest: { Item: item } });
