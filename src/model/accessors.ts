import { readValue, writeValue } from '../attributes/attribute-access.js';
import { STATE, type RecordState } from '../attributes/record-state.js';
import type { ModelSchema } from '../schema/model-schema.js';

/** The key attribute names of a schema: `[hash]` or `[hash, range]`. @internal */
export function keyNames(schema: ModelSchema): readonly string[] {
  return schema.rangeKey ? [schema.hashKey, schema.rangeKey] : [schema.hashKey];
}

/** Defines typed accessors for every attribute on a schema class's prototype. @internal */
export function defineAccessors(prototype: object, schema: ModelSchema): void {
  for (const field of schema.fields.values()) {
    Object.defineProperty(prototype, field.name, {
      configurable: true,
      enumerable: false,
      get(this: { [STATE]: RecordState }) {
        return readValue(this[STATE], field);
      },
      set(this: { [STATE]: RecordState }, value: unknown) {
        writeValue(this[STATE], field, this.constructor.name, value, keyNames(schema));
      },
    });
  }
}
