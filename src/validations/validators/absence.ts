import { isBlank } from '../blank.js';
import type { ValidatorDefinition } from '../types.js';

/** `absence: true`: the value must be blank ("must be blank"). */
export const absence: ValidatorDefinition = {
  optionKeys: [],
  validate({ value, fail }) {
    if (!isBlank(value)) fail('must be blank');
  },
};
