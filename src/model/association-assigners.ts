/**
 * Association assigners (`new Topic({ forum })`), registered by the associations in the
 * model's metadata.
 */
import { declarationsOf, metadataOf, type Assigner } from './metadata.js';

/** Registers `assign` for `model`'s attribute-like association `name`. @internal */
export function registerAssigner(model: object, name: string, assign: Assigner): void {
  declarationsOf(model).assigners.set(name, assign);
}

/** Assigns `value` through the association named `name`; false when there is none. @internal */
export function assignAssociation(record: object, name: string, value: unknown): boolean {
  const assign = metadataOf(record.constructor).assigners.get(name);
  assign?.(record, value);
  return assign !== undefined;
}
