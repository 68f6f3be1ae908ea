/**
 * Where the guard items of unique values live: a table of their own next to the model's,
 * named `<table>_unique_values` (with the same prefix and suffix), created and deleted with
 * it. Its hash key `guard` holds `"<attribute>#<value>"`; `owner` holds the owning record's
 * key as JSON. A separate table keeps guard items out of the model's scans and counts, and
 * works whatever the types of the model's own keys.
 */
import { attr } from '../schema/attribute-types.js';
import { baseTableName, defineSchema, schemaOf, type ModelClass } from '../schema/model-class.js';
import { ModelSchema } from '../schema/model-schema.js';

/** The hash key attribute of a guard table. @internal */
export const GUARD_KEY = 'guard';
/** The attribute naming the record that owns a guard. @internal */
export const GUARD_OWNER = 'owner';

const guardModels = new WeakMap<ModelClass, ModelClass>();

/**
 * A model for the guard table of `model`, so that table management and requests treat it
 * like any other table.
 * @internal
 */
export function guardModelOf(model: ModelClass): ModelClass {
  let guard = guardModels.get(model);
  if (guard) return guard;
  const schema = schemaOf(model);
  const guardSchema = new ModelSchema({
    tableName: `${baseTableName(model)}_unique_values`,
    tableNamePrefix: schema.tableNamePrefix ?? undefined,
    tableNameSuffix: schema.tableNameSuffix ?? undefined,
    hashKey: GUARD_KEY,
    readCapacityUnits: schema.readCapacityUnits,
    writeCapacityUnits: schema.writeCapacityUnits,
    billingMode: schema.billingMode,
    create: schema.create,
    locking: false,
    timestamps: false,
    attributes: { [GUARD_OWNER]: attr.string() },
  });
  const name = `${model.name}UniqueValue`;
  guard = { [name]: class {} }[name] as unknown as ModelClass;
  defineSchema(guard, guardSchema);
  guardModels.set(model, guard);
  return guard;
}
