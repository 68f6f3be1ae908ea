import { readValue, writeValue } from '../attributes/attribute-access.js';
import { STATE, type RecordState } from '../attributes/record-state.js';
import type { ModelSchema } from '../schema/model-schema.js';

/**
 * Defines accessors for every attribute of `schema` on a model's prototype; a member the class
 * defines itself (a custom getter, a method) wins. @internal
 */
export function defineAccessors(prototype: object, schema: ModelSchema): void {
  for (const field of schema.fields.values()) {
    if (Object.hasOwn(prototype, field.name)) continue;
    Object.defineProperty(prototype, field.name, {
      configurable: true,
      enumerable: false,
      get(this: { [STATE]: RecordState }) {
        return readValue(this[STATE], field);
      },
      set(this: { [STATE]: RecordState }, value: unknown) {
        writeValue(this[STATE], field, this.constructor.name, value, schema.keyNames);
      },
    });
  }
}
