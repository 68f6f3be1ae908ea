import type { parentBrand } from '../schema/inference.js';

/**
 * `declare forum: BelongsTo<Forum>`: the parent loader a `belongsTo` defines. It resolves to
 * the parent (read consistently, then cached) or null when the reference is unset or names no
 * item; `{ reload: true }` reads it again. The brand lets `new Topic({ forum })` type-check.
 */
export type BelongsTo<P> = ((options?: { reload?: boolean }) => Promise<P | null>) & {
  readonly [parentBrand]?: P;
};
