import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { STATE, type RecordState } from '../attributes/record-state.js';
import { readValue } from '../attributes/attribute-access.js';
import { modelOf, schemaOf } from '../schema/model-class.js';
import type { ModelSchema } from '../schema/model-schema.js';
import type { Errors } from '../validations/index.js';
import { ReadOnlyRecord } from '../errors.js';

/** What the persistence internals see of a record. @internal */
export interface RecordLike {
  [STATE]: RecordState;
  readonly errors: Errors;
  readAttribute(name: string): unknown;
}

export { modelOf };

/** @internal */
export function describeRecord(record: RecordLike): string {
  const model = modelOf(record);
  const key = keyValues(schemaOf(model), record[STATE]);
  return `${model.name} ${JSON.stringify(key.length === 1 ? key[0] : key)}`;
}

/** The key values as `[hash]` or `[hash, range]`. @internal */
export function keyValues(schema: ModelSchema, state: RecordState): unknown[] {
  const hash = readKey(schema, state, schema.hashKey);
  return schema.rangeKey ? [hash, readKey(schema, state, schema.rangeKey)] : [hash];
}

function readKey(schema: ModelSchema, state: RecordState, name: string): unknown {
  const field = schema.fields.get(name);
  if (!field) return undefined;
  const value = readValue(state, field);
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * The DynamoDB key of a record. For a persisted record it is the key it was read or written
 * with, which cannot change.
 * @internal
 */
export function itemKey(schema: ModelSchema, state: RecordState): Record<string, AttributeValue> {
  const key: Record<string, AttributeValue> = {};
  for (const name of schema.keyNames) {
    const stored = state.newRecord ? undefined : state.original[name];
    const field = schema.fields.get(name);
    const value =
      stored ?? (field ? field.codec.toAttributeValue(readValue(state, field)) : undefined);
    if (value !== undefined) key[name] = value;
  }
  return key;
}

/** ReadOnlyRecord for any write to a destroyed record. */
export function assertNotDestroyed(record: RecordLike, action: string): void {
  if (record[STATE].destroyed) {
    throw new ReadOnlyRecord(`Cannot ${action} ${describeRecord(record)}: it is destroyed`, {
      record,
    });
  }
}
