import { ValidationDeclarationError } from './declaration-error.js';

/** Options that gate when a validation runs. @internal */
export const CONDITION_KEYS = ['on', 'if', 'unless'] as const;
/** Options that also skip a value: those `validatesEach` takes. @internal */
export const EACH_KEYS = [...CONDITION_KEYS, 'allowNil', 'allowBlank'] as const;
/** Options every validator takes, at the top level or in its own object. @internal */
export const COMMON_KEYS: readonly string[] = [...EACH_KEYS, 'message'];

/**
 * The attribute names of a declaration, as a non-empty list of non-empty strings.
 * @internal
 */
export function attributeList(attributes: string | readonly string[]): readonly string[] {
  const list = typeof attributes === 'string' ? [attributes] : attributes;
  const valid =
    Array.isArray(list) && list.length > 0 && list.every((a) => typeof a === 'string' && a !== '');
  if (!valid) {
    throw new ValidationDeclarationError(
      [],
      'attributes',
      'must be a name or a non-empty list of names',
    );
  }
  return [...list];
}

/**
 * Checks the keys and value types of common options; `prefix` names the validator they sit in.
 * @internal
 */
export function assertOptions(
  attributes: readonly string[],
  options: Record<string, unknown>,
  allowed: readonly string[],
  prefix = '',
): void {
  for (const [key, value] of Object.entries(options)) {
    const option = `${prefix}${key}`;
    const fail = (problem: string) => new ValidationDeclarationError(attributes, option, problem);
    if (!allowed.includes(key)) throw fail(`is not a known option (known: ${allowed.join(', ')})`);
    if (value === undefined) continue;
    if (key === 'on' && !everyOf(value, (v) => v === 'create' || v === 'update')) {
      throw fail("must be 'create', 'update' or a list of them");
    }
    if ((key === 'if' || key === 'unless') && !everyOf(value, isCondition)) {
      throw fail('must be a function, a method name or a list of them');
    }
    if ((key === 'allowNil' || key === 'allowBlank') && typeof value !== 'boolean') {
      throw fail('must be true or false');
    }
    if (key === 'message' && typeof value !== 'string' && typeof value !== 'function') {
      throw fail('must be a string or a function');
    }
  }
}

function isCondition(value: unknown): boolean {
  return typeof value === 'function' || (typeof value === 'string' && value !== '');
}

function everyOf(value: unknown, test: (item: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.length > 0 && value.every(test) : test(value);
}
