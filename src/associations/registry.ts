/**
 * What each model declared with `belongsTo` and `hasMany`, kept beside the class so that
 * `relatesTo`, the collection proxies and the dependent hooks can find the other side.
 */
import { DangerousAttributeError } from '../errors.js';
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
