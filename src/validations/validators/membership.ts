import { ValidationDeclarationError } from '../declaration-error.js';

/** The list an inclusion or exclusion checks against. */
export type Members = readonly unknown[] | ReadonlySet<unknown>;

/**
 * Checks at declaration time that `in` is an array or a Set.
 * @internal
 */
export function assertMembers(
  validator: string,
  members: unknown,
  attributes: readonly string[],
): void {
  if (members === undefined) {
    throw new ValidationDeclarationError(
      attributes,
      validator,
      'needs an `in` list (an array or a Set)',
    );
  }
  if (!Array.isArray(members) && !(members instanceof Set)) {
    throw new ValidationDeclarationError(
      attributes,
      `${validator}.in`,
      'must be an array or a Set',
    );
  }
}

/**
 * The values to look up: each element of an array value (as ActiveModel does for arrays),
 * else the value itself.
 * @internal
 */
export function candidates(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Whether one value is in the list (SameValueZero, as `includes` and `Set#has`). @internal */
export function isMember(members: Members, value: unknown): boolean {
  return members instanceof Set
    ? members.has(value)
    : (members as readonly unknown[]).includes(value);
}
