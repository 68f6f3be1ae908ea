/** Declaring validations (`validates`, `validatesEach`, `validate`) and running them (`isValid`). */
import { STATE } from '../attributes/record-state.js';
import * as persistence from '../persistence/pipeline.js';
import { validationsOf } from '../schema/model-class.js';
import type { AttributesOf } from '../schema/inference.js';
import type { AttributeName, MethodName } from '../schema/record-types.js';
import type { ModelType, Table } from '../table.js';
import { declareUniqueness } from '../uniqueness/declaration.js';
import type { ConditionOptions, EachOptions, ValidatesOptions } from '../validations/index.js';
import { Callbacks } from './callbacks.js';
import { asModel } from './core.js';

export abstract class Validations extends Callbacks {
  /** Declares validators: `this.validates('name', { presence: true, length: { maximum: 80 } })`. */
  static validates<T extends Table>(
    this: ModelType<T>,
    attributes: AttributeName<T> | readonly AttributeName<T>[],
    options: ValidatesOptions<T>,
  ): void {
    validationsOf(asModel(this), true)?.validates(attributes, options as never);
    declareUniqueness(asModel(this), attributes, options);
  }
  /** Declares a check run on each attribute's value. */
  static validatesEach<T extends Table, K extends AttributeName<T>>(
    this: ModelType<T>,
    attributes: K | readonly K[],
    check: (record: T, attribute: K, value: AttributesOf<T>[K]) => void | Promise<void>,
    options?: EachOptions<T>,
  ): void {
    validationsOf(asModel(this), true)?.validatesEach(attributes, check as never, options as never);
  }
  /** Declares a check of the whole record: a function or a method name. */
  static validate<T extends Table>(
    this: ModelType<T>,
    check: ((record: T) => void | Promise<void>) | MethodName<T>,
    options?: ConditionOptions<T>,
  ): void {
    validationsOf(asModel(this), true)?.validate(check as never, options as never);
  }

  /** Runs the validations; resolves to whether there are no errors. */
  async isValid(): Promise<boolean> {
    return persistence.runValidations(this, this[STATE].newRecord ? 'create' : 'update');
  }
}
