/**
 * The types of relation conditions, inferred from the model: attribute names are checked,
 * values typed by the attribute, `begins_with` offered on string attributes only, and
 * `select('a')` typed to `a` and the keys.
 */
import type { Assignable, AttributesOf, KeyNamesOf } from '../schema/inference.js';
import type { AttributeName } from '../schema/record-types.js';
import type { Table } from '../table.js';
import type { SizeComparator } from './conditions.js';

export type { AttributeName };

type ValueOf<T, K extends AttributeName<T>> = AttributesOf<T>[K];

/** What a condition compares an attribute of value type V with (cast as on assignment). */
export type ConditionValue<V> = Assignable<NonNullable<V>> | null;

/** The object form: `{ status: 'open', views: 10 }`, each pair an `=`. */
export type Conditions<T> = { [K in AttributeName<T>]?: ConditionValue<ValueOf<T, K>> };

// An attribute of unknown type (a model not made by Table.schema) takes every comparator.
type Ordered<V> = unknown extends V
  ? true
  : [NonNullable<V>] extends [string | number | Date]
    ? true
    : false;
type Textual<V> = unknown extends V ? true : [NonNullable<V>] extends [string] ? true : false;

/** What `contains` takes: a substring of a string, an element of a set or list. */
export type ContainsValue<V> =
  NonNullable<V> extends string
    ? string
    : NonNullable<V> extends readonly (infer E)[]
      ? Assignable<E>
      : unknown;

type ComparisonOf<T, K extends AttributeName<T>, V = ValueOf<T, K>> =
  | [attribute: K, comparator: '=' | '<>', value: ConditionValue<V>]
  | (Ordered<V> extends true
      ? | [attribute: K, comparator: '<' | '<=' | '>' | '>=', value: ConditionValue<V>]
        | [
            attribute: K,
            comparator: 'between',
            value: readonly [ConditionValue<V>, ConditionValue<V>],
          ]
      : never)
  | [attribute: K, comparator: 'in', value: readonly ConditionValue<V>[]]
  | (Textual<V> extends true ? [attribute: K, comparator: 'begins_with', value: string] : never)
  | [attribute: K, comparator: 'contains', value: ContainsValue<V>]
  | [attribute: K, comparator: 'exists' | 'notExists', value?: unknown]
  | [attribute: K, comparator: SizeComparator, value: number];

/** `where(conditions)` or `where(attribute, comparator, value)`. */
export type WhereArguments<T> =
  [conditions: Conditions<T>] | { [K in AttributeName<T>]: ComparisonOf<T, K> }[AttributeName<T>];

/** The comparator form of one condition: `['views', '>', 10]`, typed as `where`'s. */
export type Comparison<T> = Exclude<WhereArguments<T>, [conditions: Conditions<T>]>;

/**
 * The conditions of a conditional write (`save({ if })`, `update(attrs, { if })`,
 * `destroy({ if })`): the object form or `[attribute, comparator, value]` triples, names and
 * values typed as in `where` for a model `T`. For `Table` itself, any names and values,
 * checked against the model when the write is built.
 */
export type WriteConditions<T = Table> = Conditions<T> | readonly Readonly<Comparison<T>>[];

/** A record read with `select(...names)`: those attributes and the keys only. */
export type Selected<T, K extends string> = Omit<T, Exclude<AttributeName<T>, K | KeyNamesOf<T>>>;
