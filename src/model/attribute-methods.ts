/** Reading and writing attributes by name, the hash key as `id`, and the attribute hash. */
import { fieldOrThrow, readValue, writeValue } from '../attributes/attribute-access.js';
import { STATE } from '../attributes/record-state.js';
import { UnknownAttributeError } from '../errors.js';
import { schemaOf } from '../schema/model-class.js';
import { keyNames } from './accessors.js';
import { assignAssociation } from './association-assigners.js';
import { Core, modelOf } from './core.js';

export abstract class AttributeMethods extends Core {
  /** The hash key value, whatever the hash key is called. */
  get id(): unknown {
    return this.readAttribute(schemaOf(modelOf(this)).hashKey);
  }
  set id(value: unknown) {
    this.writeAttribute(schemaOf(modelOf(this)).hashKey, value);
  }

  readAttribute(name: string): unknown {
    const model = modelOf(this);
    return readValue(this[STATE], fieldOrThrow(schemaOf(model), model.name, name));
  }

  writeAttribute(name: string, value: unknown): void {
    const model = modelOf(this);
    const schema = schemaOf(model);
    writeValue(
      this[STATE],
      fieldOrThrow(schema, model.name, name),
      model.name,
      value,
      keyNames(schema),
    );
  }

  /** A fresh plain object of every attribute, in declaration order. */
  get attributes(): Record<string, unknown> {
    const state = this[STATE];
    const result: Record<string, unknown> = {};
    // A record read with select() has only the selected attributes, as in ActiveRecord.
    const selected = state.selected?.names;
    for (const field of schemaOf(modelOf(this)).fields.values())
      if (!selected || selected.has(field.name) || Object.hasOwn(state.values, field.name))
        result[field.name] = readValue(state, field);
    return result;
  }

  /** Assigns several attributes; an unknown name throws UnknownAttributeError. */
  assignAttributes(attributes: object): void {
    const model = modelOf(this);
    const schema = schemaOf(model);
    for (const [name, value] of Object.entries(attributes)) {
      const field = schema.fields.get(name);
      if (field) {
        writeValue(this[STATE], field, model.name, value, keyNames(schema));
      } else if (!assignAssociation(this, name, value)) {
        throw new UnknownAttributeError(
          `Unknown attribute '${name}' for ${model.name} (its attributes: ${[...schema.fields.keys()].join(', ')})`,
        );
      }
    }
  }

  /** The attributes, ready for an HTTP response (dates become ISO 8601 strings). */
  toJSON(): Record<string, unknown> {
    return this.attributes;
  }
}
