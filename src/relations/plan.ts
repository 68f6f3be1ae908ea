/**
 * What a relation will send, decided when it is read or explained: Query or Scan, through
 * which key, which conditions DynamoDB filters and which are applied after a batched read
 * (attributes a keys-only or include index does not project), and the projection.
 */
import type { QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { projectionOf, type ExpressionBuilder } from '../dynamo/expressions.js';
import { tableKeyNames } from '../dynamo/keys.js';
import { fingerprintOf } from '../querying/cursor.js';
import { queryTarget, type QueryTarget } from '../querying/indexes.js';
import { queryInput, type KeyQuery, type QueryExpressions } from '../querying/key-query.js';
import { scanInput, type ScanRequest } from '../querying/scan.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import { attributesOf, type Condition } from './conditions.js';
import { andExpression, conditionExpression } from '../dynamo/condition-expressions.js';
import { readable } from '../dynamo/expressions.js';
import { selectKey, type KeySelection } from './key-selection.js';

/** Everything a relation holds; each chained call copies it with one change. @internal */
export interface RelationState {
  readonly model: ModelClass;
  /** Set when the relation starts from `Model.scan()`. */
  readonly scan: { readonly segments: number } | null;
  readonly conditions: readonly Condition[];
  readonly select: readonly string[] | null;
  readonly limit: number | undefined;
  readonly reverse: boolean;
  readonly consistent: boolean;
  /** An index name; null forces the table; undefined lets key selection choose. */
  readonly using: string | null | undefined;
  /** The most items one request asks for. */
  readonly pageSize: number | undefined;
  /** Matches nothing without asking (a collection of an unsaved parent). */
  readonly none?: boolean | undefined;
}

/** How a relation is read. @internal */
export interface Plan {
  readonly state: RelationState;
  readonly operation: 'Query' | 'Scan';
  readonly target: QueryTarget;
  readonly key: KeySelection | null;
  /** Conditions sent as the FilterExpression. */
  readonly serverFilter: readonly Condition[];
  /** Conditions applied to whole items after the batched read. */
  readonly postFilter: readonly Condition[];
  /** Whether the items returned are read again from the table by key. */
  readonly hydrate: boolean;
  /** The attributes records are read with (`select` plus keys and lock), or null for all. */
  readonly projection: readonly string[] | null;
  /** Identifies the result set, for cursors (worked out on first use). */
  readonly fingerprint: string;
}

/** The attributes a target's items hold, or null for all of them. */
function projectedNames(model: ModelClass, target: QueryTarget): Set<string> | null {
  if (target.projection === 'all') return null;
  const names = new Set([...tableKeyNames(model), ...cursorKeyNames(model, target)]);
  if (Array.isArray(target.projection)) for (const name of target.projection) names.add(name);
  return names;
}

/** The attributes of a start key: the table's keys and the index's. @internal */
export function cursorKeyNames(model: ModelClass, target: QueryTarget): string[] {
  return [
    ...new Set([
      ...tableKeyNames(model),
      target.hashKey,
      ...(target.rangeKey ? [target.rangeKey] : []),
    ]),
  ];
}

/** Works out how a relation is read; throws ScanRequired, AmbiguousIndex, UnknownIndex. @internal */
export function planOf(state: RelationState): Plan {
  const { model } = state;
  const key = state.scan ? null : selectKey(model, state.conditions, state.using);
  const target = key ? key.target : queryTarget(model, undefined);
  const filters = key ? key.filter : state.conditions;
  const projected = projectedNames(model, target);
  const postFilter = projected
    ? filters.filter((c) => !attributesOf(c).every((name) => projected.has(name)))
    : [];
  const serverFilter = filters.filter((c) => !postFilter.includes(c));
  const schema = schemaOf(model);
  const projection = state.select
    ? [
        ...new Set([
          ...state.select,
          ...cursorKeyNames(model, target),
          ...(schema.lockAttribute ? [schema.lockAttribute] : []),
        ]),
      ]
    : null;
  const hydrate =
    projected !== null &&
    (postFilter.length > 0 || projection === null || !projection.every((n) => projected.has(n)));
  // A digest of readable expressions: worked out only when a page needs a cursor.
  let fingerprint: string | undefined;
  return {
    state,
    operation: key ? 'Query' : 'Scan',
    target,
    key,
    serverFilter,
    postFilter,
    hydrate,
    projection,
    get fingerprint() {
      return (fingerprint ??= fingerprintOf([
        model.name,
        key ? 'Query' : 'Scan',
        target.indexName ?? null,
        key
          ? [key.hash, key.range].map((c) => (c ? conditionExpression(c, readable) : null))
          : null,
        andExpression(filters, readable),
        state.reverse,
      ]));
    },
  };
}

function expressions(plan: Plan): (builder: ExpressionBuilder) => QueryExpressions {
  return (builder) => ({
    filter: andExpression(plan.serverFilter, builder) || undefined,
    projection:
      plan.projection && !plan.hydrate ? projectionOf(builder, plan.projection) : undefined,
  });
}

/** The key query of a Query plan. @internal */
export function keyQueryOf(plan: Plan): KeyQuery {
  const { key, state } = plan;
  return {
    model: state.model,
    indexName: plan.target.indexName,
    hashName: key!.hash.attribute,
    hashValue: key!.hash.value,
    range: key!.range
      ? {
          name: key!.range.attribute,
          comparator: key!.range.comparator as NonNullable<KeyQuery['range']>['comparator'],
          value: key!.range.value,
        }
      : undefined,
    scanIndexForward: !state.reverse,
    consistent: state.consistent || undefined,
    expressions: expressions(plan),
  };
}

/** The scan request of a Scan plan. @internal */
export function scanRequestOf(plan: Plan): ScanRequest {
  return {
    consistent: plan.state.consistent || undefined,
    segments: plan.state.scan?.segments,
    expressions: expressions(plan),
  };
}

/** The input of the first request a plan sends. @internal */
export function firstRequest(
  plan: Plan,
  limit: number | undefined,
): QueryCommandInput | ScanCommandInput {
  const input: QueryCommandInput | ScanCommandInput =
    plan.operation === 'Query'
      ? queryInput(keyQueryOf(plan)).input
      : scanInput(plan.state.model, scanRequestOf(plan));
  if (limit !== undefined) input.Limit = limit;
  if (plan.state.scan && plan.state.scan.segments > 1) {
    (input as ScanCommandInput).Segment = 0;
    (input as ScanCommandInput).TotalSegments = plan.state.scan.segments;
  }
  return input;
}
