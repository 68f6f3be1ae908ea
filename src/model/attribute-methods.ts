/** Reading and writing attributes by name, the hash key as `id`, and the attribute hash. */
import { fieldOrThrow, readValue, writeValue } from '../attributes/attribute-access.js';
import { STATE } from '../attributes/record-state.js';
import { UnknownAttributeError } from '../errors.js';
import type { Assignable, AttributesOf } from '../schema/inference.js';
import { schemaOf } from '../schema/model-class.js';
import type { AttributeName, JsonAttributes } from '../schema/record-types.js';
import { keyNames } from './accessors.js';
import { assignAssociation } from './association-assigners.js';
import { Core, modelOf } from './core.js';

export abstract class AttributeMethods extends Core {
  /** The hash key value, whatever the hash key is called. */
  get id(): unknown {
    return this.readAttribute(schemaOf(modelOf(this)).hashKey as AttributeName<this>);
  }
  set id(value: unknown) {
    this.writeAttribute(schemaOf(modelOf(this)).hashKey as AttributeName<this>, value as never);
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
  writeAttribute<K extends AttributeName<this>>(
    name: K,
    value: Assignable<AttributesOf<this>[K]> | null,
  ): void {
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
