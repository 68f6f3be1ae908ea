import type { ValidatorCommonOptions, ValidatorDefinition } from '../types.js';
import { assertMembers, candidates, isMember, type Members } from './membership.js';

/**
 * `exclusion`: the value must not be in the list ("is reserved"); for an array value, no
 * element may be. An array or Set alone is shorthand for `{ in }`.
 *
 * @example
 * rules.validates('subdomain', { exclusion: { in: ['www', 'admin'] } });
 */
export interface ExclusionOptions<R> extends ValidatorCommonOptions<R> {
  in: Members;
}

export const exclusion: ValidatorDefinition<ExclusionOptions<unknown>> = {
  optionKeys: ['in'],
  shorthand: { list: 'in' },
  check(options, attributes) {
    assertMembers('exclusion', options.in, attributes);
  },
  validate({ value, options, fail }) {
    if (candidates(value).some((candidate) => isMember(options.in, candidate))) fail('is reserved');
  },
};
