/**
 * Creating, saving, destroying and reloading records (Rails `persistence.rb`): thin entries to
 * the save/destroy pipeline in src/persistence/pipeline.ts.
 */
import { STATE } from '../attributes/record-state.js';
import { resetLinkCollections } from '../associations/has-and-belongs-to-many.js';
import { resetCollections } from '../associations/has-many.js';
import { insertAll, type InsertAllOptions, type InsertReport } from '../bulk/insert-all.js';
import { withOptimisticRetry, type OptimisticRetryOptions } from '../locking/optimistic-retry.js';
import * as persistence from '../persistence/pipeline.js';
import { increment } from '../persistence/increment.js';
import { reload } from '../persistence/reload.js';
import { deleteAll, deleteByKey, destroyAll } from '../persistence/removal.js';
import type { WriteConditions } from '../relations/types.js';
import type { ModelInput } from '../schema/inference.js';
import type { AttributeNameOf } from '../schema/record-types.js';
import type { ModelType, Table } from '../table.js';
import { asModel } from './core.js';
import { Validations } from './validations.js';

/**
 * `{ if: conditions }` of a conditional write, names and values typed as in `where` for a
 * model `T`: ANDed with the lock; ConditionNotMet when they do not hold
 * (relations/conditional-write.ts).
 */
export type WriteIf<T = Table> = { if?: WriteConditions<T> };

/** Builds a record of `model`: `new Model(attributes)` for a `this`-typed static. @internal */
export function build<T extends Table>(model: ModelType<T>, attributes?: object): T {
  return new (model as unknown as new (a?: object) => T)(attributes);
}

export abstract class Persistence extends Validations {
  /** Builds and saves a record; resolves to it whether or not it passed validation. */
  static async create<T extends Table>(this: ModelType<T>, attributes?: ModelInput<T>): Promise<T> {
    const record = build(this, attributes);
    await record.save();
    return record;
  }
  /** Builds and saves a record; throws RecordInvalid or RecordNotSaved when it cannot. */
  static async createOrThrow<T extends Table>(
    this: ModelType<T>,
    attributes?: ModelInput<T>,
  ): Promise<T> {
    const record = build(this, attributes);
    await record.saveOrThrow();
    return record;
  }
  /**
   * Writes many new records with BatchWriteItem (25 a request, several in flight), streaming
   * `records` so memory stays flat. Validations run unless `validate: false`; callbacks only
   * with `callbacks: true`; existing keys are refused unless `overwrite: true`.
   */
  static async insertAll<T extends Table>(
    this: ModelType<T>,
    records: Iterable<ModelInput<T>> | AsyncIterable<ModelInput<T>>,
    options?: InsertAllOptions,
  ): Promise<InsertReport> {
    return insertAll(asModel(this), records, options);
  }
  /** Deletes one item by key, without callbacks; resolves to whether it existed. One request. */
  static async delete(this: ModelType, hash: unknown, range?: unknown): Promise<boolean> {
    return deleteByKey(asModel(this), hash, range);
  }
  /** Deletes every item without callbacks (keys-only Scan, BatchWriteItem); resolves to how many. */
  static async deleteAll(this: ModelType): Promise<number> {
    return deleteAll(asModel(this));
  }
  /** Destroys every record with its callbacks; resolves to how many were destroyed. Scans. */
  static async destroyAll(this: ModelType): Promise<number> {
    return destroyAll(asModel(this));
  }
  /**
   * Reads the record (consistently), applies `apply`, saves; on StaleObjectError reads it
   * again and retries after a jittered backoff, `attempts` times in all. `key` is the hash
   * value, or `[hash, range]`. Resolves to the saved record.
   */
  static async withOptimisticRetry<T extends Table>(
    this: ModelType<T>,
    key: unknown,
    apply: (record: T) => unknown,
    options?: OptimisticRetryOptions,
  ): Promise<T> {
    return withOptimisticRetry<T>(asModel(this), key, apply, options);
  }

  /** Creates or updates; false when invalid or halted by a callback. */
  async save(options?: persistence.SaveOptions & WriteIf<this>): Promise<boolean> {
    return persistence.save(this, options as persistence.SaveOptions & WriteIf);
  }
  /** Creates or updates; throws RecordInvalid or RecordNotSaved instead of returning false. */
  async saveOrThrow(options?: persistence.SaveOptions & WriteIf<this>): Promise<true> {
    return persistence.saveOrThrow(this, options as persistence.SaveOptions & WriteIf);
  }
  /** Assigns and saves. */
  async update(attributes: ModelInput<this>, options?: WriteIf<this>): Promise<boolean> {
    this.assignAttributes(attributes);
    return this.save(options);
  }
  /** Alias of update. */
  async updateAttributes(attributes: ModelInput<this>): Promise<boolean> {
    return this.update(attributes);
  }
  /** Assigns and saves; throws instead of returning false. */
  async updateOrThrow(attributes: ModelInput<this>, options?: WriteIf<this>): Promise<true> {
    this.assignAttributes(attributes);
    return this.saveOrThrow(options);
  }
  /** Alias of updateOrThrow. */
  async updateAttributesOrThrow(attributes: ModelInput<this>): Promise<true> {
    return this.updateOrThrow(attributes);
  }
  /** Destroys with callbacks and the lock check; false when halted. */
  async destroy(options?: WriteIf<this>): Promise<boolean> {
    return persistence.destroy(this, options as WriteIf);
  }
  /** Destroys; throws RecordNotDestroyed when halted. */
  async destroyOrThrow(options?: WriteIf<this>): Promise<true> {
    return persistence.destroyOrThrow(this, options as WriteIf);
  }
  /** Deletes the item: no callbacks, no lock check. */
  async delete(): Promise<void> {
    await persistence.deleteRecord(this);
  }
  /** Reads the item again (consistent by default). */
  async reload(options?: { consistent?: boolean }): Promise<this> {
    resetCollections(this);
    resetLinkCollections(this);
    await reload(this, options);
    this[STATE].selected = undefined;
    return this;
  }
  /** Sets the update timestamp (and the named datetime attribute), under the lock. */
  async touch(name?: AttributeNameOf<this, Date>): Promise<this> {
    await persistence.touch(this, name);
    return this;
  }
  /** Atomically adds `by` to a number attribute; resolves to the new value. Bypasses the lock. */
  async increment(name: AttributeNameOf<this, number>, by = 1): Promise<number> {
    return increment(this, name, by);
  }
}
