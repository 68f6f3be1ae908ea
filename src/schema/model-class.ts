import { configurationGeneration, currentConfiguration } from '../configuration.js';
import type { CallbackRegistry } from '../callbacks.js';
import { declarationsOf, metadataOf, METADATA, type ModelMetadata } from '../model/metadata.js';
import { ValidationRules } from '../validations/index.js';
import { InvalidTableName } from '../errors.js';
import { defaultTableName, isLegalTableName } from './table-name.js';
import type { ModelSchema } from './model-schema.js';

const ESTABLISHED: unique symbol = Symbol('ocean-dynamo.established');
const TABLE_NAME: unique symbol = Symbol('ocean-dynamo.table-name');

/** A model's full table name, valid while its schema and the configuration are these. */
interface NamedTable {
  readonly schema: ModelSchema;
  readonly generation: number;
  readonly name: string;
}

/** What the internals need of a model class. @internal */
export interface ModelClass {
  readonly name: string;
  readonly prototype: object;
  new (...args: never[]): object;
  [METADATA]?: ModelMetadata;
  [ESTABLISHED]?: number;
  [TABLE_NAME]?: NamedTable;
}

/** The class of a record. @internal */
export function modelOf(record: object): ModelClass {
  return record.constructor as unknown as ModelClass;
}

/** The model's schema; throws for `Table` itself. @internal */
export function schemaOf(model: ModelClass): ModelSchema {
  const schema = metadataOf(model).schema;
  if (!schema)
    throw new TypeError(`${model.name} has no schema: declare it with Table.schema({...})`);
  return schema;
}

/** Gives `model` its schema: from `Table.schema()`, or keyed anew by `belongsTo`. @internal */
export function defineSchema(model: ModelClass, schema: ModelSchema): void {
  declarationsOf(model).schema = schema;
}

/** The model's callbacks; its own (copied from its parent's) when declaring. @internal */
export function callbacksOf(model: ModelClass, forWriting = false): CallbackRegistry {
  return (forWriting ? declarationsOf(model) : metadataOf(model)).callbacks;
}

/** The model's validation rules; its own (copied from its parent's) when declaring. @internal */
export function validationsOf(model: ModelClass, forWriting = false): ValidationRules | undefined {
  if (!forWriting) return metadataOf(model).validations;
  const own = declarationsOf(model);
  return (own.validations ??= new ValidationRules());
}

/** The table name without prefix and suffix. @internal */
export function baseTableName(model: ModelClass): string {
  return schemaOf(model).tableName ?? defaultTableName(model.name);
}

/**
 * Prefix + name + suffix; a model's own prefix/suffix wins over `configure`'s. Every request
 * names its table: the name is worked out once per schema and configuration.
 * @internal
 */
export function tableFullNameOf(model: ModelClass): string {
  const schema = schemaOf(model);
  const generation = configurationGeneration();
  const known = Object.hasOwn(model, TABLE_NAME) ? model[TABLE_NAME] : undefined;
  if (known !== undefined && known.schema === schema && known.generation === generation)
    return known.name;
  const config = currentConfiguration();
  const prefix = schema.tableNamePrefix ?? config.tableNamePrefix ?? '';
  const suffix = schema.tableNameSuffix ?? config.tableNameSuffix ?? '';
  const name = `${prefix}${baseTableName(model)}${suffix}`;
  // A configured prefix or suffix is only known at run time: check the whole name before use.
  if (!isLegalTableName(name)) {
    throw new InvalidTableName(
      `Table name '${name}' of ${model.name} is not allowed: use 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.' (check tableNamePrefix/tableNameSuffix)`,
    );
  }
  Object.defineProperty(model, TABLE_NAME, {
    value: { schema, generation, name } satisfies NamedTable,
    configurable: true,
    writable: true,
  });
  return name;
}

/** Marks the model's table as known to exist for the current configuration. @internal */
export function markEstablished(model: ModelClass): void {
  Object.defineProperty(model, ESTABLISHED, {
    value: configurationGeneration(),
    configurable: true,
    writable: true,
  });
}

/** Whether establishDbConnection() ran for the current configuration. @internal */
export function isEstablished(model: ModelClass): boolean {
  return Object.hasOwn(model, ESTABLISHED) && model[ESTABLISHED] === configurationGeneration();
}
