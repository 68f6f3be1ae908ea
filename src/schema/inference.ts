import type { AttributeDefinition, AttributeTypeName } from './attribute-types.js';
import type { BelongsTo } from '../associations/types.js';
import type { SchemaOptions } from './options.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type DeclaredAttributes<S extends SchemaOptions> =
  S['attributes'] extends Record<string, AttributeDefinition>
    ? S['attributes']
    : Record<never, never>;

type ValueOf<D> = D extends AttributeDefinition<AttributeTypeName, infer V> ? V : never;

/** The hash key as declared (`belongsTo` makes it the range key). */
type DeclaredHashKey<S extends SchemaOptions> = S extends { hashKey: infer H extends string }
  ? H
  : 'id';

type SnakeCase<N extends string> = N extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}`
  : N;

/** The name of a schema's `belongsTo` (never without one). */
export type BelongsToName<S extends SchemaOptions> = S extends {
  belongsTo: { name: infer N extends string };
}
  ? N
  : never;

/** The reference a `belongsTo` keeps: `forumId`, or the gem's `forum_id` under storage: 'gem'. */
export type ForeignKeyName<S extends SchemaOptions> = [BelongsToName<S>] extends [never]
  ? never
  : S extends { storage: 'gem' }
    ? `${SnakeCase<BelongsToName<S>>}_id`
    : `${BelongsToName<S>}Id`;

/** The hash key attribute's name: the `belongsTo` reference when there is one. */
export type HashKeyName<S extends SchemaOptions> = [ForeignKeyName<S>] extends [never]
  ? DeclaredHashKey<S>
  : ForeignKeyName<S>;
/** The range key attribute's name (never without one): the declared hash key under `belongsTo`. */
export type RangeKeyName<S extends SchemaOptions> = [ForeignKeyName<S>] extends [never]
  ? S extends { rangeKey: infer R extends string }
    ? R
    : never
  : DeclaredHashKey<S>;
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

type Undeclared<S extends SchemaOptions, K extends string> = K extends keyof DeclaredAttributes<S>
  ? never
  : K;

/**
 * Keys are strings unless declared with another type in `attributes`; a `belongsTo` reference
 * reads null until set.
 */
type KeyAttributes<S extends SchemaOptions> = {
  -readonly [
    K in Undeclared<S, Exclude<HashKeyName<S> | RangeKeyName<S>, ForeignKeyName<S>>>
  ]: string;
} & { -readonly [K in Undeclared<S, ForeignKeyName<S>>]: string | null };

/** The instance attributes a schema literal declares, with their value types. */
export type InferAttributes<S extends SchemaOptions> = Simplify<
  KeyAttributes<S> & {
    -readonly [K in keyof DeclaredAttributes<S>]: ValueOf<DeclaredAttributes<S>[K]>;
  } & { -readonly [K in TimestampNames<S>]: Date | null } & { -readonly [K in LockName<S>]: number }
>;

/** The `id` accessor: the record's own id, the hash key as declared (the range key under `belongsTo`). */
export type IdAccessor<S extends SchemaOptions> = {
  id: DeclaredHashKey<S> extends keyof InferAttributes<S>
    ? InferAttributes<S>[DeclaredHashKey<S>]
    : string;
};

/** The parent loader of a schema's `belongsTo`: `topic.forum()`. */
export type BelongsToLoader<S extends SchemaOptions> = S extends {
  belongsTo: {
    name: infer N extends string;
    model: () => infer P extends abstract new (...args: never[]) => object;
  };
}
  ? { [K in N]: BelongsTo<InstanceType<P>> }
  : unknown;

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
