import { GetItemCommand, type GetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { modelSend } from '../connection/model-request.js';
import { RecordNotFound } from '../errors.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { describeKey, primaryKey } from './keys.js';

export interface FindOptions {
  /** Strongly consistent read (twice the read capacity). Default false. */
  consistent?: boolean;
}

/** One GetItem; resolves to the instance or null. @internal */
export async function findByKey<T>(model: ModelClass, hash: unknown, range?: unknown, options: FindOptions = {}): Promise<T | null> {
  const table = tableFullNameOf(model);
  const output = await modelSend<GetItemCommandOutput>(
    model,
    new GetItemCommand({ TableName: table, Key: primaryKey(model, hash, range), ConsistentRead: options.consistent === true }),
    table,
  );
  return output.Item ? instantiate(model as unknown as new () => T, output.Item) : null;
}

/** One GetItem; throws RecordNotFound naming the model and key. @internal */
export async function findOne<T>(model: ModelClass, hash: unknown, range?: unknown, options: FindOptions = {}): Promise<T> {
  const record = await findByKey<T>(model, hash, range, options);
  if (record === null) {
    throw new RecordNotFound(`Couldn't find ${model.name} with key ${describeKey(hash, range)}`, [
      range === undefined || range === null ? [hash] : [hash, range],
    ]);
  }
  return record;
}
