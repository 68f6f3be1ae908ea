/**
 * Declaring associations (src/associations/): `belongsTo`, `hasMany`, `hasAndBelongsToMany`,
 * and asking how two models relate.
 */
import { declareBelongsTo, type BelongsToOptions } from '../associations/belongs-to.js';
import { declareHasAndBelongsToMany } from '../associations/has-and-belongs-to-many.js';
import { declareHasMany, type HasManyOptions } from '../associations/has-many.js';
import { relationTo, type AssociationKind } from '../associations/registry.js';
import type { ModelClass } from '../schema/model-class.js';
import type { BelongsToDeclaration } from '../schema/options.js';
import type { ModelType, Table } from '../table.js';
import { asModel } from './core.js';
import { Querying } from './querying.js';

/** `Table.schema({ belongsTo })`: the association, declared on the schema's class. @internal */
export function declareSchemaBelongsTo(model: ModelClass, declaration: BelongsToDeclaration): void {
  declareBelongsTo(model, declaration.name, declaration.model as () => ModelClass, {
    compositeKey: declaration.compositeKey === true,
  });
}

export abstract class Associations extends Querying {
  /** The parent's id becomes the hash key (`<name>Id`), the declared hash key the range key. */
  static belongsTo<T extends Table>(
    this: ModelType<T>,
    name: string,
    target: () => ModelType,
    options?: BelongsToOptions,
  ): void {
    declareBelongsTo(asModel(this), name, target as () => ModelClass, options ?? {});
  }
  /** `parent.<name>`: a collection proxy over the children, found by key queries only. */
  static hasMany<T extends Table>(
    this: ModelType<T>,
    name: string,
    target: () => ModelType,
    options?: HasManyOptions,
  ): void {
    declareHasMany(asModel(this), name, target as () => ModelClass, options);
  }
  /** `record.<name>`: the records linked through the pair's link table; declare it on both sides. */
  static hasAndBelongsToMany<T extends Table>(
    this: ModelType<T>,
    name: string,
    target: () => ModelType,
  ): void {
    declareHasAndBelongsToMany(asModel(this), name, target as () => ModelClass);
  }
  /** `'belongsTo'`, `'hasMany'`, `'hasAndBelongsToMany'` or null: how this model declared a relation to `other`. */
  static relatesTo(this: ModelType, other: ModelType): AssociationKind | null {
    return relationTo(asModel(this), other);
  }
}
