import type { ValidatorCommonOptions, ValidatorDefinition } from '../types.js';
import { assertMembers, candidates, isMember, type Members } from './membership.js';

/**
 * `inclusion`: the value must be in the list ("is not included in the list"); for an array
 * value, every element must be. An array or Set alone is shorthand for `{ in }`.
 *
 * @example
 * rules.validates('status', { inclusion: { in: ['draft', 'published'] } });
 */
export interface InclusionOptions<R> extends ValidatorCommonOptions<R> {
  in: Members;
}

export const inclusion: ValidatorDefinition<InclusionOptions<unknown>> = {
  optionKeys: ['in'],
  shorthand: { list: 'in' },
  check(options, attributes) {
    assertMembers('inclusion', options.in, attributes);
  },
  validate({ value, options, fail }) {
    if (!candidates(value).every((candidate) => isMember(options.in, candidate))) {
      fail('is not included in the list');
    }
  },
};
