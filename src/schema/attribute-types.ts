/**
 * The `attr` factories that declare a model's attributes. Each returns a small immutable
 * definition whose type parameter carries the value type, so `Table.schema` can infer the
 * instance accessors without an attribute ever being written twice.
 *
 * ```ts
 * attributes: {
 *   name:  attr.string({ default: 'anonymous' }),
 *   steps: attr.serialized<Step[]>({ default: () => [] }),
 *   tags:  attr.stringSet(),
 * }
 * ```
 */
import type { BooleanStoredAs, DatetimeStoredAs, StoredAs } from '../attributes/codecs/storage.js';

/** The name of each attribute type; also `Model.fields[name].type`. */
export type AttributeTypeName =
  | 'string'
  | 'integer'
  | 'float'
  | 'datetime'
  | 'boolean'
  | 'serialized'
  | 'json'
  | 'stringSet'
  | 'integerSet'
  | 'floatSet'
  | 'datetimeSet';

/** A default: a value, or a function called once per new instance. */
export type DefaultValue<V> = V | (() => V);

/** Options every attribute type accepts. */
export interface AttributeOptions<V> {
  /** The value a new instance starts with; a function is called per instance. */
  default?: DefaultValue<V>;
  /** Create a local secondary index named after this attribute (its range key). */
  localSecondaryIndex?: boolean;
}

/** Options of `attr.datetime` and `attr.datetimeSet`. */
export interface DatetimeOptions<V> extends AttributeOptions<V> {
  /** 'epochMillis' (ocean-dynamo's default) or 'epochSeconds' (the Ruby gem's); overrides the model's storage. */
  storedAs?: DatetimeStoredAs;
}

/** Options of `attr.boolean`. */
export interface BooleanOptions extends AttributeOptions<boolean | null> {
  /** 'bool' (native BOOL, ocean-dynamo's default) or 'string' ("true"/"false", the Ruby gem's); overrides the model's storage. */
  storedAs?: BooleanStoredAs;
}

/** A declared attribute. `V` is what the accessor reads. */
export interface AttributeDefinition<T extends AttributeTypeName = AttributeTypeName, V = unknown> {
  readonly type: T;
  readonly default: DefaultValue<V> | undefined;
  readonly localSecondaryIndex: boolean;
  /** The storage format chosen for this attribute, if any (datetimes and booleans). */
  readonly storedAs?: StoredAs;
  /** Type-level only: the value type. Never set at run time. */
  readonly valueType?: V;
}

function define<T extends AttributeTypeName, V>(
  type: T,
  options: AttributeOptions<V> & { storedAs?: StoredAs } = {},
): AttributeDefinition<T, V> {
  return Object.freeze({
    type,
    default: options.default,
    localSecondaryIndex: options.localSecondaryIndex === true,
    ...(options.storedAs === undefined ? {} : { storedAs: options.storedAs }),
  });
}

/** The attribute factories. */
export const attr = {
  /** Stored as S. Reads `''` when unset, never null. */
  string: (options?: AttributeOptions<string>) => define<'string', string>('string', options),
  /** Stored as N. Integer-valued numbers only; numeric strings are cast. */
  integer: (options?: AttributeOptions<number | null>) =>
    define<'integer', number | null>('integer', options),
  /** Stored as N. Finite numbers only. */
  float: (options?: AttributeOptions<number | null>) =>
    define<'float', number | null>('float', options),
  /** Stored as N, epoch milliseconds (or seconds with `storedAs: 'epochSeconds'`), so datetimes sort correctly as keys. */
  datetime: (options?: DatetimeOptions<Date | null>) =>
    define<'datetime', Date | null>('datetime', options),
  /** Stored as native BOOL (or "true"/"false" with `storedAs: 'string'`). */
  boolean: (options?: BooleanOptions) => define<'boolean', boolean | null>('boolean', options),
  /** Any JSON value, stored as JSON text (S), as the Ruby gem did. */
  serialized: <V = unknown>(options?: AttributeOptions<V | null>) =>
    define<'serialized', V | null>('serialized', options),
  /** A JSON object or array, stored as a native DynamoDB map (M) or list (L). */
  json: <V = unknown>(options?: AttributeOptions<V | null>) =>
    define<'json', V | null>('json', options),
  /** A set of strings (SS): an array without duplicates. */
  stringSet: (options?: AttributeOptions<string[]>) =>
    define<'stringSet', string[]>('stringSet', options),
  /** A set of integers (NS). */
  integerSet: (options?: AttributeOptions<number[]>) =>
    define<'integerSet', number[]>('integerSet', options),
  /** A set of floats (NS). */
  floatSet: (options?: AttributeOptions<number[]>) =>
    define<'floatSet', number[]>('floatSet', options),
  /** A set of datetimes (NS of epoch milliseconds, or seconds with `storedAs: 'epochSeconds'`). */
  datetimeSet: (options?: DatetimeOptions<Date[]>) =>
    define<'datetimeSet', Date[]>('datetimeSet', options),
} as const;

/** The types a primary key or index key may have. */
export const KEY_TYPES: ReadonlySet<AttributeTypeName> = new Set([
  'string',
  'integer',
  'float',
  'datetime',
]);
