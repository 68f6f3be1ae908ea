import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ModelSchema } from '../schema/model-schema.js';
import { equalsStored } from './codecs/codec.js';
import type { RecordState } from './record-state.js';

/** The changed attributes, each with its value as DynamoDB will store it. @internal */
export type Changes = Map<string, AttributeValue | undefined>;

/**
 * Dirty tracking, by comparing each decoded value with what DynamoDB holds. Values never
 * read cannot have changed, so a record loaded and saved untouched costs no comparisons;
 * arrays and objects changed in place are noticed too. Each changed value comes with its
 * encoding, which the write that saves it sends and keeps as the new original: a value is
 * encoded once per save.
 * @internal
 */
export function changedAttributes(schema: ModelSchema, state: RecordState): Changes {
  const changed: Changes = new Map();
  for (const name in state.values) {
    const field = schema.fields.get(name);
    if (!field) continue;
    const value = state.values[name];
    if (!equalsStored(field.codec, value, state.original[name]))
      changed.set(name, field.codec.toAttributeValue(value));
  }
  return changed;
}

/** The names of the changed attributes. @internal */
export function changedFieldNames(schema: ModelSchema, state: RecordState): string[] {
  return [...changedAttributes(schema, state).keys()];
}

/** Whether one attribute differs from what was read. @internal */
export function isFieldChanged(schema: ModelSchema, state: RecordState, name: string): boolean {
  const field = schema.fields.get(name);
  if (!field || !Object.hasOwn(state.values, name)) return false;
  return !equalsStored(field.codec, state.values[name], state.original[name]);
}

/** The value as last read or written. @internal */
export function valueWas(schema: ModelSchema, state: RecordState, name: string): unknown {
  const field = schema.fields.get(name);
  return field ? field.codec.fromAttributeValue(state.original[name]) : undefined;
}
