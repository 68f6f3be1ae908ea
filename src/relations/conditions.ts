/**
 * The conditions of a relation, normalized: every value cast exactly as on assignment and
 * serialized by the attribute's codec, so a `Date` compares with a datetime stored as epoch
 * milliseconds and `'5'` with an integer.
 *
 * ```ts
 * Topic.where({ forumId: id, status: 'open' })          // object form: each pair is `=`
 * Topic.where('views', '>', 10).where('tags', 'contains', 'ts')
 * ```
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { castValue, fieldOrThrow, previewValue } from '../attributes/attribute-access.js';
import { InvalidCondition } from '../errors.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import type { FieldDefinition } from '../schema/model-schema.js';

/** The size comparators: `where('tags', 'size>', 2)`. */
export type SizeComparator = 'size=' | 'size<' | 'size<=' | 'size>' | 'size>=';

/** Every comparator a condition takes. `between` takes `[low, high]`, `in` an array. */
export type ConditionComparator =
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'between'
  | 'begins_with'
  | 'in'
  | 'contains'
  | 'exists'
  | 'notExists'
  | SizeComparator;

const COMPARATORS: ReadonlySet<string> = new Set<ConditionComparator>([
  '=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  'between',
  'begins_with',
  'in',
  'contains',
  'exists',
  'notExists',
  'size=',
  'size<',
  'size<=',
  'size>',
  'size>=',
]);

/** One comparison of one attribute, its operands serialized as stored. @internal */
export interface Comparison {
  readonly kind: 'compare';
  readonly attribute: string;
  readonly comparator: ConditionComparator;
  readonly operands: readonly AttributeValue[];
  /** The value as given (a key query casts it again for its key condition). */
  readonly value: unknown;
}

/** A negated AND group (`whereNot`). @internal */
export interface Negation {
  readonly kind: 'not';
  readonly conditions: readonly Condition[];
}

/** An OR of AND groups (`or(...)`). @internal */
export interface AnyOf {
  readonly kind: 'or';
  readonly groups: readonly (readonly Condition[])[];
}

/** @internal */
export type Condition = Comparison | Negation | AnyOf;

const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'float', 'datetime']);
const SET_TYPES: ReadonlySet<string> = new Set([
  'stringSet',
  'integerSet',
  'floatSet',
  'datetimeSet',
]);

function where(model: ModelClass, field: FieldDefinition): string {
  return `${model.name}.${field.name} (${field.type})`;
}

/** The value as the attribute stores it; undefined when it would be stored as absent. */
function stored(
  model: ModelClass,
  field: FieldDefinition,
  value: unknown,
): AttributeValue | undefined {
  return field.codec.toAttributeValue(castValue(field, model.name, value));
}

function required(
  model: ModelClass,
  field: FieldDefinition,
  comparator: string,
  value: unknown,
): AttributeValue {
  const serialized = stored(model, field, value);
  if (serialized === undefined) {
    throw new InvalidCondition(
      `${where(model, field)} '${comparator}' needs a value, not ${previewValue(value)}`,
    );
  }
  return serialized;
}

// One element of a set or list, serialized as the collection stores its elements.
function element(model: ModelClass, field: FieldDefinition, value: unknown): AttributeValue {
  if (SET_TYPES.has(field.type) || field.type === 'json') {
    const collection = required(model, field, 'contains', [value]);
    const first = collection.SS?.[0] ?? collection.NS?.[0];
    if (first !== undefined) return collection.SS ? { S: first } : { N: first };
    if (collection.L?.[0]) return collection.L[0];
  }
  if (field.type === 'string' || field.type === 'serialized') {
    if (typeof value === 'string' && value !== '') return { S: value };
  }
  throw new InvalidCondition(
    `${where(model, field)} 'contains' takes ${field.type === 'string' || field.type === 'serialized' ? 'a non-empty string' : 'an element'}, not ${previewValue(value)}`,
  );
}

/**
 * Normalizes `where(attribute, comparator, value)`. `=` with a value stored as absent (null,
 * '', an empty set) means "the attribute is absent", as `where(x: nil)` means IS NULL.
 * @internal
 */
