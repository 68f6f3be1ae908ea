import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoError } from '../errors.js';

const MAX_ITEM_BYTES = 400 * 1024;
const MAX_HASH_KEY_BYTES = 2048;
const MAX_RANGE_KEY_BYTES = 1024;

/** The size DynamoDB counts for a value, by its published sizing rules. @internal */
export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^[-+]|[.eE].*$/g, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + attributeValueSize({ N: n }), 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + attributeValueSize(v), 0);
  if (value.M !== undefined) {
    return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + attributeValueSize(v), 0);
  }
  return 0;
}

/** Throws before sending an item DynamoDB would reject as too large. @internal */
export function assertItemSize(modelName: string, item: Record<string, AttributeValue>, record?: unknown): void {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + attributeValueSize(value);
  if (size > MAX_ITEM_BYTES) {
    throw new DynamoError(
      `${modelName} item is ${size} bytes, over DynamoDB's limit of ${MAX_ITEM_BYTES} bytes (400 KB): nothing was stored`,
      { record },
    );
  }
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
    throw new DynamoError(`${modelName}.${name} (the ${kind} key) is empty: a key needs a value`, { record });
  }
  const limit = kind === 'hash' ? MAX_HASH_KEY_BYTES : MAX_RANGE_KEY_BYTES;
  const size = attributeValueSize(value);
  if (size > limit) {
    throw new DynamoError(`${modelName}.${name} (the ${kind} key) is ${size} bytes, over DynamoDB's limit of ${limit}`, { record });
  }
}
