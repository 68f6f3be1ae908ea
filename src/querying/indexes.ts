import { UnknownIndex } from '../errors.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import { globalIndexName } from '../schema/model-schema.js';
import type { IndexProjection } from '../schema/options.js';

/** What a key query runs against: the table itself, a local or a global index. @internal */
export interface QueryTarget {
  /** undefined for the table itself. */
  readonly indexName: string | undefined;
  readonly kind: 'table' | 'local' | 'global';
  readonly hashKey: string;
  readonly rangeKey: string | null;
  /** Whether the items it returns are whole (otherwise they are read again by key). */
  readonly projection: IndexProjection;
}

/** Every index the model declares, for messages. */
function declaredIndexes(model: ModelClass): string {
  const schema = schemaOf(model);
  const names = [
    ...schema.localIndexes.map((index) => `${index.name} (local)`),
    ...schema.globalIndexes.map((index) => `${index.name} (global)`),
  ];
  return names.length > 0 ? names.join(', ') : 'none';
}

/**
 * Resolves an index name (undefined: the table) to what a query needs, or throws
 * UnknownIndex naming the indexes the model does declare.
 * @internal
 */
export function queryTarget(model: ModelClass, indexName: string | undefined): QueryTarget {
  const schema = schemaOf(model);
  if (indexName === undefined) {
    return {
      indexName: undefined,
      kind: 'table',
      hashKey: schema.hashKey,
      rangeKey: schema.rangeKey,
      projection: 'all',
    };
  }
  const local = schema.localIndexes.find((index) => index.name === indexName);
  if (local)
    return {
      indexName,
      kind: 'local',
      hashKey: schema.hashKey,
      rangeKey: local.rangeKey,
      projection: 'all',
    };
  const global = schema.globalIndexes.find((index) => index.name === indexName);
  if (global)
    return {
      indexName,
      kind: 'global',
      hashKey: global.hashKey,
      rangeKey: global.rangeKey,
      projection: global.projection,
    };
  throw new UnknownIndex(
    `${model.name} declares no index '${indexName}' (its indexes: ${declaredIndexes(model)})`,
  );
}

/** The local index on `rangeName`, as `findLocal` names it. @internal */
export function localTarget(model: ModelClass, hashName: string, rangeName: string): QueryTarget {
  const schema = schemaOf(model);
  if (!schema.localIndexes.some((index) => index.name === rangeName)) {
    throw new UnknownIndex(
      `${model.name} declares no local index on '${rangeName}' (its indexes: ${declaredIndexes(model)}); declare it with attr.…({ localSecondaryIndex: true })`,
    );
  }
  if (hashName !== schema.hashKey) {
    throw new UnknownIndex(
      `${model.name}'s local index '${rangeName}' is keyed by the table's hash key '${schema.hashKey}', not '${hashName}'`,
    );
  }
  return queryTarget(model, rangeName);
}

/**
 * The global index for `findGlobal(hashName, …, rangeName?)`: named `<hash>_global` or
 * `<hash>_<range>_global`. Without a range name, the one global index on that hash key will do.
 * @internal
 */
export function globalTarget(model: ModelClass, hashName: string, rangeName?: string): QueryTarget {
  const schema = schemaOf(model);
  const exact = globalIndexName(hashName, rangeName);
  if (schema.globalIndexes.some((index) => index.name === exact)) return queryTarget(model, exact);
  if (rangeName === undefined) {
    const candidates = schema.globalIndexes.filter((index) => index.hashKey === hashName);
    if (candidates.length === 1) return queryTarget(model, candidates[0]!.name);
  }
  throw new UnknownIndex(
    `${model.name} declares no global index '${exact}' (its indexes: ${declaredIndexes(model)})`,
  );
}
