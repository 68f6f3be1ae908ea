/**
 * Which key serves a relation: the primary key, a local or a global index whose hash key has
 * an `=` condition. One whose range key also has a key comparator wins; then the table beats
 * local indexes, which beat global ones; a remaining tie is AmbiguousIndex. Without a
 * candidate the relation would have to scan: ScanRequired, naming what would allow a Query.
 */
import { AmbiguousIndex, ScanRequired } from '../errors.js';
import { queryTarget, type QueryTarget } from '../querying/indexes.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import type { Comparison, Condition } from './conditions.js';

const RANGE_COMPARATORS: ReadonlySet<string> = new Set([
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'between',
  'begins_with',
]);
const RANK = { table: 0, local: 1, global: 2 } as const;

/** The key a Query uses and the conditions left for the filter. @internal */
export interface KeySelection {
  readonly target: QueryTarget;
  readonly hash: Comparison;
  readonly range: Comparison | undefined;
  readonly filter: readonly Condition[];
}

/** Every target a model can be queried through: the table, then its indexes. @internal */
export function allTargets(model: ModelClass): QueryTarget[] {
  const schema = schemaOf(model);
  return [
    queryTarget(model, undefined),
    ...schema.localIndexes.map((index) => queryTarget(model, index.name)),
    ...schema.globalIndexes.map((index) => queryTarget(model, index.name)),
  ];
}

function isKeyValue(c: Comparison): boolean {
  return c.operands.every((v) => v.S !== undefined || v.N !== undefined);
}

function first(
  conditions: readonly Condition[],
  attribute: string | null,
  allowed: ReadonlySet<string>,
): Comparison | undefined {
  if (attribute === null) return undefined;
  return conditions.find(
    (c): c is Comparison =>
      c.kind === 'compare' &&
      c.attribute === attribute &&
      allowed.has(c.comparator) &&
      isKeyValue(c),
  );
}

const EQUALS: ReadonlySet<string> = new Set(['=']);

function selectionFor(
  target: QueryTarget,
  conditions: readonly Condition[],
): KeySelection | undefined {
  const hash = first(conditions, target.hashKey, EQUALS);
  if (!hash) return undefined;
  const range = first(
    conditions.filter((c) => c !== hash),
    target.rangeKey,
    RANGE_COMPARATORS,
  );
  return { target, hash, range, filter: conditions.filter((c) => c !== hash && c !== range) };
}

function describe(target: QueryTarget): string {
  return target.indexName === undefined ? 'the table' : `index '${target.indexName}'`;
}

/**
 * The key for a relation's conditions; `using` names the index to use (`null`: the table).
 * @internal
 */
export function selectKey(
  model: ModelClass,
  conditions: readonly Condition[],
  using: string | null | undefined,
): KeySelection {
  if (using !== undefined) {
    const target = queryTarget(model, using ?? undefined);
    const chosen = selectionFor(target, conditions);
    if (!chosen) {
      throw new ScanRequired(
        `${model.name}.using('${using}'): ${describe(target)} needs an = condition on '${target.hashKey}'`,
      );
    }
    return chosen;
  }
  const candidates = allTargets(model)
    .map((target) => selectionFor(target, conditions))
    .filter((s): s is KeySelection => s !== undefined);
  if (candidates.length === 0) {
    const options = allTargets(model).map(
      (target) =>
        `'${target.hashKey}'${target.indexName === undefined ? '' : ` (${describe(target)})`}`,
    );
    throw new ScanRequired(
      `${model.name}: no key serves these conditions, so DynamoDB would have to scan. Add an = condition on ${[...new Set(options)].join(' or ')}, or start from ${model.name}.scan()`,
    );
  }
  const score = (s: KeySelection) => (s.range ? 0 : 10) + RANK[s.target.kind];
  const best = Math.min(...candidates.map(score));
  const winners = candidates.filter((s) => score(s) === best);
  if (winners.length > 1) {
    throw new AmbiguousIndex(
      `${model.name}: ${winners.map((s) => describe(s.target)).join(' and ')} serve these conditions equally well; choose one with using(name)`,
    );
  }
  return winners[0]!;
}
