import type { ModelClass } from '../schema/model-class.js';

/**
 * Tables that belong with a model's own and are created and deleted with it: the guard table
 * of its unique attributes, the link tables of its hasAndBelongsToMany associations. Each is
 * given as a function, resolved when needed, since the other side of an association may not
 * be defined yet when it is declared.
 */
const companions = new WeakMap<object, (() => ModelClass)[]>();

/** Registers a companion table of `model`. @internal */
export function addCompanionTable(model: ModelClass, companion: () => ModelClass): void {
  const own = companions.get(model) ?? [];
  own.push(companion);
  companions.set(model, own);
}

/** The companion tables of a model (its ancestors' included), each once. @internal */
export function companionTablesOf(model: ModelClass): ModelClass[] {
  const result = new Set<ModelClass>();
  for (
    let m: object | null = model;
    m && m !== Function.prototype;
    m = Object.getPrototypeOf(m) as object | null
  ) {
    for (const companion of companions.get(m) ?? []) result.add(companion());
  }
  return [...result];
}
