/**
 * Optimistic locking, as ActiveRecord's `locking/optimistic.rb`: every update, touch and
 * destroy is conditioned on the lock attribute still holding the value this instance read
 * (or the value the application assigned, such as a version an HTTP client sent back in
 * If-Match), and bumps it in the same write. A conflict throws StaleObjectError and the
 * instance is left as it was.
 *
 * ```ts
 * const a = await Job.find(id); const b = await Job.find(id);
 * a.name = 'x'; await a.save();          // lockVersion 0 → 1
 * b.name = 'y'; await b.save();          // StaleObjectError: b still holds 0
 * ```
 */
import { readValue } from '../attributes/attribute-access.js';
import type { RecordState } from '../attributes/record-state.js';
import type { ModelSchema } from '../schema/model-schema.js';

/** The lock value the write is conditioned on, or null when the model has no locking. @internal */
export function expectedLockValue(schema: ModelSchema, state: RecordState): number | null {
  if (!schema.lockAttribute) return null;
  const field = schema.fields.get(schema.lockAttribute);
  if (!field) return null;
  return (readValue(state, field) as number | null) ?? 0;
}

/** Records the bumped lock value after a successful write. @internal */
export function bumpLock(schema: ModelSchema, state: RecordState, expected: number | null): void {
  if (!schema.lockAttribute || expected === null) return;
  state.values[schema.lockAttribute] = expected + 1;
}
