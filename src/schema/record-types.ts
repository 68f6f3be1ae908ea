/**
 * The types of a model's records, derived from its schema literal: attribute names as a
 * literal union, values per attribute, `changes()`, `toJSON()`, and the names of its methods
 * (what a callback or a validation condition may name instead of a function). For `Table`
 * itself, and any record type not made by `Table.schema()`, names widen to `string` and values
 * to `unknown`, so code generic over models keeps compiling.
 *
 * ```ts
 * class Job extends Table.schema({ attributes: { name: attr.string(), at: attr.datetime() } }) {}
 * type Names = AttributeName<Job>;  // 'id' | 'name' | 'at' | 'createdAt' | 'updatedAt' | 'lockVersion'
 * type Json = JsonAttributes<Job>;  // { id: string; name: string; at: string | null; … }
 * ```
 */
import type { AttributesOf } from './inference.js';

/** The attribute names of a model instance type. */
export type AttributeName<T> = keyof AttributesOf<T> & string;

/** The value type of attribute `K`, as its accessor reads it. */
export type AttributeValue<T, K extends AttributeName<T>> = AttributesOf<T>[K];

/** The names of `T`'s attributes whose values are of type `V` (or null). */
export type AttributeNameOf<T, V> = {
  [K in AttributeName<T>]-?: [NonNullable<AttributesOf<T>[K]>] extends [V] ? K : never;
}[AttributeName<T>];

/** `changes()`: `[old, new]` for each changed attribute, typed by the attribute. */
export type Changes<T> = {
  [K in AttributeName<T>]?: [previous: AttributesOf<T>[K], current: AttributesOf<T>[K]];
};

/** One value as `toJSON()` gives it: a datetime (or each of a datetime set) as ISO 8601 text. */
export type JsonValue<V> = V extends Date ? string : V extends readonly Date[] ? string[] : V;

/** `toJSON()`: every attribute, datetimes as ISO 8601 text, the rest as the accessor reads it. */
export type JsonAttributes<T> = { [K in AttributeName<T>]: JsonValue<AttributesOf<T>[K]> };

/**
 * The names of `T`'s methods that `Signature` can call: a string callback or condition must
 * name one. `string` when `T` is not a model type (`Table`, `unknown`).
 */
export type MethodName<T, Signature = () => unknown> =
  string extends AttributeName<T>
    ? string
    : {
        [K in keyof T]-?: K extends keyof AttributesOf<T>
          ? never
          : T[K] extends Signature
            ? K
            : never;
      }[keyof T] &
        string;
