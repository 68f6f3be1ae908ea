import { GetItemCommand, type GetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { modelSend } from '../connection/model-request.js';
import { RecordNotFound, UnknownPrimaryKey } from '../errors.js';
import { schemaOf, tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { batchGetItems } from '../dynamo/batch-get.js';
import { describeKey, primaryKey } from './keys.js';

export interface FindOptions {
  /** Strongly consistent read (twice the read capacity). Default false. */
  consistent?: boolean;
}

/** One GetItem; resolves to the instance or null. @internal */
export async function findByKey<T>(
  model: ModelClass,
  hash: unknown,
  range?: unknown,
  options: FindOptions = {},
): Promise<T | null> {
  const table = tableFullNameOf(model);
  const output = await modelSend<GetItemCommandOutput>(
    model,
    new GetItemCommand({
      TableName: table,
      Key: primaryKey(model, hash, range),
      ConsistentRead: options.consistent === true,
    }),
    table,
  );
  return output.Item ? instantiate(model as unknown as new () => T, output.Item) : null;
}

/** One GetItem; throws RecordNotFound naming the model and key. @internal */
export async function findOne<T>(
  model: ModelClass,
  hash: unknown,
  range?: unknown,
  options: FindOptions = {},
): Promise<T> {
  const record = await findByKey<T>(model, hash, range, options);
  if (record === null) {
    throw new RecordNotFound(`Couldn't find ${model.name} with key ${describeKey(hash, range)}`, [
      range === undefined || range === null ? [hash] : [hash, range],
    ]);
  }
  return record;
}

/**
 * `find([keys])`: BatchGetItem, 100 keys a request, unprocessed keys retried. Resolves to the
 * records in the order asked; throws RecordNotFound naming every key that has no item.
 * Keys are `hash` values for a table without a range key, `[hash, range]` pairs otherwise.
 * @internal
 */
export async function findMany<T>(
  model: ModelClass,
  keys: readonly unknown[],
  options: FindOptions = {},
): Promise<T[]> {
  const hasRange = schemaOf(model).rangeKey !== null;
  const asked = keys.map((key) => splitKey(model, key, hasRange));
  const items = await batchGetItems(
    model,
    asked.map(([hash, range]) => primaryKey(model, hash, range)),
    options,
  );
  const missing = asked.filter((_, i) => items[i] === undefined);
  if (missing.length > 0) {
    const shown = missing.slice(0, 100).map(([hash, range]) => describeKey(hash, range));
    const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
    throw new RecordNotFound(
      `Couldn't find ${missing.length} of ${asked.length} ${model.name} records with keys ${shown.join(', ')}${more}`,
      missing.map(([hash, range]) => (hasRange ? [hash, range] : [hash])),
    );
  }
  return items.map((item) => instantiate(model as unknown as new () => T, item!));
}

function splitKey(model: ModelClass, key: unknown, hasRange: boolean): [unknown, unknown] {
  if (!hasRange) return [key, undefined];
  if (!Array.isArray(key) || key.length !== 2) {
    throw new UnknownPrimaryKey(
      `${model.name} has a range key: find([...]) takes [hash, range] pairs (got ${describeKey(key)})`,
    );
  }
  return [key[0], key[1]];
}
