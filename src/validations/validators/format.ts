import { ValidationDeclarationError } from '../declaration-error.js';
import type { ValidatorCommonOptions, ValidatorDefinition } from '../types.js';

/**
 * `format`: the value, as a string, must match `with` or must not match `without`
 * ("is invalid"). A RegExp alone is shorthand for `{ with }`. Null reads as `''`.
 *
 * @example
 * rules.validates('email', { format: { with: /^[^@\s]+@[^@\s]+$/ } });
 */
export interface FormatOptions<R> extends ValidatorCommonOptions<R> {
  with?: RegExp;
  without?: RegExp;
}

export const format: ValidatorDefinition<FormatOptions<unknown>> = {
  optionKeys: ['with', 'without'],
  shorthand: { regexp: 'with' },
  check(options, attributes) {
    const given = (['with', 'without'] as const).filter((key) => options[key] !== undefined);
    if (given.length !== 1) {
      throw new ValidationDeclarationError(
        attributes,
        'format',
        'needs either with or without (not both)',
      );
    }
    const key = given[0]!;
    if (!(options[key] instanceof RegExp)) {
      throw new ValidationDeclarationError(attributes, `format.${key}`, 'must be a RegExp');
    }
  },
  validate({ value, options, fail }) {
    // `search` ignores a global pattern's `lastIndex`, so each check starts afresh.
    const text = value === null || value === undefined ? '' : String(value);
    if (options.with && text.search(options.with) === -1) fail('is invalid');
    if (options.without && text.search(options.without) !== -1) fail('is invalid');
  },
};
