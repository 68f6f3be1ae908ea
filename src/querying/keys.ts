import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { castValue } from '../attributes/attribute-access.js';
import { UnknownPrimaryKey } from '../errors.js';
import { assertKeyValue } from '../dynamo/keys.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';

/** Serializes one key value the way the attribute is stored. @internal */
export function keyAttributeValue(model: ModelClass, name: string, value: unknown): AttributeValue {
  const schema = schemaOf(model);
  const field = schema.fields.get(name);
  if (!field) throw new UnknownPrimaryKey(`${model.name} has no attribute '${name}'`);
  const serialized = field.codec.toAttributeValue(castValue(field, model.name, value));
  if (serialized === undefined) {
    throw new UnknownPrimaryKey(
      `${model.name}.${name} is a key and needs a value (got ${JSON.stringify(value) ?? 'undefined'})`,
    );
  }
  return serialized;
}

/** The DynamoDB key for `find(hash, range)`. @internal */
export function primaryKey(
  model: ModelClass,
  hash: unknown,
  range?: unknown,
): Record<string, AttributeValue> {
  const schema = schemaOf(model);
  const key: Record<string, AttributeValue> = {
    [schema.hashKey]: keyAttributeValue(model, schema.hashKey, hash),
  };
  // DynamoDB would answer an oversized key with a ValidationException naming nothing.
  assertKeyValue(model.name, schema.hashKey, 'hash', key[schema.hashKey]);
  if (schema.rangeKey) {
    if (range === undefined || range === null) {
      throw new UnknownPrimaryKey(
        `${model.name} has a range key ('${schema.rangeKey}'): find it by hash and range`,
      );
    }
    key[schema.rangeKey] = keyAttributeValue(model, schema.rangeKey, range);
    assertKeyValue(model.name, schema.rangeKey, 'range', key[schema.rangeKey]);
  } else if (range !== undefined && range !== null) {
    throw new UnknownPrimaryKey(`${model.name} has no range key, but a range value was given`);
  }
  return key;
}

/** A key as `[hash]` or `[hash, range]`, for messages. @internal */
export function describeKey(hash: unknown, range?: unknown): string {
  const render = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  return JSON.stringify(
    range === undefined || range === null ? render(hash) : [render(hash), render(range)],
  );
}
