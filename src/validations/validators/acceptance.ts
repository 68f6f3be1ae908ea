import type { ValidatorCommonOptions, ValidatorDefinition } from '../types.js';

/**
 * `acceptance`: the value must be one of `accept` (default `['1', true]`), "must be accepted".
 * Null passes unless `allowNil: false`, as in ActiveModel.
 *
 * @example
 * rules.validates('termsOfService', { acceptance: { accept: ['yes', true] } });
 */
export interface AcceptanceOptions<R> extends ValidatorCommonOptions<R> {
  accept?: readonly unknown[] | string | number | boolean;
}

export const acceptance: ValidatorDefinition<AcceptanceOptions<unknown>> = {
  optionKeys: ['accept'],
  defaults: { allowNil: true },
  validate({ value, options, fail }) {
    const accepted = options.accept ?? ['1', true];
    if (!(Array.isArray(accepted) ? accepted : [accepted]).includes(value))
      fail('must be accepted');
  },
};
