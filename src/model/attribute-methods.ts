/** Reading and writing attributes by name, the hash key as `id`, and the attribute hash. */
import { fieldOrThrow, readValue, writeValue } from '../attributes/attribute-access.js';
import { STATE } from '../attributes/record-state.js';
import { UnknownAttributeError } from '../errors.js';
import type { AttributesOf } from '../schema/inference.js';
import { modelOf, schemaOf } from '../schema/model-class.js';
import type { AttributeName, JsonAttributes } from '../schema/record-types.js';
import { assignAssociation } from './association-assigners.js';
import { Core } from './core.js';

export abstract class AttributeMethods extends Core {
  /**
   * The record's own id: the hash key as declared, whatever it is called (under `belongsTo`,
   * where the parent's id becomes the hash key, the declared one is the range key).
   */
  get id(): unknown {
    return this.readAttribute(schemaOf(modelOf(this)).idAttribute as AttributeName<this>);
  }
  set id(value: unknown) {
    this.writeAttribute(schemaOf(modelOf(this)).idAttribute as AttributeName<this>, value);
  }

  /** The attribute's value, as its accessor reads it: `job.readAttribute('name')`. */
  readAttribute<K extends AttributeName<this>>(name: K): AttributesOf<this>[K] {
    const model = modelOf(this);
    return readValue(
      this[STATE],
      fieldOrThrow(schemaOf(model), model.name, name),
    ) as AttributesOf<this>[K];
  }

  /** Casts and assigns, as the attribute's accessor does: `job.writeAttribute('runs', 3)`. */
  // The value is cast (and checked) at run time: typed by the attribute, it would not compile
  // in the model's own methods, where `this` is not yet a known model.
  writeAttribute(name: AttributeName<this>, value: unknown): void {
    const model = modelOf(this);
    const schema = schemaOf(model);
    writeValue(
      this[STATE],
      fieldOrThrow(schema, model.name, name),
      model.name,
      value,
      schema.keyNames,
    );
  }

  /** A fresh plain object of every attribute, in declaration order. */
  get attributes(): AttributesOf<this> {
    const state = this[STATE];
    const result: Record<string, unknown> = {};
    // A record read with select() has only the selected attributes, as in ActiveRecord.
    const selected = state.selected?.names;
    for (const field of schemaOf(modelOf(this)).fields.values())
      if (!selected || selected.has(field.name) || Object.hasOwn(state.values, field.name))
        result[field.name] = readValue(state, field);
    return result as AttributesOf<this>;
  }

  /** Assigns several attributes; an unknown name throws UnknownAttributeError. */
  assignAttributes(attributes: object): void {
    const model = modelOf(this);
    const schema = schemaOf(model);
    const state = this[STATE];
    const given = attributes as Record<string, unknown>;
    // for-in rather than Object.entries: no array of pairs per call (every create and update).
    for (const name in given) {
      if (!Object.hasOwn(given, name)) continue;
      const value = given[name];
      const field = schema.fields.get(name);
      if (field) {
        writeValue(state, field, model.name, value, schema.keyNames);
      } else if (!assignAssociation(this, name, value)) {
        throw new UnknownAttributeError(
          `Unknown attribute '${name}' for ${model.name} (its attributes: ${[...schema.fields.keys()].join(', ')})`,
        );
      }
    }
  }

  /**
   * The attributes, ready for an HTTP response: what `JSON.stringify` gives back when parsed,
   * so datetimes (and the members of datetime sets) are ISO 8601 strings.
   */
  toJSON(): JsonAttributes<this> {
    const result: Record<string, unknown> = this.attributes;
    for (const [name, value] of Object.entries(result)) {
      if (value instanceof Date) result[name] = value.toISOString();
      else if (Array.isArray(value) && value[0] instanceof Date)
        result[name] = (value as Date[]).map((date) => date.toISOString());
    }
    return result as JsonAttributes<this>;
  }
}
