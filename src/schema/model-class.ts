import { configurationGeneration, currentConfiguration } from '../configuration.js';
import { CallbackRegistry } from '../callbacks.js';
import { ValidationRules } from '../validations/index.js';
import { InvalidTableName } from '../errors.js';
import { defaultTableName, isLegalTableName } from './table-name.js';
import type { ModelSchema } from './model-schema.js';

/** @internal */
export const SCHEMA: unique symbol = Symbol('ocean-dynamo.schema');
const CALLBACKS: unique symbol = Symbol('ocean-dynamo.callbacks');
const VALIDATIONS: unique symbol = Symbol('ocean-dynamo.validations');
const ESTABLISHED: unique symbol = Symbol('ocean-dynamo.established');

/** What the internals need of a model class. @internal */
export interface ModelClass {
  readonly name: string;
  readonly prototype: object;
  new (...args: never[]): object;
  [SCHEMA]?: ModelSchema;
  [CALLBACKS]?: CallbackRegistry;
  [VALIDATIONS]?: ValidationRules;
  [ESTABLISHED]?: number;
}

/** The model's schema; throws for `Table` itself. @internal */
export function schemaOf(model: ModelClass): ModelSchema {
  const schema = model[SCHEMA];
  if (!schema)
    throw new TypeError(`${model.name} has no schema: declare it with Table.schema({...})`);
  return schema;
}

/** The model's own callbacks, copied from its parent on first registration. @internal */
export function callbacksOf(model: ModelClass, forWriting = false): CallbackRegistry {
  if (Object.hasOwn(model, CALLBACKS)) return model[CALLBACKS] as CallbackRegistry;
  const inherited = model[CALLBACKS];
  if (!forWriting) return inherited ?? EMPTY_CALLBACKS;
  const own = inherited ? inherited.copy() : new CallbackRegistry();
  Object.defineProperty(model, CALLBACKS, { value: own });
  return own;
}
const EMPTY_CALLBACKS = new CallbackRegistry();

/** The model's own validation rules, copied from its parent on first registration. @internal */
export function validationsOf(model: ModelClass, forWriting = false): ValidationRules | undefined {
  if (Object.hasOwn(model, VALIDATIONS)) return model[VALIDATIONS];
  const inherited = model[VALIDATIONS];
  if (!forWriting) return inherited;
  const own = inherited ? inherited.inherit() : new ValidationRules();
  Object.defineProperty(model, VALIDATIONS, { value: own });
  return own;
}

/** The table name without prefix and suffix. @internal */
export function baseTableName(model: ModelClass): string {
  return schemaOf(model).tableName ?? defaultTableName(model.name);
}

/** Prefix + name + suffix; a model's own prefix/suffix wins over `configure`'s. @internal */
export function tableFullNameOf(model: ModelClass): string {
  const schema = schemaOf(model);
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
