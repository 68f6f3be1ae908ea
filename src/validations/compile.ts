import { isPlainObject } from './blank.js';
import { ValidationDeclarationError } from './declaration-error.js';
import { assertOptions, COMMON_KEYS } from './declaration.js';
import { resolveMessage } from './message.js';
import { findValidator, validatorNames } from './registry.js';
import { eachAttributeRule, type Rule } from './rule.js';
import type {
  ValidatableRecord,
  ValidatesOptions,
  ValidatorCommonOptions,
  ValidatorDefinition,
} from './types.js';

/**
 * Turns one `validates` call into rules, one per validator in the order given, checking
 * every option first.
 * @internal
 */
export function compileValidates<R extends ValidatableRecord>(
  attributes: readonly string[],
  options: ValidatesOptions<R>,
): Rule<R>[] {
  if (!isPlainObject(options)) {
    throw new ValidationDeclarationError(attributes, 'options', 'must be an object');
  }
  const { common, rest } = split(options, (key) => COMMON_KEYS.includes(key));
  const unknown = Object.keys(rest).find((key) => !findValidator(key));
  if (unknown !== undefined) {
    const known = `validators: ${validatorNames().join(', ')}; options: ${COMMON_KEYS.join(', ')}`;
    throw new ValidationDeclarationError(
      attributes,
      unknown,
      `is not a known validator or option (${known})`,
    );
  }
  if (Object.keys(rest).length === 0) {
    throw new ValidationDeclarationError(
      attributes,
      'options',
      `name no validator (${validatorNames().join(', ')})`,
    );
  }
  assertOptions(attributes, common, COMMON_KEYS);
  return Object.entries(rest).flatMap(([name, value]) => {
    const rule = compileValidator(attributes, name, findValidator(name)!, value, common);
    return rule ? [rule] : [];
  });
}

function compileValidator<R extends ValidatableRecord>(
  attributes: readonly string[],
  name: string,
  definition: ValidatorDefinition,
  value: unknown,
  common: ValidatorCommonOptions<R>,
): Rule<R> | undefined {
  if (value === false || value === null || value === undefined) return undefined;
  const { common: own, rest: specific } = split(
    expand(attributes, name, definition, value),
    (key) => COMMON_KEYS.includes(key),
  );
  assertOptions(attributes, own, COMMON_KEYS, `${name}.`);
  if (definition.optionKeys) {
    assertOptions(attributes, specific, definition.optionKeys, `${name}.`);
  }
  definition.check?.(specific, attributes);
  const effective: ValidatorCommonOptions<R> = { ...definition.defaults, ...common, ...own };
  return eachAttributeRule(attributes, effective, (record, attribute, value) =>
    definition.validate({
      record,
      attribute,
      value,
      options: specific,
      fail: (defaultMessage, count) => {
        const message = resolveMessage(
          effective.message,
          defaultMessage,
          record,
          attribute,
          value,
          count,
        );
        record.errors.add(attribute, message);
      },
    }),
  );
}

/** A validator's value as an options object: `true` → `{}`, shorthand → `{ in }` or `{ with }`. */
function expand(
  attributes: readonly string[],
  name: string,
  definition: ValidatorDefinition,
  value: unknown,
): Record<string, unknown> {
  const { list, regexp } = definition.shorthand ?? {};
  if (value === true) return {};
  if (isPlainObject(value)) return value;
  if (list && (Array.isArray(value) || value instanceof Set)) return { [list]: value };
  if (regexp && value instanceof RegExp) return { [regexp]: value };
  throw new ValidationDeclarationError(
    attributes,
    name,
    'must be true, false or an options object',
  );
}

/** Splits options by key, dropping keys whose value is undefined. */
function split(
  options: Record<string, unknown>,
  isCommon: (key: string) => boolean,
): { common: Record<string, unknown>; rest: Record<string, unknown> } {
  const common: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (isCommon(key) ? common : rest)[key] = value;
  }
  return { common, rest };
}
