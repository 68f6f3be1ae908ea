/**
 * What each model declared with `belongsTo` and `hasMany`, kept beside the class so that
 * `relatesTo`, the collection proxies and the dependent hooks can find the other side.
 */
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

/** @internal */
export type Association = BelongsToAssociation | HasManyAssociation;

// Keyed by the class that declared them; subclasses see their ancestors' declarations.
const declared = new WeakMap<object, Association[]>();

/** Records a declaration on the model. @internal */
export function register(association: Association): void {
  const own = declared.get(association.model) ?? [];
  own.push(association);
  declared.set(association.model, own);
}

/** Every association of a model, its ancestors' included. @internal */
export function associationsOf(model: ModelClass): Association[] {
  const result: Association[] = [];
  for (
    let m: object | null = model;
    m && m !== Function.prototype;
    m = Object.getPrototypeOf(m) as object | null
  ) {
    result.push(...(declared.get(m) ?? []));
  }
  return result;
}

/** The model's belongsTo, if it has one (a model has at most one). @internal */
export function belongsToOf(model: ModelClass): BelongsToAssociation | undefined {
  return associationsOf(model).find((a): a is BelongsToAssociation => a.kind === 'belongsTo');
}

/** `Model.relatesTo(Other)`: how `model` declared a relation to `other`, or null. @internal */
export function relationTo(model: ModelClass, other: unknown): 'hasMany' | 'belongsTo' | null {
  const found = associationsOf(model).find((a) => a.target() === other);
  return found ? found.kind : null;
}
