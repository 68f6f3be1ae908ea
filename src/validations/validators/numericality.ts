import { ValidationDeclarationError } from '../declaration-error.js';
import type { ValidatableRecord, ValidatorCommonOptions, ValidatorDefinition } from '../types.js';

/** A bound: a number, or a function of the record giving one. */
export type NumericBound<R> = number | ((record: R) => number);

/**
 * `numericality`: the value must be a number or a numeric string ("is not a number"), and
 * meet every bound given. Null fails unless `allowNil`.
 *
 * @example
 * rules.validates('maxSeconds', { numericality: { onlyInteger: true, greaterThan: 0 } });
 */
export interface NumericalityOptions<R> extends ValidatorCommonOptions<R> {
  onlyInteger?: boolean;
  greaterThan?: NumericBound<R>;
  greaterThanOrEqualTo?: NumericBound<R>;
  lessThan?: NumericBound<R>;
  lessThanOrEqualTo?: NumericBound<R>;
  equalTo?: NumericBound<R>;
  otherThan?: NumericBound<R>;
  odd?: boolean;
  even?: boolean;
}

type Options = NumericalityOptions<ValidatableRecord>;
type BoundKey =
  | 'greaterThan'
  | 'greaterThanOrEqualTo'
  | 'lessThan'
  | 'lessThanOrEqualTo'
  | 'equalTo'
  | 'otherThan';

// In ActiveModel's order, with its messages.
const COMPARISONS: readonly [BoundKey, (a: number, b: number) => boolean, string][] = [
  ['greaterThan', (a, b) => a > b, 'must be greater than'],
  ['greaterThanOrEqualTo', (a, b) => a >= b, 'must be greater than or equal to'],
  ['equalTo', (a, b) => a === b, 'must be equal to'],
  ['lessThan', (a, b) => a < b, 'must be less than'],
  ['lessThanOrEqualTo', (a, b) => a <= b, 'must be less than or equal to'],
  ['otherThan', (a, b) => a !== b, 'must be other than'],
];
const FLAGS = ['onlyInteger', 'odd', 'even'] as const;

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^[+-]?\d+$/;

export const numericality: ValidatorDefinition<Options> = {
  optionKeys: [...FLAGS, ...COMPARISONS.map(([key]) => key)],
  check(options, attributes) {
    const fail = (key: string, problem: string) =>
      new ValidationDeclarationError(attributes, `numericality.${key}`, problem);
    for (const key of FLAGS) {
      if (options[key] !== undefined && typeof options[key] !== 'boolean')
        throw fail(key, 'must be true or false');
    }
    for (const [key] of COMPARISONS) {
      const bound: unknown = options[key];
      const valid =
        bound === undefined ||
        typeof bound === 'function' ||
        (typeof bound === 'number' && !Number.isNaN(bound));
      if (!valid) throw fail(key, 'must be a number or a function of the record');
    }
  },
  validate({ record, value, options, fail }) {
    const number = toNumber(value);
    if (number === null) return fail('is not a number');
    if (options.onlyInteger && !isInteger(value, number)) return fail('must be an integer');
    for (const [key, holds, message] of COMPARISONS) {
      const bound = options[key];
      if (bound === undefined) continue;
      const limit = typeof bound === 'function' ? bound(record) : bound;
      if (!holds(number, limit)) fail(`${message} ${limit}`, limit);
    }
    if (options.odd && Math.trunc(number) % 2 === 0) fail('must be odd');
    if (options.even && Math.trunc(number) % 2 !== 0) fail('must be even');
  },
};

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  return null;
}

function isInteger(value: unknown, number: number): boolean {
  return typeof value === 'string' ? INTEGER.test(value.trim()) : Number.isInteger(number);
}
