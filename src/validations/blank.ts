/**
 * ActiveSupport's `blank?`: null, undefined, `false`, a string of only whitespace, and an
 * empty array, Set, Map or plain object are blank. Numbers (0 included) and dates are not.
 *
 * @example
 * isBlank('  ');  // true
 * isBlank(0);     // false
 */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Set || value instanceof Map) return value.size === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** Whether a value is an object literal (not an array, Set, RegExp, Date, …). @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
