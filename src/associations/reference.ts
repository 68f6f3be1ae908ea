/**
 * The parent reference a `belongsTo` child keeps in its hash key (`forumId`): the parent's
 * id, or `"<parentHash>:<parentRange>"` with `compositeKey: true`. Unlike a string attribute
 * (which reads `''` when unset) it reads `null` until set, as in the gem; that is why it has
 * a codec of its own rather than a field option: the field still reports type `'string'`.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { previewValue, readValue } from '../attributes/attribute-access.js';
import type { Codec } from '../attributes/codecs/index.js';
import { STATE, type RecordState } from '../attributes/record-state.js';
import { AssociationTypeMismatch, BelongsToError } from '../errors.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import type { BelongsToAssociation } from './registry.js';

/** The literal hash key of children whose parent was destroyed with `dependent: 'nullify'`. */
export const NULL_REFERENCE = 'NULL';

/** The codec of a reference attribute: a string id or null; anything else is a type mismatch. @internal */
export function referenceCodec(attribute: string): Codec<string | null> {
  return {
    cast(value, modelName) {
      if (value === null || value === undefined || value === '') return null;
      if (typeof value === 'string') return value;
      throw new AssociationTypeMismatch(
        `${modelName}.${attribute} takes a string id or null, not ${previewValue(value)}`,
      );
    },
    toAttributeValue: (value): AttributeValue | undefined =>
      value === null ? undefined : { S: value },
    fromAttributeValue: (value) => value?.S ?? null,
    empty: () => null,
    mutable: false,
    keyType: 'S',
  };
}

// Keys become text without colons, so that a composite reference splits at its last colon
// even when the parent's own hash key is a composite reference.
function keyText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return String(value.getTime());
  return String(value);
}

/** The reference a child of `association` stores for `parent`; null while the parent has no key yet. @internal */
export function referenceTo(
  parent: { [STATE]: RecordState },
  association: BelongsToAssociation,
): string | null {
  const parentModel = parent.constructor as unknown as ModelClass;
  const schema = schemaOf(parentModel);
  const state = parent[STATE];
  const hash = keyText(readValue(state, schema.fields.get(schema.hashKey)!));
  if (!association.compositeKey) return hash;
  if (!schema.rangeKey) {
    throw new BelongsToError(
      `${association.model.name}.belongsTo('${association.name}', { compositeKey: true }) needs ${parentModel.name} to have a range key`,
    );
  }
  const range = keyText(readValue(state, schema.fields.get(schema.rangeKey)!));
  return hash === null || range === null ? null : `${hash}:${range}`;
}

/** The parent's `[hash, range?]` for a stored reference, or null when it cannot name a parent. @internal */
export function parentKeyOf(
  reference: string,
  association: BelongsToAssociation,
): [string] | [string, string] | null {
  if (!association.compositeKey) return [reference];
  const at = reference.lastIndexOf(':');
  if (at <= 0 || at === reference.length - 1) return null;
  return [reference.slice(0, at), reference.slice(at + 1)];
}
