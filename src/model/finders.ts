/** Reading by key (GetItem, BatchGetItem) and whole-table reads (Scan). */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { findByKey, findMany, findOne, type FindOptions } from '../querying/find.js';
import {
  allRecords,
  approximateCount,
  countItems,
  scanRecords,
  type ScanOptions,
} from '../querying/scan.js';
import type { ModelType, Table } from '../table.js';
import { asModel } from './core.js';
import { Persistence } from './persistence.js';

// A few static overloads accept (hash, options) for tables without a range key.
function splitRangeAndOptions(
  range: unknown,
  options: FindOptions | undefined,
): [unknown, FindOptions | undefined] {
  if (
    options === undefined &&
    range !== null &&
    typeof range === 'object' &&
    !(range instanceof Date)
  ) {
    return [undefined, range as FindOptions];
  }
  return [range, options];
}

export abstract class Finders extends Persistence {
  /**
   * One GetItem by key; throws RecordNotFound. Given an array of keys (`hash` values, or
   * `[hash, range]` pairs), reads them with BatchGetItem and resolves to records in that order.
   */
  static async find<T extends Table>(
    this: ModelType<T>,
    keys: readonly unknown[],
    options?: FindOptions,
  ): Promise<T[]>;
  static async find<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    range?: unknown,
    options?: FindOptions,
  ): Promise<T>;
  static async find<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    options?: FindOptions,
  ): Promise<T>;
  static async find<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    range?: unknown,
    options?: FindOptions,
  ): Promise<T | T[]> {
    if (Array.isArray(hash))
      return findMany<T>(asModel(this), hash, (range as FindOptions | undefined) ?? options);
    [range, options] = splitRangeAndOptions(range, options);
    return findOne<T>(asModel(this), hash, range, options);
  }
  /** One GetItem by key; resolves to null when there is no such item. */
  static async findByKey<T extends Table>(
    this: ModelType<T>,
    hash: unknown,
    range?: unknown,
    options?: FindOptions,
  ): Promise<T | null> {
    [range, options] = splitRangeAndOptions(range, options);
    return findByKey<T>(asModel(this), hash, range, options);
  }
  /** Alias of findByKey. */
  static findById = this.findByKey;
  /** Builds an instance from a DynamoDB item, as read by your own requests. */
  static instantiate<T extends Table>(this: ModelType<T>, item: Record<string, AttributeValue>): T {
    return instantiate(this as unknown as new () => T, item);
  }

  /** Every record: a Scan of every page. */
  static async all<T extends Table>(this: ModelType<T>, options?: ScanOptions): Promise<T[]> {
    return allRecords<T>(asModel(this), options);
  }
  /** Every record, streamed page by page: `for await (const m of Model.findEach())`. Scans. */
  static findEach<T extends Table>(this: ModelType<T>, options?: ScanOptions): AsyncIterable<T> {
    return scanRecords<T>(asModel(this), options);
  }
  /** The exact number of items: a Scan with Select COUNT over every page. */
  static async count(
    this: ModelType,
    options?: { consistent?: boolean; segments?: number },
  ): Promise<number> {
    return countItems(asModel(this), options);
  }
  /** DynamoDB's item count from DescribeTable (refreshed about every six hours): no scan. */
  static async approximateCount(this: ModelType): Promise<number> {
    return approximateCount(asModel(this));
  }
}
