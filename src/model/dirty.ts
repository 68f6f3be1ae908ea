/** Dirty tracking (Rails `attribute_methods/dirty.rb`): what changed since the last read or save. */
import { fieldOrThrow } from '../attributes/attribute-access.js';
import { changedFieldNames, isFieldChanged, valueWas } from '../attributes/dirty.js';
import { STATE } from '../attributes/record-state.js';
import type { AttributesOf } from '../schema/inference.js';
import { modelOf, schemaOf } from '../schema/model-class.js';
import type { AttributeName, Changes } from '../schema/record-types.js';
import { AttributeMethods } from './attribute-methods.js';

export abstract class Dirty extends AttributeMethods {
  /** Whether any attribute (or the named one) differs from what was read. */
  isChanged(name?: AttributeName<this>): boolean {
    const schema = schemaOf(modelOf(this));
    if (name !== undefined) return isFieldChanged(schema, this[STATE], name);
    return changedFieldNames(schema, this[STATE]).length > 0;
  }
  /** `{ name: [old, new] }` for every changed attribute. */
  changes(): Changes<this> {
    const schema = schemaOf(modelOf(this));
    const state = this[STATE];
    const result: Record<string, [unknown, unknown]> = {};
    for (const name of changedFieldNames(schema, state))
      result[name] = [valueWas(schema, state, name), state.values[name]];
    return result as Changes<this>;
  }
  /** The value as last read or saved. */
  attributeWas<K extends AttributeName<this>>(name: K): AttributesOf<this>[K] {
    const model = modelOf(this);
    const schema = schemaOf(model);
    fieldOrThrow(schema, model.name, name);
    return valueWas(schema, this[STATE], name) as AttributesOf<this>[K];
  }
}
