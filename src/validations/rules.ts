import { callMethod } from './conditions.js';
import { compileValidates } from './compile.js';
import { ValidationDeclarationError } from './declaration-error.js';
import { assertOptions, attributeList, CONDITION_KEYS, EACH_KEYS } from './declaration.js';
import { conditionalRule, eachAttributeRule, type Rule } from './rule.js';
import type {
  ConditionOptions,
  EachOptions,
  ValidatableRecord,
  ValidatesOptions,
  ValidationContext,
} from './types.js';

/**
 * The validations declared on one model class, run in declaration order. Declarations are
 * checked when made and throw `ValidationDeclarationError` for options that cannot work.
 *
 * @example
 * const rules = new ValidationRules<Job>();
 * rules.validates('name', { presence: true, length: { maximum: 80 } });
 * rules.validatesEach('steps', (r, attr, value) => {
 *   if (!Array.isArray(value)) r.errors.add(attr, 'must be an Array');
 * });
 * rules.validate('checkSchedule', { on: 'create' });
 * await rules.run(job, 'create');  // false when job.errors has messages
 */
export class ValidationRules<R extends ValidatableRecord = ValidatableRecord> {
  readonly #rules: Rule<R>[] = [];

  /** Declares validators for one or more attributes. */
  validates(attributes: string | readonly string[], options: ValidatesOptions<R>): void {
    this.#rules.push(...compileValidates(attributeList(attributes), options));
  }

  /** Declares a check run on each attribute's value; it adds to `record.errors` itself. */
  validatesEach(
    attributes: string | readonly string[],
    check: (record: R, attribute: string, value: unknown) => void | Promise<void>,
    options: EachOptions<R> = {},
  ): void {
    const names = attributeList(attributes);
    if (typeof check !== 'function') {
      throw new ValidationDeclarationError(names, 'check', 'must be a function');
    }
    assertOptions(names, options as Record<string, unknown>, EACH_KEYS);
    this.#rules.push(eachAttributeRule(names, options, check));
  }

  /** Declares a check of the whole record: a function, or the name of a method on it. */
  validate(
    check: ((record: R) => void | Promise<void>) | string,
    options: ConditionOptions<R> = {},
  ): void {
    if (typeof check !== 'function' && (typeof check !== 'string' || check === '')) {
      throw new ValidationDeclarationError([], 'check', 'must be a function or a method name');
    }
    assertOptions([], options as Record<string, unknown>, CONDITION_KEYS);
    const body = typeof check === 'string' ? (record: R) => callMethod(record, check) : check;
    this.#rules.push(conditionalRule(options, body));
  }

  /**
   * Clears `record.errors`, runs every rule that applies in `context`, in declaration order,
   * and resolves to whether no error was added.
   */
  async run(record: R, context: ValidationContext): Promise<boolean> {
    record.errors.clear();
    for (const rule of this.#rules) await rule(record, context);
    return record.errors.isEmpty();
  }

  /** A copy for a subclass: it starts with these rules, and adding to it leaves these alone. */
  inherit<S extends R>(): ValidationRules<S> {
    const copy = new ValidationRules<S>();
    copy.#rules.push(...this.#rules);
    return copy;
  }
}