export function comparison(
  model: ModelClass,
  attribute: string,
  comparator: unknown,
  value: unknown,
): Comparison {
  const field = fieldOrThrow(schemaOf(model), model.name, attribute);
  if (typeof comparator !== 'string' || !COMPARATORS.has(comparator)) {
    throw new InvalidCondition(
      `Unknown comparator ${JSON.stringify(comparator)} for ${model.name}.${attribute} (use ${[...COMPARATORS].join(', ')})`,
    );
  }
  const make = (c: ConditionComparator, operands: AttributeValue[] = []): Comparison => ({
    kind: 'compare',
    attribute,
    comparator: c,
    operands,
    value,
  });
  switch (comparator as ConditionComparator) {
    case '=':
    case '<>': {
      const serialized = stored(model, field, value);
      if (serialized === undefined) return make(comparator === '=' ? 'notExists' : 'exists');
      return make(comparator as ConditionComparator, [serialized]);
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      assertScalar(model, field, comparator);
      return make(comparator as ConditionComparator, [required(model, field, comparator, value)]);
    case 'between': {
      assertScalar(model, field, comparator);
      if (!Array.isArray(value) || value.length !== 2) {
        throw new InvalidCondition(`'between' on ${where(model, field)} takes [low, high]`);
      }
      return make(
        'between',
        value.map((v) => required(model, field, comparator, v)),
      );
    }
    case 'begins_with':
      if (field.type !== 'string') {
        throw new InvalidCondition(
          `'begins_with' needs a string attribute; ${where(model, field)} is not`,
        );
      }
      return make('begins_with', [required(model, field, comparator, value)]);
    case 'in': {
      if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
        throw new InvalidCondition(
          `'in' on ${where(model, field)} takes an array of 1 to 100 values`,
        );
      }
      return make(
        'in',
        value.map((v) => required(model, field, comparator, v)),
      );
    }
    case 'contains':
      return make('contains', [element(model, field, value)]);
    case 'exists':
    case 'notExists':
      return make(comparator as ConditionComparator);
    default: {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new InvalidCondition(
          `'${comparator}' on ${where(model, field)} takes a non-negative integer, not ${previewValue(value)}`,
        );
      }
      return make(comparator as ConditionComparator, [{ N: String(value) }]);
    }
  }
}

function assertScalar(model: ModelClass, field: FieldDefinition, comparator: string): void {
  if (!SCALAR_TYPES.has(field.type)) {
    throw new InvalidCondition(
      `'${comparator}' compares strings, numbers and datetimes; ${where(model, field)} is not one`,
    );
  }
}

/** `{ attr: value, … }`: one `=` per pair. @internal */
export function objectConditions(model: ModelClass, conditions: unknown): Comparison[] {
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    throw new InvalidCondition(
      `${model.name}: conditions are an object of attribute values, not ${previewValue(conditions)}`,
    );
  }
  return Object.entries(conditions).map(([name, value]) => comparison(model, name, '=', value));
}

/**
 * The object form or `[attribute, comparator, value]` triples (as conditional writes take
 * them) in one list. @internal
 */
export function conditionList(model: ModelClass, conditions: unknown): Comparison[] {
  if (Array.isArray(conditions)) {
    const triples =
      conditions.length > 0 && Array.isArray(conditions[0]) ? conditions : [conditions];
    return triples.map((triple: unknown) => {
      const [name, comparator, value] = triple as [unknown, unknown, unknown];
      if (typeof name !== 'string') {
        throw new InvalidCondition(
          `${model.name}: a condition triple starts with an attribute name`,
        );
      }
      return comparison(model, name, comparator, value);
    });
  }
  return objectConditions(model, conditions);
}

/** Every attribute a condition reads. @internal */
export function attributesOf(condition: Condition): string[] {
  if (condition.kind === 'compare') return [condition.attribute];
  if (condition.kind === 'not') return condition.conditions.flatMap(attributesOf);
  return condition.groups.flatMap((group) => group.flatMap(attributesOf));
}
