import {
  BatchGetItemCommand,
  type AttributeValue,
  type BatchGetItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { canonicalNumberText } from '../attributes/codecs/number-text.js';
import { modelSend } from '../connection/model-request.js';
import { schemaOf, tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { ExpressionBuilder } from '../persistence/expressions.js';
import { mapConcurrently, untilProcessed } from './backoff.js';

type Item = Record<string, AttributeValue>;

/** DynamoDB's limit of keys in one BatchGetItem. */
const KEYS_PER_REQUEST = 100;
/** Requests in flight at once for one call. */
const CONCURRENCY = 4;

/**
 * A key's identity: the table key attributes' values as DynamoDB holds them. Numbers are
 * normalized ("1.50" and "1.5" are one key) because DynamoDB answers in its own form.
 * @internal
 */
export function keyIdentity(item: Item, keyNames: readonly string[]): string {
  return JSON.stringify(
    keyNames.map((name) => {
      const value = item[name];
      // Exactly, not through a double: two numbers beyond 2^53 must stay two keys.
      if (value?.N !== undefined) return ['N', canonicalNumberText(value.N)];
      if (value?.S !== undefined) return ['S', value.S];
      return ['?', JSON.stringify(value ?? null)];
    }),
  );
}

/** The table's key attribute names: hash, then range. @internal */
export function tableKeyNames(model: ModelClass): string[] {
  const schema = schemaOf(model);
  return schema.rangeKey ? [schema.hashKey, schema.rangeKey] : [schema.hashKey];
}

/** The table key of an item (of the table or of an index that projects the table keys). @internal */
export function tableKeyOf(model: ModelClass, item: Item): Item {
  const key: Item = {};
  for (const name of tableKeyNames(model)) key[name] = item[name] as AttributeValue;
  return key;
}

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
        ProjectionExpression: options.projection.map((name) => builder.name(name)).join(', '),
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
