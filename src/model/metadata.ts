/**
 * One registry of what a model class declares: its schema, callbacks, validations,
 * associations of every kind, unique attributes, companion tables and association assigners.
 *
 * One inheritance rule for all of it: a class reads the record of the nearest class in its
 * chain that declared anything (JavaScript's own static inheritance finds it, as fast as any
 * property), and the first declaration of a class starts its own record as a copy of that
 * one, so a subclass adds to its parent's declarations without changing them.
 * @internal
 */
import { CallbackRegistry } from '../callbacks.js';
import type { Association } from '../associations/registry.js';
import type { ModelClass } from '../schema/model-class.js';
import type { ModelSchema } from '../schema/model-schema.js';
import type { UniqueAttribute } from '../uniqueness/declaration.js';
import { ValidationRules } from '../validations/index.js';

/** @internal */
export const METADATA: unique symbol = Symbol('ocean-dynamo.metadata');

/** Sets a record's attribute-like association from `new Model({ name: value })`. @internal */
export type Assigner = (record: object, value: unknown) => void;

/** What one model class declared, its ancestors' declarations included. @internal */
export interface ModelMetadata {
  /** Set by `Table.schema()`; replaced (never changed) by `belongsTo`. */
  schema: ModelSchema | undefined;
  readonly callbacks: CallbackRegistry;
  /** Made on the first validation declared. */
  validations: ValidationRules | undefined;
  /** belongsTo, hasMany and hasAndBelongsToMany, in declaration order. */
  readonly associations: Association[];
  readonly uniqueAttributes: Map<string, UniqueAttribute>;
  /** Tables created and deleted with the model's own, each under the declaration needing it. */
  readonly companionTables: Map<object, () => ModelClass>;
  readonly assigners: Map<string, Assigner>;
}

interface Registered {
  [METADATA]?: ModelMetadata;
}

const NOTHING_DECLARED: Readonly<ModelMetadata> = Object.freeze({
  schema: undefined,
  callbacks: new CallbackRegistry(),
  validations: undefined,
  associations: [],
  uniqueAttributes: new Map(),
  companionTables: new Map(),
  assigners: new Map(),
});

/** What `model` declared or inherited: read only. @internal */
export function metadataOf(model: object): Readonly<ModelMetadata> {
  return (model as Registered)[METADATA] ?? NOTHING_DECLARED;
}

/** The record `model` declares into: its own, started as a copy of the inherited one. @internal */
export function declarationsOf(model: object): ModelMetadata {
  if (Object.hasOwn(model, METADATA)) return (model as Registered)[METADATA]!;
  const inherited = metadataOf(model);
  const own: ModelMetadata = {
    schema: inherited.schema,
    callbacks: inherited.callbacks.copy(),
    validations: inherited.validations?.inherit(),
    associations: [...inherited.associations],
    uniqueAttributes: new Map(inherited.uniqueAttributes),
    companionTables: new Map(inherited.companionTables),
    assigners: new Map(inherited.assigners),
  };
  Object.defineProperty(model, METADATA, { value: own });
  return own;
}
