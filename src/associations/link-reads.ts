/**
 * Reading a hasAndBelongsToMany collection: the owner's links with a key query on the link
 * table (ascending, or descending for `reverse()`), each page of links read back from the
 * partner table with one batched read, then the collection's conditions applied to the
 * partner records, and `limit` counted in matches. A link whose partner is gone is skipped.
 */
import {
  GetItemCommand,
  type AttributeValue,
  type GetItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { modelSend } from '../connection/model-request.js';
import { InvalidArgument } from '../errors.js';
import type { RecordLike } from '../persistence/record-internals.js';
import { batchGetItems } from '../dynamo/batch-get.js';
import { tableKeyNames } from '../dynamo/keys.js';
import {
  assertCursorBinding,
  decodeCursor,
  encodeCursor,
  fingerprintOf,
  type CursorBinding,
} from '../querying/cursor.js';
import { queryTarget } from '../querying/indexes.js';
import { queryPages, type KeyQuery } from '../querying/key-query.js';
import type { Page, PageOptions } from '../querying/pages.js';
import type { Condition } from '../relations/conditions.js';
import { matchesAll } from '../relations/evaluate.js';
import { takePage, type MatchPage } from '../relations/execution.js';
import { andExpression } from '../dynamo/condition-expressions.js';
import { readable } from '../dynamo/expressions.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import type { LinkAssociation } from './link-associations.js';
import {
  LINK_SOURCE,
  LINK_TARGET,
  LINK_TARGET_KEY,
  linkIdOfKey,
  linkModelOf,
  linkSource,
} from './link-table.js';

type Item = Record<string, AttributeValue>;

/** DynamoDB's most keys in one BatchGetItem: a filtered, limited read takes links this many at a time. */
const LINKS_PER_READ = 100;

/** What one (possibly narrowed) collection reads. @internal */
export interface LinkScope {
  readonly owner: RecordLike & { isNewRecord(): boolean };
  readonly association: LinkAssociation;
  /** Conditions on the partner records, applied after the batched read. */
  readonly conditions: readonly Condition[];
  readonly limit: number | undefined;
  readonly reverse: boolean;
}

/** The partner model. @internal */
export function partnerOf(scope: LinkScope): ModelClass {
  return scope.association.target();
}

/** The key query of the owner's links. @internal */
export function linkQuery(scope: LinkScope): KeyQuery {
  return {
    model: linkModelOf(scope.association.model, partnerOf(scope)),
    hashName: LINK_SOURCE,
    hashValue: linkSource(scope.owner),
    consistent: true,
    scanIndexForward: !scope.reverse,
  };
}

/**
 * The pages of matching partner items, each with the raw links that led to them. `keysOnly`
 * reads back only the partners' keys when no condition needs their attributes (counting).
 */
async function* matchPages(
  scope: LinkScope,
  options: {
    limit?: number | undefined;
    startKey?: Item | undefined;
    onePage?: boolean;
    keysOnly?: boolean;
  } = {},
): AsyncGenerator<MatchPage> {
  if (scope.owner.isNewRecord()) return;
  const partner = partnerOf(scope);
  const filtered = scope.conditions.length > 0;
  const projection = options.keysOnly && !filtered ? tableKeyNames(partner) : undefined;
  const pageSize =
    options.limit === undefined
      ? undefined
      : filtered
        ? LINKS_PER_READ
        : Math.min(options.limit, LINKS_PER_READ);
  for await (const page of queryPages({
    ...linkQuery(scope),
    pageSize,
    exclusiveStartKey: options.startKey,
  })) {
    const keys = page.items.map((link) => link[LINK_TARGET_KEY]?.M as Item);
    const items = await batchGetItems(partner, keys, { consistent: true, projection });
    const matching: Item[] = [];
    const raws: Item[] = [];
    items.forEach((item, i) => {
      if (item && matchesAll(item, scope.conditions)) {
        matching.push(item);
        raws.push(page.items[i]!);
      }
    });
    yield { items: matching, raws, lastEvaluatedKey: page.lastEvaluatedKey };
    if (options.onePage) return;
  }
}

/** The matching partner items, up to the scope's limit, page by page. @internal */
export async function* linkedItems(
  scope: LinkScope,
  options: { keysOnly?: boolean } = {},
): AsyncGenerator<Item[]> {
  let remaining = scope.limit;
  for await (const page of matchPages(scope, { limit: remaining, ...options })) {
    let { items } = page;
    if (remaining !== undefined) {
      items = items.slice(0, remaining);
      remaining -= items.length;
    }
    if (items.length > 0) yield items;
    if (remaining === 0) return;
  }
}

/**
 * How many partners there are, as reads find them: a link whose partner is gone (deleted
 * without callbacks) is not counted. Un-narrowed, only the partners' keys are read back.
 * @internal
 */
export async function countLinked(scope: LinkScope): Promise<number> {
  let total = 0;
  for await (const items of linkedItems(scope, { keysOnly: true })) total += items.length;
  return total;
}

function fingerprint(scope: LinkScope): string {
  return fingerprintOf([
    scope.association.model.name,
    scope.association.name,
    linkSource(scope.owner),
    andExpression(scope.conditions, readable),
    scope.reverse,
  ]);
}

/**
 * One page of partner records: `{ items, next }`, reading on until `limit` matches; the cursor
 * is bound to the owner, the association, the conditions and the direction.
 * @internal
 */
export async function linkedPage(scope: LinkScope, options: PageOptions): Promise<Page<Item>> {
  const limit = options.limit ?? scope.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidArgument(
      `A page of ${scope.association.model.name}.${scope.association.name} needs a positive integer limit (got ${String(limit)})`,
      'limit',
    );
  }
  const binding: CursorBinding = { context: options.context, expiresIn: options.expiresIn };
  assertCursorBinding(binding);
  if (scope.owner.isNewRecord()) return { items: [], next: null };
  const query = linkQuery(scope);
  const print = fingerprint(scope);
  const startKey =
    options.after !== undefined && options.after !== null
      ? decodeCursor(options.after, query, queryTarget(query.model, undefined), print, binding)
      : undefined;
  const taken = await takePage(
    matchPages(scope, { limit, startKey, onePage: limit === undefined }),
    limit,
    (raw) => ({ [LINK_SOURCE]: raw[LINK_SOURCE]!, [LINK_TARGET]: raw[LINK_TARGET]! }),
  );
  return {
    items: taken.items,
    next: taken.lastKey ? encodeCursor(print, taken.lastKey, binding) : null,
  };
}

/** Whether the owner links the partner with this key: one consistent GetItem. @internal */
export async function isLinked(scope: LinkScope, key: Item): Promise<boolean> {
  const linkModel = linkModelOf(scope.association.model, partnerOf(scope));
  const link = await getItem(linkModel, {
    [LINK_SOURCE]: { S: linkSource(scope.owner) },
    [LINK_TARGET]: { S: linkIdOfKey(partnerOf(scope), key) },
  });
  return link !== undefined;
}

/**
 * The partner's item when the owner links it and it matches the scope's conditions, else null:
 * the link's and the record's GetItems at once. @internal
 */
export async function linkedItem(scope: LinkScope, key: Item): Promise<Item | null> {
  const [linked, item] = await Promise.all([isLinked(scope, key), getItem(partnerOf(scope), key)]);
  if (!linked || item === undefined) return null;
  return matchesAll(item, scope.conditions) ? item : null;
}

/** One consistent GetItem by key: the item, or undefined. */
async function getItem(model: ModelClass, key: Item): Promise<Item | undefined> {
  const output = await modelSend<GetItemCommandOutput>(
    model,
    new GetItemCommand({ TableName: tableFullNameOf(model), Key: key, ConsistentRead: true }),
  );
  return output.Item;
}
