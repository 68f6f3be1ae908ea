import { InvalidArgument } from '../errors.js';
import { COMMON_KEYS } from './declaration.js';
import type { ValidatorDefinition, ValidatorFn } from './types.js';
import { absence } from './validators/absence.js';
import { acceptance } from './validators/acceptance.js';
import { exclusion } from './validators/exclusion.js';
import { format } from './validators/format.js';
import { inclusion } from './validators/inclusion.js';
import { length } from './validators/length.js';
import { numericality } from './validators/numericality.js';
import { presence } from './validators/presence.js';

const validators = new Map<string, ValidatorDefinition>([
  ['presence', presence],
  ['absence', absence],
  ['length', length],
  ['format', format],
  ['numericality', numericality],
  ['inclusion', inclusion],
  ['exclusion', exclusion],
  ['acceptance', acceptance],
]);

/**
 * Makes a validator available to every `validates` call under `name`. A bare function
 * accepts any options; a definition can list its `optionKeys` and `check` them when declared.
 * Type its options by merging into `ValidatorOptionsMap`.
 *
 * @example
 * registerValidator('uniqueness', {
 *   optionKeys: ['scope'],
 *   async validate({ record, attribute, value, options, fail }) {
 *     if (await taken(record, attribute, value, options)) fail('has already been taken');
 *   },
 * });
 */
export function registerValidator<O extends object>(
  name: string,
  validator: ValidatorFn<O> | ValidatorDefinition<O>,
): void {
  if (!/^[A-Za-z]\w*$/.test(name)) {
    throw new InvalidArgument(`Invalid validator name '${name}'`, 'name');
  }
  if (COMMON_KEYS.includes(name)) {
    throw new InvalidArgument(
      `'${name}' is a validation option and cannot name a validator`,
      'name',
    );
  }
  if (validators.has(name)) {
    throw new InvalidArgument(`A validator named '${name}' is already registered`, 'name');
  }
  const definition = typeof validator === 'function' ? { validate: validator } : validator;
  validators.set(name, definition as ValidatorDefinition);
}

/** The validator registered under `name`, if any. @internal */
export function findValidator(name: string): ValidatorDefinition | undefined {
  return validators.get(name);
}

/** The names of every registered validator, built-in first. @internal */
export function validatorNames(): string[] {
  return [...validators.keys()];
}
