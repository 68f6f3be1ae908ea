/**
 * Validations, as ActiveModel::Validations: declare rules per model class, run them before a
 * save, read the messages from `errors`.
 *
 * @example
 * const rules = new ValidationRules();
 * rules.validates(['name', 'title'], { presence: true, length: { maximum: 80 } });
 * const valid = await rules.run(record, 'create');
 * record.errors.fullMessages;  // ["Name can't be blank"]
 */
export { isBlank } from './blank.js';
export { ValidationDeclarationError } from './declaration-error.js';
export { Errors } from './errors.js';
export { registerValidator } from './registry.js';
export { ValidationRules } from './rules.js';
export type {
  Condition,
  ConditionOptions,
  EachOptions,
  Message,
  ValidatableRecord,
  ValidatesOptions,
  ValidationContext,
  ValidatorCall,
  ValidatorCommonOptions,
  ValidatorDefinition,
  ValidatorFn,
  ValidatorOptionsMap,
} from './types.js';
export type { AcceptanceOptions } from './validators/acceptance.js';
export type { ExclusionOptions } from './validators/exclusion.js';
export type { FormatOptions } from './validators/format.js';
export type { InclusionOptions } from './validators/inclusion.js';
export type { LengthOptions } from './validators/length.js';
export type { Members } from './validators/membership.js';
export type { NumericalityOptions, NumericBound } from './validators/numericality.js';
