/**
 * `belongsTo`: the child table is keyed by its parent. The parent's id becomes the hash key
 * (`<name>Id`) and the declared hash key becomes the range key, generated on create, so a
 * parent finds all its children with one key query and a child finds its parent with one
 * GetItem: no scan, no secondary index.
 *
 * ```ts
 * class Topic extends Table.schema({ hashKey: 'guid', attributes: { title: attr.string() } }) {
 *   static { this.belongsTo('forum', () => Forum); }
 *   declare forum: BelongsTo<Forum>;
 *   declare forumId: string | null;
 * }
 * const topic = await Topic.create({ forum, title: 'Hello' }); // topic.forumId === forum.id
 * (await topic.forum())?.name;                                  // cached; { reload: true } refetches
 * ```
 */
import { STATE, type RecordState } from '../attributes/record-state.js';
import {
  BelongsToError,
  AssociationMustBeUnique,
  AssociationTypeMismatch,
  HashKeyMayNotBeNamedId,
  RangeKeyMustNotBeSpecified,
} from '../errors.js';
import { findByKey } from '../querying/find.js';
import { defineAccessors } from '../model/accessors.js';
import { registerAssigner } from '../model/association-assigners.js';
import { defineSchema, schemaOf, type ModelClass } from '../schema/model-class.js';
import { previewValue } from '../attributes/attribute-access.js';
import { parentKeyOf, referenceCodec, referenceTo } from './reference.js';
import {
  assertAssociationName,
  belongsToOf,
  register,
  type BelongsToAssociation,
} from './registry.js';

/** Options of `belongsTo`. */
export interface BelongsToOptions {
  /** The parent has a range key: store `"<parentHash>:<parentRange>"` and find it by both. */
  compositeKey?: boolean;
}

interface RecordLike {
  [STATE]: RecordState;
  readAttribute(name: string): unknown;
  writeAttribute(name: string, value: unknown): void;
}

// The loaded (or assigned) parent of each child, with the reference it was loaded for.
const parents = new WeakMap<object, { reference: string; parent: object }>();

/** Declares the association; throws the BelongsToError subclasses when it cannot be. @internal */
export function declareBelongsTo(
  model: ModelClass,
  name: string,
  target: () => ModelClass,
  options: BelongsToOptions,
): BelongsToAssociation {
  assertAssociationName(model, name, 'belongsTo');
  if (typeof target !== 'function') {
    throw new BelongsToError(
      `${model.name}.belongsTo('${name}') takes the parent model as a function: () => Parent`,
    );
  }
  const schema = schemaOf(model);
  const existing = belongsToOf(model);
  if (existing) {
    throw new AssociationMustBeUnique(
      `${model.name} already belongs to '${existing.name}': a model belongs to one parent only, whose id is its hash key`,
    );
  }
  if (schema.rangeKey) {
    throw new RangeKeyMustNotBeSpecified(
      `${model.name} declares range key '${schema.rangeKey}': belongsTo('${name}') makes '${schema.hashKey}' the range key, so declare none`,
    );
  }
  if (schema.hashKey === 'id') {
    throw new HashKeyMayNotBeNamedId(
      `${model.name}'s hash key is 'id': belongsTo('${name}') makes it the range key, so name it otherwise (e.g. hashKey: 'guid')`,
    );
  }
  // The gem names the reference `forum_id`; ocean-dynamo's own models `forumId`.
  const foreignKey = schema.naming === 'gem' ? `${snakeCase(name)}_id` : `${name}Id`;
  // The schema Table.schema() made stays as it is; this model gets its own, keyed by the parent.
  const keyed = schema.keyedByParent({
    name: foreignKey,
    codec: referenceCodec(foreignKey),
  });
  defineSchema(model, keyed);
  defineAccessors(model.prototype, keyed);

  const association: BelongsToAssociation = {
    kind: 'belongsTo',
    model,
    name,
    foreignKey,
    target,
    compositeKey: options.compositeKey === true,
  };
  register(association);
  Object.defineProperty(model.prototype, name, {
    configurable: true,
    writable: true,
    value: function loadParent(this: RecordLike, loadOptions?: { reload?: boolean }) {
      return parentOf(this, association, loadOptions);
    },
  });
  registerAssigner(model, name, (record, value) =>
    assignParent(record as RecordLike, association, value),
  );
  return association;
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** `await child.<name>()`: the parent, read consistently once and then cached. @internal */
export async function parentOf(
  record: RecordLike,
  association: BelongsToAssociation,
  options: { reload?: boolean } = {},
): Promise<object | null> {
  const reference = record.readAttribute(association.foreignKey);
  if (typeof reference !== 'string') return null;
  const cached = parents.get(record);
  if (cached && cached.reference === reference && options.reload !== true) return cached.parent;
  const key = parentKeyOf(reference, association);
  const parentModel = association.target();
  const parent = key
    ? await findByKey<object>(
        parentModel,
        keyValue(parentModel, 0, key[0]),
        key[1] === undefined ? undefined : keyValue(parentModel, 1, key[1]),
        {
          consistent: true,
        },
      )
    : null;
  if (parent) parents.set(record, { reference, parent });
  else parents.delete(record);
  return parent;
}

// References hold datetimes as epoch milliseconds (see reference.ts); the codecs cast the rest.
function keyValue(model: ModelClass, position: 0 | 1, text: string): unknown {
  const schema = schemaOf(model);
  const name = position === 0 ? schema.hashKey : schema.rangeKey;
  return name && schema.fields.get(name)?.type === 'datetime' ? Number(text) : text;
}

/** `new Child({ <name>: parent })`: sets the reference from a parent instance (or null). @internal */
export function assignParent(
  record: RecordLike,
  association: BelongsToAssociation,
  value: unknown,
): void {
  if (value === null || value === undefined) {
    record.writeAttribute(association.foreignKey, null);
    parents.delete(record);
    return;
  }
  const parentModel = association.target();
  if (!(value instanceof parentModel)) {
    const given =
      typeof value === 'object'
        ? `a ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'plain object'}`
        : previewValue(value);
    throw new AssociationTypeMismatch(
      `${record.constructor.name}.${association.name} takes a ${parentModel.name}, not ${given}`,
    );
  }
  const parent = value as unknown as { [STATE]: RecordState };
  const reference = referenceTo(parent, association);
  record.writeAttribute(association.foreignKey, reference);
  if (reference === null) parents.delete(record);
  else parents.set(record, { reference, parent });
}
