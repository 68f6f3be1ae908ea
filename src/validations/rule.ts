import { isBlank } from './blank.js';
import { applies } from './conditions.js';
import type {
  ConditionOptions,
  EachOptions,
  ValidatableRecord,
  ValidationContext,
} from './types.js';

/** One declared validation, ready to run against a record. @internal */
export type Rule<R> = (record: R, context: ValidationContext) => Promise<void>;

/**
 * A rule that runs `body` when its conditions hold.
 * @internal
 */
export function conditionalRule<R>(
  options: ConditionOptions<R>,
  body: (record: R) => unknown,
): Rule<R> {
  return async (record, context) => {
    if (await applies(options, record, context)) await body(record);
  };
}

/**
 * A rule that, when its conditions hold, runs `body` on each attribute's value in turn,
 * skipping null/undefined values under `allowNil` and blank ones under `allowBlank`.
 * @internal
 */
export function eachAttributeRule<R extends ValidatableRecord>(
  attributes: readonly string[],
  options: EachOptions<R>,
  body: (record: R, attribute: string, value: unknown) => unknown,
): Rule<R> {
  return conditionalRule(options, async (record) => {
    for (const attribute of attributes) {
      const value = record.readAttribute(attribute);
      if (options.allowNil && (value === null || value === undefined)) continue;
      if (options.allowBlank && isBlank(value)) continue;
      await body(record, attribute, value);
    }
  });
}
