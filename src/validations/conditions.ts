import { ValidationDeclarationError } from './declaration-error.js';
import type { Condition, ConditionOptions, ValidationContext } from './types.js';

/**
 * Whether a validation applies: its `on` context matches, every `if` holds, no `unless` does.
 * @internal
 */
export async function applies<R>(
  options: ConditionOptions<R>,
  record: R,
  context: ValidationContext,
): Promise<boolean> {
  if (options.on !== undefined && !listOf(options.on).includes(context)) return false;
  for (const condition of listOf(options.if)) {
    if (!(await holds(condition, record))) return false;
  }
  for (const condition of listOf(options.unless)) {
    if (await holds(condition, record)) return false;
  }
  return true;
}

/**
 * Calls the method `name` on the record, as Ruby's `send`, failing clearly when it is missing.
 * @internal
 */
export function callMethod(record: unknown, name: string): unknown {
  const method = (record as Record<string, unknown>)[name];
  if (typeof method !== 'function') {
    const model = (record as object).constructor?.name ?? 'the record';
    throw new ValidationDeclarationError([], `'${name}'`, `is not a method of ${model}`);
  }
  return (method as () => unknown).call(record);
}

async function holds<R>(condition: Condition<R>, record: R): Promise<boolean> {
  const result = typeof condition === 'string' ? callMethod(record, condition) : condition(record);
  return Boolean(await result);
}

function listOf<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
