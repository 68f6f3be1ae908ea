/**
 * Table keys as DynamoDB holds them: which attributes make the key, a key's identity, and the
 * checks DynamoDB would otherwise answer with a ValidationException naming nothing.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { canonicalNumberText } from '../attributes/codecs/number-text.js';
import { DynamoError } from '../errors.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import { attributeValueBound, attributeValueSize } from './item-size.js';

type Item = Record<string, AttributeValue>;

const MAX_HASH_KEY_BYTES = 2048;
const MAX_RANGE_KEY_BYTES = 1024;

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

/** Throws for an empty or oversized key value, naming the model and the key attribute. @internal */
export function assertKeyValue(
  modelName: string,
  name: string,
  kind: 'hash' | 'range',
  value: AttributeValue | undefined,
  record?: unknown,
): void {
  if (value === undefined || (value.S !== undefined && value.S === '')) {
    throw new DynamoError(`${modelName}.${name} (the ${kind} key) is empty: a key needs a value`, {
      record,
    });
  }
  const limit = kind === 'hash' ? MAX_HASH_KEY_BYTES : MAX_RANGE_KEY_BYTES;
  if (attributeValueBound(value) <= limit) return;
  const size = attributeValueSize(value);
  if (size > limit) {
    throw new DynamoError(
      `${modelName}.${name} (the ${kind} key) is ${size} bytes, over DynamoDB's limit of ${limit}`,
      { record },
    );
  }
}
