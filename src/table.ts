/**
 * `Table`: the base class of every model. As `ActiveRecord::Base` includes its modules, it
 * composes the concerns in src/model/, each owning its instance and static members: core and
 * attribute methods, dirty tracking, table metadata and management, callbacks, validations,
 * persistence, finders, key queries, querying and associations.
 *
 * ```ts
 * export class AsyncJob extends Table.schema({
 *   hashKey: 'guid',
 *   attributes: { name: attr.string(), maxSeconds: attr.integer({ default: 86400 }) },
 * }) {
 *   static { this.validates('name', { presence: true }); }
 * }
 * const job = await AsyncJob.create({ name: 'import' });
 * ```
 */
import { defineAccessors } from './model/accessors.js';
import { Associations, declareSchemaBelongsTo } from './model/associations.js';
import { asModel } from './model/core.js';
import { assertValidSchema } from './schema/assertions.js';
import type {
  Attributed,
  BelongsToLoader,
  HashKeyName,
  IdAccessor,
  InferAttributes,
  Keyed,
  ModelInput,
  RangeKeyName,
} from './schema/inference.js';
import { defineSchema } from './schema/model-class.js';
import { ModelSchema } from './schema/model-schema.js';
import type { SchemaOptions } from './schema/options.js';

export type { FieldInfo } from './model/table-metadata.js';
export type { WriteIf } from './model/persistence.js';

/** A model class whose instances are `T`: the `this` of static methods. */
export type ModelType<T extends Table = Table> = new (...args: never[]) => T;

/** What `Table.schema()` returns: a class with typed accessors for every attribute. */
export type SchemaModel<S extends SchemaOptions> = {
  new (
    attributes?: ModelInput<
      Table & InferAttributes<S> & Attributed<InferAttributes<S>> & BelongsToLoader<S>
    >,
  ): Table &
    InferAttributes<S> &
    IdAccessor<S> &
    Attributed<InferAttributes<S>> &
    Keyed<HashKeyName<S> | RangeKeyName<S>> &
    BelongsToLoader<S>;
} & Omit<typeof Table, 'prototype'>;

export class Table extends Associations {
  /** Declares a model's table and attributes; see the README for every option. */
  static schema<const S extends SchemaOptions>(options: S): SchemaModel<S> {
    const schema = new ModelSchema(options);
    assertValidSchema(schema, reservedNames());
    const model = class extends Table {};
    defineSchema(model, schema);
    defineAccessors(model.prototype, schema);
    if (options.belongsTo) declareSchemaBelongsTo(asModel(model), options.belongsTo);
    return model as unknown as SchemaModel<S>;
  }
}

let reserved: Set<string> | undefined;
// Instance members of Table (of every concern it composes) and of every object (toString,
// valueOf, hasOwnProperty, __proto__…): an attribute named like one would shadow it. `then`
// would make records thenable, so that awaiting one would never give the record.
function reservedNames(): Set<string> {
  if (reserved) return reserved;
  reserved = new Set(['errors', 'then']);
  for (let prototype: object | null = Table.prototype; prototype;) {
    for (const name of Object.getOwnPropertyNames(prototype)) reserved.add(name);
    prototype = Object.getPrototypeOf(prototype) as object | null;
  }
  return reserved;
}
