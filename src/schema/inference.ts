import type { AttributeDefinition, AttributeTypeName } from './attribute-types.js';
import type { SchemaOptions } from './options.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type DeclaredAttributes<S extends SchemaOptions> =
  S['attributes'] extends Record<string, AttributeDefinition>
    ? S['attributes']
    : Record<never, never>;

type ValueOf<D> = D extends AttributeDefinition<AttributeTypeName, infer V> ? V : never;

/** The hash key attribute's name. */
export type HashKeyName<S extends SchemaOptions> = S extends { hashKey: infer H extends string }
  ? H
  : 'id';
/** The range key attribute's name (never without one). */
export type RangeKeyName<S extends SchemaOptions> = S extends { rangeKey: infer R extends string }
  ? R
  : never;
type TimestampNames<S extends SchemaOptions> = S extends { timestamps: false }
  ? never
  : S extends { timestamps: readonly [infer C extends string, infer U extends string] }
    ? C | U
    : S extends { storage: 'gem' }
      ? 'created_at' | 'updated_at'
      : 'createdAt' | 'updatedAt';
type LockName<S extends SchemaOptions> = S extends { locking: false }
  ? never
  : S extends { locking: infer L extends string }
    ? L
    : S extends { storage: 'gem' }
      ? 'lock_version'
      : 'lockVersion';

/** Keys are strings unless declared with another type in `attributes`. */
type KeyAttributes<S extends SchemaOptions> = {
  -readonly [
    K in HashKeyName<S> | RangeKeyName<S> as K extends keyof DeclaredAttributes<S> ? never : K
  ]: string;
};

/** The instance attributes a schema literal declares, with their value types. */
export type InferAttributes<S extends SchemaOptions> = Simplify<
  KeyAttributes<S> & {
    -readonly [K in keyof DeclaredAttributes<S>]: ValueOf<DeclaredAttributes<S>[K]>;
  } & { -readonly [K in TimestampNames<S>]: Date | null } & { -readonly [K in LockName<S>]: number }
>;

/** The `id` accessor: typed as the hash key. */
export type IdAccessor<S extends SchemaOptions> = {
  id: HashKeyName<S> extends keyof InferAttributes<S> ? InferAttributes<S>[HashKeyName<S>] : string;
};

/** What may be assigned to an attribute of value type V (casting does the rest at run time). */
export type Assignable<V> = V extends string
  ? string | number
  : V extends number
    ? number | string
    : V extends Date
      ? Date | string | number
      : V extends boolean
        ? boolean | 'true' | 'false'
        : V extends (infer E)[]
          ? readonly Assignable<E>[] | ReadonlySet<Assignable<E>>
          : V;

/** A type-only brand carrying a model's inferred attributes on its instances. */
export declare const attributesBrand: unique symbol;

/** A model instance type carrying its attributes. */
export interface Attributed<I> {
  readonly [attributesBrand]?: I;
}

/** The attributes of a model instance type. */
export type AttributesOf<T> = T extends Attributed<infer I> ? I : Record<string, unknown>;

/** What `new Model(attrs)`, `create`, `assignAttributes` and `update` accept. */
export type ModelInput<T> = {
  [K in keyof AttributesOf<T>]?: Assignable<AttributesOf<T>[K]> | null;
} & AssociationInput<T>;

/** A type-only brand for `belongsTo` loaders, so `new Child({ parent })` is typed. */
export declare const parentBrand: unique symbol;

/** Association names that accept a parent instance on assignment. */
export type AssociationInput<T> = {
  [K in keyof T as T[K] extends { readonly [parentBrand]?: unknown } ? K : never]?: T[K] extends {
    readonly [parentBrand]?: infer P;
  }
    ? P | null
    : never;
};

/** A type-only brand carrying the names of a model's key attributes on its instances. */
export declare const keysBrand: unique symbol;

/** A model instance type carrying its key attribute names. */
export interface Keyed<K> {
  readonly [keysBrand]?: K;
}

/** The key attribute names of a model instance type. */
export type KeyNamesOf<T> = T extends { readonly [keysBrand]?: infer K } ? K & string : never;
