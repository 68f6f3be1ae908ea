/**
 * The gem's positional key queries (`query`, `findLocal`, `findGlobal` and their Each and
 * Page twins) as relations: one query engine behind every read.
 */
import type { KeyQuery } from '../querying/key-query.js';
import { keyAttributeValue } from '../querying/keys.js';
import type { Table } from '../table.js';
import { comparison } from './conditions.js';
import { initialRelation, Relation } from './relation.js';

/** The relation of a parsed key query, bound to its table or index. @internal */
export function keyQueryRelation<T extends Table>(q: KeyQuery): Relation<T> {
  const { model } = q;
  // A missing hash value is a wrong key, not an attribute-is-absent condition.
  keyAttributeValue(model, q.hashName, q.hashValue);
  const conditions = [comparison(model, q.hashName, '=', q.hashValue)];
  if (q.range) conditions.push(comparison(model, q.range.name, q.range.comparator, q.range.value));
  return new Relation<T>(
    initialRelation(model, {
      conditions,
      using: q.indexName ?? null,
      limit: q.limit,
      pageSize: q.pageSize,
      reverse: q.scanIndexForward === false,
      consistent: q.consistent === true,
    }),
  );
}
