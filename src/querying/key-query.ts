/**
 * The key query: every read that is not a scan goes through here (relations, and with them
 * Model.query, findLocal, findGlobal, their pages, and association collections). One hash value, an optional range
 * condition, every name and value through placeholders and every value serialized by its
 * attribute's codec, so dates and numbers compare as they are stored.
 */
import {
  QueryCommand,
  type AttributeValue,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { modelSend } from '../connection/model-request.js';
import { InvalidArgument, InvalidCondition, UnknownIndex, UnknownPrimaryKey } from '../errors.js';
import { batchGetItems } from '../dynamo/batch-get.js';
import { comparisonExpression } from '../dynamo/condition-expressions.js';
import { ExpressionBuilder } from '../dynamo/expressions.js';
import { tableKeyOf } from '../dynamo/keys.js';
import { pagesOf, type ItemPage } from '../dynamo/paging.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { queryTarget, type QueryTarget } from './indexes.js';
import { keyAttributeValue } from './keys.js';

type Item = Record<string, AttributeValue>;

/** The range key comparators of API.md. `between` takes `[low, high]`. */
export type Comparator = '=' | '<' | '<=' | '>' | '>=' | 'begins_with' | 'between';

/** Every comparator, for checking what callers pass. @internal */
export const COMPARATORS: ReadonlySet<unknown> = new Set<Comparator>([
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'begins_with',
  'between',
]);

/** One key query. @internal */
export interface KeyQuery {
  model: ModelClass;
  /** A declared local or global index; undefined queries the table. */
  indexName?: string | undefined;
  hashName: string;
  hashValue: unknown;
  range?: { name: string; comparator: Comparator; value: unknown } | undefined;
  /** The most items to return over all pages. */
  limit?: number | undefined;
  /** The most items to ask DynamoDB for in one request. */
  pageSize?: number | undefined;
  /** Ascending range key order (default true). */
  scanIndexForward?: boolean | undefined;
  /** Strongly consistent read: the table and local indexes only. */
  consistent?: boolean | undefined;
  /** Count only: pages carry `count` and no items. */
  select?: 'COUNT' | undefined;
  /** Where to resume: a page's `lastEvaluatedKey`. */
  exclusiveStartKey?: Item | undefined;
  /** A relation's FilterExpression and ProjectionExpression, through the same placeholders. */
  expressions?: ((builder: ExpressionBuilder) => QueryExpressions) | undefined;
}

/** Expressions sent beside the key condition. @internal */
export interface QueryExpressions {
  filter?: string | undefined;
  projection?: string | undefined;
}

/** One DynamoDB page of a key query. @internal */
export type QueryPage = ItemPage;

/** The request a key query sends first (without Limit and ExclusiveStartKey). @internal */
export function queryInput(q: KeyQuery): { input: QueryCommandInput; target: QueryTarget } {
  const { model } = q;
  const target = queryTarget(model, q.indexName);
  const where = target.indexName ? `${model.name}'s index '${target.indexName}'` : model.name;
  if (q.hashName !== target.hashKey) {
    throw new UnknownIndex(`${where} is queried by '${target.hashKey}', not '${q.hashName}'`);
  }
  if (q.consistent === true && target.kind === 'global') {
    throw new InvalidArgument(
      `${where} is a global index: DynamoDB cannot read it consistently`,
      'consistent',
    );
  }
  const builder = new ExpressionBuilder();
  let condition = `${builder.name(q.hashName)} = ${builder.value(keyAttributeValue(model, q.hashName, q.hashValue))}`;
  if (q.range) condition += ` AND ${rangeCondition(q, target, builder)}`;
  const extra = q.expressions?.(builder);
  const input: QueryCommandInput = {
    TableName: tableFullNameOf(model),
    KeyConditionExpression: condition,
    ...(extra?.filter ? { FilterExpression: extra.filter } : {}),
    ...(extra?.projection && q.select !== 'COUNT'
      ? { ProjectionExpression: extra.projection }
      : {}),
    ...builder.maps(),
  };
  if (target.indexName) input.IndexName = target.indexName;
  if (q.scanIndexForward === false) input.ScanIndexForward = false;
  if (q.consistent === true) input.ConsistentRead = true;
  if (q.select === 'COUNT') input.Select = 'COUNT';
  return { input, target };
}

function rangeCondition(q: KeyQuery, target: QueryTarget, builder: ExpressionBuilder): string {
  const { model } = q;
  const { name, comparator, value } = q.range!;
  if (target.rangeKey === null) {
    throw new UnknownPrimaryKey(
      `${model.name}${target.indexName ? `'s index '${target.indexName}'` : ''} has no range key to compare '${name}' with`,
    );
  }
  if (name !== target.rangeKey) {
    throw new UnknownPrimaryKey(
      `${model.name}${target.indexName ? `'s index '${target.indexName}'` : ''} has range key '${target.rangeKey}', not '${name}'`,
    );
  }
  if (!COMPARATORS.has(comparator)) {
    throw new InvalidCondition(
      `Unknown comparator '${String(comparator)}' for ${model.name}.${name} (use ${[...COMPARATORS].join(', ')})`,
      'comparator',
    );
  }
  if (comparator === 'between' && (!Array.isArray(value) || value.length !== 2)) {
    throw new InvalidCondition(`'between' on ${model.name}.${name} takes [low, high]`);
  }
  const operands = comparator === 'between' ? (value as unknown[]) : [value];
  const serialized = operands.map((v) => keyAttributeValue(model, name, v));
  return comparisonExpression(name, comparator, serialized, builder);
}

/**
 * The pages of a key query, one Query request each, until the last page or `limit` items.
 * @internal
 */
export function queryPages(q: KeyQuery): AsyncGenerator<QueryPage> {
  // The paging loop's own generator, not one delegating to it: a page costs one less
  // generator step. The request is checked when this is called.
  const { input } = queryInput(q);
  return pagesOf(
    (page) =>
      modelSend<QueryCommandOutput>(
        q.model,
        new QueryCommand({ ...input, ...page }),
        input.TableName,
      ),
    { pageSize: q.pageSize, limit: q.limit, startKey: q.exclusiveStartKey },
  );
}

/**
 * Whole items for a page of raw query items: an index projecting fewer than all attributes
 * is read again from the table with BatchGetItem (never one read per item). Items deleted
 * in between are left out; the order is the query's.
 * @internal
 */
export async function wholeItems(
  model: ModelClass,
  target: QueryTarget,
  items: Item[],
): Promise<Item[]> {
  if (target.projection === 'all' || items.length === 0) return items;
  const read = await batchGetItems(
    model,
    items.map((item) => tableKeyOf(model, item)),
  );
  return read.filter((item): item is Item => item !== undefined);
}

/** The records of a key query, streamed page by page. @internal */
export async function* queryRecords<T>(q: KeyQuery): AsyncGenerator<T> {
  const { target } = queryInput(q);
  for await (const page of queryPages(q)) {
    for (const item of await wholeItems(q.model, target, page.items)) {
      yield instantiate(q.model as unknown as new () => T, item);
    }
  }
}
