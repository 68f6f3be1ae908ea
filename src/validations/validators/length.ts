import { ValidationDeclarationError } from '../declaration-error.js';
import type { ValidatorCommonOptions, ValidatorDefinition } from '../types.js';

/**
 * `length`: bounds on the number of characters of a string, or of elements of an array or
 * Set. `in: [min, max]` stands for both bounds; `length: [min, max]` is shorthand for it.
 * A null value fails `minimum` and `is`, and passes `maximum`, as in ActiveModel.
 *
 * @example
 * rules.validates('name', { length: { maximum: 80 } });  // "is too long (maximum is 80 characters)"
 */
export interface LengthOptions<R> extends ValidatorCommonOptions<R> {
  minimum?: number;
  maximum?: number;
  is?: number;
  in?: readonly [number, number];
}

const BOUNDS = ['minimum', 'maximum', 'is'] as const;

export const length: ValidatorDefinition<LengthOptions<unknown>> = {
  optionKeys: [...BOUNDS, 'in'],
  shorthand: { list: 'in' },
  check(options, attributes) {
    const fail = (option: string, problem: string) =>
      new ValidationDeclarationError(attributes, `length.${option}`, problem);
    const range: unknown = options.in;
    if (range !== undefined) {
      const pair = Array.isArray(range) && range.length === 2 && range.every(isBound);
      if (!pair || range[0] > range[1]) throw fail('in', 'must be a [minimum, maximum] pair');
      if (options.minimum !== undefined || options.maximum !== undefined) {
        throw fail('in', 'cannot be combined with minimum or maximum');
      }
    }
    for (const bound of BOUNDS) {
      const value: unknown = options[bound];
      if (value !== undefined && !isBound(value))
        throw fail(bound, 'must be a non-negative integer');
    }
    if (BOUNDS.every((bound) => options[bound] === undefined) && range === undefined) {
      throw new ValidationDeclarationError(
        attributes,
        'length',
        'needs one of minimum, maximum, is or in',
      );
    }
  },
  validate({ value, options, fail }) {
    const [minimum, maximum] = options.in ?? [options.minimum, options.maximum];
    const size = sizeOf(value);
    if (options.is !== undefined && size !== options.is) {
      fail(`is the wrong length (should be ${characters(options.is)})`, options.is);
    }
    if (minimum !== undefined && (size === null || size < minimum)) {
      fail(`is too short (minimum is ${characters(minimum)})`, minimum);
    }
    if (maximum !== undefined && size !== null && size > maximum) {
      fail(`is too long (maximum is ${characters(maximum)})`, maximum);
    }
  },
};

function isBound(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && (Number.isInteger(value) || value === Infinity);
}

/** Characters (code points) of a string, elements of a list; null for null/undefined. */
function sizeOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length;
  if (value instanceof Set || value instanceof Map) return value.size;
  return Array.from(String(value)).length;
}

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}
