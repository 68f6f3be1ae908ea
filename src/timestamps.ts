/**
 * Automatic timestamps: `createdAt` and `updatedAt` (or the names given in
 * `timestamps: [created, updated]`), stored as epoch milliseconds. A create sets both unless
 * the application assigned them; every update and touch sets the update timestamp.
 */
import type { RecordState } from './attributes/record-state.js';
import { readValue } from './attributes/attribute-access.js';
import type { ModelSchema } from './schema/model-schema.js';

/** Sets the timestamps of a record about to be created, `now` in epoch milliseconds. @internal */
export function stampCreate(schema: ModelSchema, state: RecordState, now: number): void {
  if (!schema.timestampAttributes) return;
  for (const name of schema.timestampAttributes) {
    const field = schema.fields.get(name);
    if (field && readValue(state, field) === null) state.values[name] = field.codec.cast(now);
  }
}

/** Sets the update timestamp; returns its name, or null without timestamps. @internal */
export function stampUpdate(schema: ModelSchema, state: RecordState, now: number): string | null {
  if (!schema.timestampAttributes) return null;
  const name = schema.timestampAttributes[1];
  const field = schema.fields.get(name);
  // The codec casts: a Date of its own, truncated to seconds where the gem's format is used.
  state.values[name] = field ? field.codec.cast(now) : new Date(now);
  return name;
}

/** The attributes the library itself sets during a write, restored when the write fails. @internal */
export function managedAttributes(schema: ModelSchema): readonly string[] {
  return schema.managedAttributes;
}

/**
 * The managed attributes a new record puts back after a write whose outcome is unknown: all
 * but its generated key and timestamps, which it keeps so that saving again is the same write.
 * @internal
 */
export function keptAfterUnknown(schema: ModelSchema): string[] {
  const kept = new Set([schema.generatedKey, ...(schema.timestampAttributes || [])]);
  return managedAttributes(schema).filter((name) => !kept.has(name));
}
