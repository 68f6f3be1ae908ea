/**
 * Tables that belong with a model's own and are created and deleted with it: the guard table
 * of its unique attributes, the link tables of its hasAndBelongsToMany associations. Each is
 * kept in the model's metadata as a function, resolved when needed, since the other side of
 * an association may not be defined yet when it is declared.
 */
import { declarationsOf, metadataOf } from '../model/metadata.js';
import type { ModelClass } from '../schema/model-class.js';

/** Registers a companion table of `model`, once for the declaration `owner`. @internal */
export function addCompanionTable(
  model: ModelClass,
  companion: () => ModelClass,
  owner: object = companion,
): void {
  const own = declarationsOf(model).companionTables;
  if (!own.has(owner)) own.set(owner, companion);
}

/** The companion tables of a model (its ancestors' included), each once. @internal */
export function companionTablesOf(model: ModelClass): ModelClass[] {
  return [...new Set([...metadataOf(model).companionTables.values()].map((table) => table()))];
}
