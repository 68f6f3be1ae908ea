/**
 * The exact-equality assertion every type test uses. A one-way assignment
 * (`const x: Topic = value`) passes when `value` is `any` or a narrower type; `Equal` holds
 * only when both types are the same, so `any`, `unknown` or a wider union fail it.
 * Use: `assertType<Equal<typeof records, Topic[]>>();`
 */

/**
 * `true` when A and B are identical types, else `false`. Compares the two as the checker
 * compares generic signatures, which tells `any` from every other type.
 */
export type Equal<A, B> =
  (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** Compiles only when given `true`: `assertType<Equal<Actual, Expected>>()`. */
export function assertType<T extends true>(): T | undefined {
  return undefined;
}
