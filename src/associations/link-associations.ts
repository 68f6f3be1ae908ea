/**
 * The `hasAndBelongsToMany` declarations of a model, as the removal of its records (destroy,
 * deleteAll) finds their links: a view of the model's associations (registry.ts).
 */
import type { ModelClass } from '../schema/model-class.js';
import {
  associationsOf,
  register,
  type Association,
  type HasAndBelongsToManyAssociation,
} from './registry.js';

/** A `hasAndBelongsToMany` declaration. @internal */
export type LinkAssociation = HasAndBelongsToManyAssociation;

function isLink(association: Association): association is LinkAssociation {
  return association.kind === 'hasAndBelongsToMany';
}

/** Records a declaration on the model. @internal */
export function registerLinkAssociation(association: LinkAssociation): void {
  register(association);
}

/** Whether the model itself declared an association of this name. @internal */
export function declaresLinkAssociation(model: ModelClass, name: string): boolean {
  return associationsOf(model).some((a) => isLink(a) && a.model === model && a.name === name);
}

/** Every hasAndBelongsToMany association of a model, its ancestors' included. @internal */
export function linkAssociationsOf(model: ModelClass): LinkAssociation[] {
  return associationsOf(model).filter(isLink);
}
