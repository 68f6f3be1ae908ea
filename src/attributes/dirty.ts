import type { ModelSchema } from '../schema/model-schema.js';
import { sameAttributeValue } from './attribute-value-equality.js';
import type { RecordState } from './record-state.js';

/**
 * Dirty tracking, by comparing each decoded value with what DynamoDB holds. Values never
 * read cannot have changed, so a record loaded and saved untouched costs no comparisons;
 * arrays and objects changed in place are noticed too.
 * @internal
 */
export function changedFieldNames(schema: ModelSchema, state: RecordState): string[] {
  const changed: string[] = [];
  for (const name in state.values) {
    const field = schema.fields.get(name);
    if (
      field &&
      !sameAttributeValue(field.codec.toAttributeValue(state.values[name]), state.original[name])
    ) {
      changed.push(name);
    }
  }
  return changed;
}

/** Whether one attribute differs from what was read. @internal */
export function isFieldChanged(schema: ModelSchema, state: RecordState, name: string): boolean {
  const field = schema.fields.get(name);
  if (!field || !Object.hasOwn(state.values, name)) return false;
  return !sameAttributeValue(
    field.codec.toAttributeValue(state.values[name]),
    state.original[name],
  );
}

/** The value as last read or written. @internal */
export function valueWas(schema: ModelSchema, state: RecordState, name: string): unknown {
  const field = schema.fields.get(name);
  return field ? field.codec.fromAttributeValue(state.original[name]) : undefined;
}
