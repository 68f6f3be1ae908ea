/** Dirty tracking (Rails `attribute_methods/dirty.rb`): what changed since the last read or save. */
import { fieldOrThrow } from '../attributes/attribute-access.js';
import { changedFieldNames, isFieldChanged, valueWas } from '../attributes/dirty.js';
import { STATE } from '../attributes/record-state.js';
import { schemaOf } from '../schema/model-class.js';
import { AttributeMethods } from './attribute-methods.js';
import { modelOf } from './core.js';

export abstract class Dirty extends AttributeMethods {
  /** Whether any attribute (or the named one) differs from what was read. */
  isChanged(name?: string): boolean {
    const schema = schemaOf(modelOf(this));
    if (name !== undefined) return isFieldChanged(schema, this[STATE], name);
    return changedFieldNames(schema, this[STATE]).length > 0;
  }
  /** `{ name: [old, new] }` for every changed attribute. */
  changes(): Record<string, [unknown, unknown]> {
    const schema = schemaOf(modelOf(this));
    const state = this[STATE];
    const result: Record<string, [unknown, unknown]> = {};
    for (const name of changedFieldNames(schema, state))
      result[name] = [valueWas(schema, state, name), state.values[name]];
    return result;
  }
  /** The value as last read or saved. */
  attributeWas(name: string): unknown {
    const model = modelOf(this);
    const schema = schemaOf(model);
    fieldOrThrow(schema, model.name, name);
    return valueWas(schema, this[STATE], name);
  }
}
