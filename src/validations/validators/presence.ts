import { isBlank } from '../blank.js';
import type { ValidatorDefinition } from '../types.js';

/** `presence: true`: the value must not be blank ("can't be blank"); `false` is blank. */
export const presence: ValidatorDefinition = {
  optionKeys: [],
  validate({ value, fail }) {
    if (isBlank(value)) fail("can't be blank");
  },
};
