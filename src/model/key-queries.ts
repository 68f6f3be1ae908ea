/**
 * The gem's positional key queries: `query`, `findLocal`, `findGlobal`, each with an Each
 * (streamed) and a Page twin. Every one is a thin entry to the relation engine
 * (relations/key-relation.ts): its arguments are parsed into one key query, then read whole,
 * streamed or as one page.
 */
import {
  parseGlobal,
  parseLocal,
  parseQuery,
  type GlobalQueryOptions,
  type GlobalQueryPageOptions,
  type KeyQueryOptions,
  type KeyQueryPageOptions,
} from '../querying/finders.js';
import type { Comparator, KeyQuery } from '../querying/key-query.js';
import type { Page, PageOptions } from '../querying/pages.js';
import { keyQueryRelation } from '../relations/key-relation.js';
import type { ModelClass } from '../schema/model-class.js';
import type { ModelType, Table } from '../table.js';
import { asModel } from './core.js';
import { Finders } from './finders.js';

/** How a key query is read: whole, streamed page by page, or one page. */
export type KeyQueryReading = 'array' | 'each' | 'page';

/** What a key query read as `R` resolves to. */
export type KeyQueryResult<T, R extends KeyQueryReading> = R extends 'array'
  ? Promise<T[]>
  : R extends 'each'
    ? AsyncIterable<T>
    : Promise<Page<T>>;

/** `query(hashValue, [comparator, rangeValue,] options?)` and its twins. */
export interface TableKeyQuery<R extends KeyQueryReading, O> {
  <T extends Table>(this: ModelType<T>, hashValue: unknown, options?: O): KeyQueryResult<T, R>;
  <T extends Table>(
    this: ModelType<T>,
    hashValue: unknown,
    comparator: Comparator,
    rangeValue: unknown,
    options?: O,
  ): KeyQueryResult<T, R>;
}

/** `findLocal(hashName, hashValue, rangeName, comparator, value, options?)` and its twins. */
export type LocalKeyQuery<R extends KeyQueryReading, O> = <T extends Table>(
  this: ModelType<T>,
  hashName: string,
  hashValue: unknown,
  rangeName: string,
  comparator: Comparator,
  value: unknown,
  options?: O,
) => KeyQueryResult<T, R>;

/** `findGlobal(hashName, hashValue, [rangeName, comparator, value,] options?)` and its twins. */
export interface GlobalKeyQuery<R extends KeyQueryReading, O> extends LocalKeyQuery<R, O> {
  <T extends Table>(
    this: ModelType<T>,
    hashName: string,
    hashValue: unknown,
    options?: O,
  ): KeyQueryResult<T, R>;
}

interface Parsed {
  query: KeyQuery;
  options: PageOptions;
}
type Parser = (model: ModelClass, args: unknown[]) => Parsed;

// The Promise readers are async so that a bad argument rejects, as it always has; the Each
// reader throws at once, before anything is iterated.
const READERS = {
  array: async (parse: () => Parsed) => keyQueryRelation(parse().query).toArray(),
  each: (parse: () => Parsed) => keyQueryRelation(parse().query),
  page: async (parse: () => Parsed) => {
    const { query, options } = parse();
    return keyQueryRelation(query).page(options);
  },
};

const byTableKey: Parser = (model, [hashValue, ...rest]) => parseQuery(model, hashValue, rest);
const byLocalIndex: Parser = (model, args) => {
  const [hashName, hashValue, rangeName, comparator, value, options] = args as Parameters<
    LocalKeyQuery<'array', KeyQueryOptions & PageOptions>
  >;
  return {
    query: parseLocal(model, hashName, hashValue, rangeName, comparator, value, options),
    options: options ?? {},
  };
};
const byGlobalIndex: Parser = (model, [hashName, hashValue, ...rest]) =>
  parseGlobal(model, hashName as string, hashValue, rest);

function entry<E>(reading: KeyQueryReading, parse: Parser): E {
  const read = READERS[reading];
  return function (this: ModelType, ...args: unknown[]) {
    return read(() => parse(asModel(this), args));
  } as E;
}

export abstract class KeyQueries extends Finders {
  /** The records under one hash key, in range key order, optionally narrowed on the range key. */
  static query = entry<TableKeyQuery<'array', KeyQueryOptions>>('array', byTableKey);
  /** As query, streamed page by page. */
  static queryEach = entry<TableKeyQuery<'each', KeyQueryOptions>>('each', byTableKey);
  /** One page of query: `{ items, next }`; pass `next` back as `after`. */
  static queryPage = entry<TableKeyQuery<'page', KeyQueryPageOptions>>('page', byTableKey);
  /** The records found through the local index on `rangeName`. */
  static findLocal = entry<LocalKeyQuery<'array', KeyQueryOptions>>('array', byLocalIndex);
  /** As findLocal, streamed page by page. */
  static findLocalEach = entry<LocalKeyQuery<'each', KeyQueryOptions>>('each', byLocalIndex);
  /** One page of findLocal: `{ items, next }`. */
  static findLocalPage = entry<LocalKeyQuery<'page', KeyQueryPageOptions>>('page', byLocalIndex);
  /** The records found through the global index on `hashName` (and `rangeName`). */
  static findGlobal = entry<GlobalKeyQuery<'array', GlobalQueryOptions>>('array', byGlobalIndex);
  /** As findGlobal, streamed page by page. */
  static findGlobalEach = entry<GlobalKeyQuery<'each', GlobalQueryOptions>>('each', byGlobalIndex);
  /** One page of findGlobal: `{ items, next }`. */
  static findGlobalPage = entry<GlobalKeyQuery<'page', GlobalQueryPageOptions>>(
    'page',
    byGlobalIndex,
  );
}
