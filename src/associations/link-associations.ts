/**
 * What each model declared with `hasAndBelongsToMany`, kept beside the class so that the
 * removal of its records (destroy, deleteAll) can find their links.
 */
import type { ModelClass } from '../schema/model-class.js';

/** A `hasAndBelongsToMany` declaration. @internal */
export interface LinkAssociation {
  readonly model: ModelClass;
  readonly name: string;
  readonly target: () => ModelClass;
}

// Keyed by the class that declared them; subclasses see their ancestors' declarations.
const declared = new WeakMap<object, Map<string, LinkAssociation>>();

/** Records a declaration on the model. @internal */
export function registerLinkAssociation(association: LinkAssociation): void {
  const own = declared.get(association.model) ?? new Map<string, LinkAssociation>();
  own.set(association.name, association);
  declared.set(association.model, own);
}

/** Whether the model itself declared an association of this name. @internal */
export function declaresLinkAssociation(model: ModelClass, name: string): boolean {
  return declared.get(model)?.has(name) ?? false;
}

/** Every hasAndBelongsToMany association of a model, its ancestors' included. @internal */
export function linkAssociationsOf(model: ModelClass): LinkAssociation[] {
  const result: LinkAssociation[] = [];
  for (
    let m: object | null = model;
    m && m !== Function.prototype;
    m = Object.getPrototypeOf(m) as object | null
  ) {
    result.push(...(declared.get(m)?.values() ?? []));
  }
  return result;
}
