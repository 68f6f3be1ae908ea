import {
  BatchGetItemCommand,
  type AttributeValue,
  type BatchGetItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { modelSend } from '../connection/model-request.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { untilProcessed } from './backoff.js';
import { mapConcurrently } from './concurrency.js';
import { ExpressionBuilder, projectionOf } from './expressions.js';
import { keyIdentity, tableKeyNames } from './keys.js';

type Item = Record<string, AttributeValue>;

/** DynamoDB's limit of keys in one BatchGetItem. */
const KEYS_PER_REQUEST = 100;
/** Requests in flight at once for one call. */
const CONCURRENCY = 4;

/**
 * Reads items by key with BatchGetItem: 100 keys a request, a few requests in parallel, the
 * unprocessed keys sent again with jittered backoff. Resolves to one entry per key asked, in
 * the same order, `undefined` where there is no item. Duplicate keys are read once.
 * @internal
 */
export async function batchGetItems(
  model: ModelClass,
  keys: readonly Item[],
  options: { consistent?: boolean; projection?: readonly string[] | undefined } = {},
): Promise<(Item | undefined)[]> {
  const table = tableFullNameOf(model);
  const keyNames = tableKeyNames(model);
  const unique = new Map<string, Item>();
  for (const key of keys) unique.set(keyIdentity(key, keyNames), key);
  const found = new Map<string, Item>();
  const chunks: Item[][] = [];
  const all = [...unique.values()];
  for (let i = 0; i < all.length; i += KEYS_PER_REQUEST)
    chunks.push(all.slice(i, i + KEYS_PER_REQUEST));

  const builder = new ExpressionBuilder();
  const projection = options.projection
    ? {
        ProjectionExpression: projectionOf(builder, options.projection),
        ...builder.maps(),
      }
    : {};
  await mapConcurrently(chunks, CONCURRENCY, (chunk) =>
    untilProcessed(
      chunk,
      async (pending) => {
        const output = await modelSend<BatchGetItemCommandOutput>(
          model,
          new BatchGetItemCommand({
            RequestItems: {
              [table]: {
                Keys: pending,
                ConsistentRead: options.consistent === true,
                ...projection,
              },
            },
          }),
          table,
        );
        for (const item of output.Responses?.[table] ?? [])
          found.set(keyIdentity(item, keyNames), item);
        return output.UnprocessedKeys?.[table]?.Keys ?? [];
      },
      (left) =>
        `BatchGetItem on '${table}' for ${model.name} still left ${left} keys unprocessed after repeated retries`,
    ),
  );
  return keys.map((key) => found.get(keyIdentity(key, keyNames)));
}
