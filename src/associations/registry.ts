/**
 * The associations each model declared (`belongsTo`, `hasMany`, `hasAndBelongsToMany`), kept
 * in the model's metadata (model/metadata.ts) so that `relatesTo`, the collection proxies and
 * the dependent hooks can find the other side.
 */
import { DangerousAttributeError } from '../errors.js';
import { declarationsOf, metadataOf } from '../model/metadata.js';
import type { ModelClass } from '../schema/model-class.js';

/** What happens to the children when the parent is destroyed. */
export type Dependent = 'delete' | 'destroy' | 'nullify';

/** A `belongsTo` declaration. @internal */
export interface BelongsToAssociation {
  readonly kind: 'belongsTo';
  readonly model: ModelClass;
  readonly name: string;
  /** `<name>Id`: the child's hash key. */
  readonly foreignKey: string;
  readonly target: () => ModelClass;
  /** The reference is `"<parentHash>:<parentRange>"`. */
  readonly compositeKey: boolean;
}

/** A `hasMany` declaration. @internal */
export interface HasManyAssociation {
  readonly kind: 'hasMany';
  readonly model: ModelClass;
  readonly name: string;
  readonly target: () => ModelClass;
  readonly dependent: Dependent;
}

/** A `hasAndBelongsToMany` declaration. @internal */
export interface HasAndBelongsToManyAssociation {
  readonly kind: 'hasAndBelongsToMany';
  readonly model: ModelClass;
  readonly name: string;
  readonly target: () => ModelClass;
}

/** @internal */
export type Association =
  BelongsToAssociation | HasManyAssociation | HasAndBelongsToManyAssociation;

/** The kinds of association: what `Model.relatesTo(Other)` reports. */
export type AssociationKind = Association['kind'];

/** Records a declaration on the model. @internal */
export function register(association: Association): void {
  declarationsOf(association.model).associations.push(association);
}

/** Every association of a model, its ancestors' included. @internal */
export function associationsOf(model: ModelClass): readonly Association[] {
  return metadataOf(model).associations;
}

/** The model's belongsTo, if it has one (a model has at most one). @internal */
export function belongsToOf(model: ModelClass): BelongsToAssociation | undefined {
  return associationsOf(model).find((a): a is BelongsToAssociation => a.kind === 'belongsTo');
}

/** `Model.relatesTo(Other)`: how `model` declared a relation to `other`, or null. @internal */
export function relationTo(model: ModelClass, other: unknown): AssociationKind | null {
  const found = associationsOf(model).find((a) => a.target() === other);
  return found ? found.kind : null;
}

/**
 * Refuses an association name that is not an identifier, or that is already a member of the
 * model's instances (`save`, `reload`, `toString`, an attribute's accessor…): the accessor
 * would shadow it. @internal
 */
export function assertAssociationName(model: ModelClass, name: unknown, declaration: string): void {
  if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new DangerousAttributeError(
      `${model.name}.${declaration}(${JSON.stringify(name)}): an association name must be an identifier`,
    );
  }
  // `errors` is an instance field, not on the prototype.
  if (name in model.prototype || name === 'errors' || name === 'then') {
    throw new DangerousAttributeError(
      `${model.name}.${declaration}('${name}') would shadow ${model.name}#${name}: choose another name`,
    );
  }
}
