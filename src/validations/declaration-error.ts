import { DynamoError } from '../errors.js';

/**
 * Thrown when a validation is declared with options that cannot work: an unknown validator or
 * option, a `length` without a bound, a `format` without a pattern, an `inclusion` without a
 * list. Declarations run when the model class is defined, so the mistake shows at startup.
 *
 * @example
 * rules.validates('title', { length: {} });
 * // ValidationDeclarationError: validates 'title': length needs one of minimum, maximum, is or in
 */
export class ValidationDeclarationError extends DynamoError {
  constructor(
    /** The attributes the declaration names (empty for `validate`). */
    readonly attributes: readonly string[],
    /** The option at fault, as a path such as `length.maximum`. */
    readonly option: string,
    problem: string,
  ) {
    const subject = attributes.length
      ? `validates ${attributes.map((a) => `'${a}'`).join(', ')}`
      : 'validate';
    super(`${subject}: ${option} ${problem}`);
  }
}
