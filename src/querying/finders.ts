/**
 * The argument forms of `Model.query`, `findLocal` and `findGlobal` (and their Each and Page
 * twins), turned into one {@link KeyQuery}.
 */
import { InvalidArgument, UnknownPrimaryKey } from '../errors.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import { checkComparator, checkOptions, KEY_QUERY_OPTIONS } from './arguments.js';
import { globalTarget, localTarget } from './indexes.js';
import type { Comparator, KeyQuery } from './key-query.js';
import type { PageOptions } from './pages.js';

/** Options of `query`, `queryEach` and `findLocal(Each)`. */
export interface KeyQueryOptions {
  /** The most records to return. */
  limit?: number;
  /** false: descending range key order. Default true. */
  scanIndexForward?: boolean;
  /** Strongly consistent read. Default false. */
  consistent?: boolean;
  /** The most items one Query request asks for (the Each variants stream page by page). */
  batchSize?: number;
}

/** Options of `findGlobal` and `findGlobalEach`: global indexes cannot be read consistently. */
export type GlobalQueryOptions = Omit<KeyQueryOptions, 'consistent'>;

/** Options of the Page variants. */
export type KeyQueryPageOptions = Omit<KeyQueryOptions, 'limit' | 'batchSize'> & PageOptions;

function isOptions(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

function baseQuery(
  model: ModelClass,
  options: KeyQueryOptions & PageOptions,
): Omit<KeyQuery, 'hashName' | 'hashValue'> {
  return {
    model,
    limit: options.limit,
    pageSize: options.batchSize,
    scanIndexForward: options.scanIndexForward,
    consistent: options.consistent,
  };
}

/**
 * `query(hashValue, [comparator, rangeValue,] options?)`: the items under one hash key of
 * the table, optionally narrowed on the range key.
 * @internal
 */
export function parseQuery(
  model: ModelClass,
  hashValue: unknown,
  rest: readonly unknown[],
): { query: KeyQuery; options: KeyQueryOptions & PageOptions } {
  const schema = schemaOf(model);
  let options: KeyQueryOptions & PageOptions = {};
  let range: KeyQuery['range'];
  const where = `${model.name}.query`;
  // An object is options only alone: with more arguments it stands where the comparator goes.
  if (rest.length > 1 || (rest.length === 1 && !isOptions(rest[0]))) {
    const [comparator, value, last] = rest;
    checkComparator(where, comparator);
    if (!schema.rangeKey)
      throw new UnknownPrimaryKey(`${model.name} has no range key to compare with`);
    range = { name: schema.rangeKey, comparator: comparator as Comparator, value };
    if (last !== undefined) checkOptions(where, last, KEY_QUERY_OPTIONS);
    if (isOptions(last)) options = last;
  } else if (isOptions(rest[0])) {
    checkOptions(where, rest[0], KEY_QUERY_OPTIONS);
    options = rest[0];
  }
  return {
    query: { ...baseQuery(model, options), hashName: schema.hashKey, hashValue, range },
    options,
  };
}

/**
 * `findLocal(hashName, hashValue, rangeName, comparator, value, options?)`.
 * @internal
 */
export function parseLocal(
  model: ModelClass,
  hashName: string,
  hashValue: unknown,
  rangeName: string,
  comparator: Comparator,
  value: unknown,
  options: KeyQueryOptions & PageOptions = {},
): KeyQuery {
  const where = `${model.name}.findLocal`;
  checkComparator(where, comparator);
  checkOptions(where, options, KEY_QUERY_OPTIONS);
  const target = localTarget(model, hashName, rangeName);
  return {
    ...baseQuery(model, options),
    indexName: target.indexName,
    hashName,
    hashValue,
    range: { name: rangeName, comparator, value },
  };
}

/**
 * `findGlobal(hashName, hashValue, [rangeName, comparator, value,] options?)`.
 * @internal
 */
export function parseGlobal(
  model: ModelClass,
  hashName: string,
  hashValue: unknown,
  rest: readonly unknown[],
): { query: KeyQuery; options: GlobalQueryOptions & PageOptions } {
  let options: GlobalQueryOptions & PageOptions = {};
  let range: KeyQuery['range'];
  const where = `${model.name}.findGlobal`;
  if (rest.length > 1 || (rest.length === 1 && !isOptions(rest[0]))) {
    const [rangeName, comparator, value, last] = rest;
    if (typeof rangeName !== 'string') {
      throw new InvalidArgument(
        `${where}: expected a range key name after the hash value, got ${typeof rangeName === 'object' ? 'an object (options go last)' : JSON.stringify(rangeName)}`,
        'rangeName',
      );
    }
    checkComparator(where, comparator);
    range = { name: rangeName, comparator: comparator as Comparator, value };
    if (last !== undefined) checkOptions(where, last, KEY_QUERY_OPTIONS);
    if (isOptions(last)) options = last;
  } else if (isOptions(rest[0])) {
    checkOptions(where, rest[0], KEY_QUERY_OPTIONS);
    options = rest[0];
  }
  const target = globalTarget(model, hashName, range?.name);
  return {
    query: {
      ...baseQuery(model, options),
      indexName: target.indexName,
      hashName,
      hashValue,
      range,
    },
    options,
  };
}

/** Reads an async iterable into an array. @internal */
export async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const record of records) result.push(record);
  return result;
}

/** Options of `findGlobalPage`. */
export type GlobalQueryPageOptions = Omit<KeyQueryPageOptions, 'consistent'>;
