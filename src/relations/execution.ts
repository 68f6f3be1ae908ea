/**
 * Reading a relation: its Query or Scan pages, the batched read of an index that does not
 * project every attribute (one BatchGetItem per page, pages of at most 100 keys), the
 * conditions DynamoDB could not apply, and `limit` counted in matches, not items read.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { instantiate, instantiateSelected } from '../attributes/hydration.js';
import { awsCause, awsErrorName } from '../connection/request.js';
import { InvalidArgument, InvalidCursor } from '../errors.js';
import { batchGetItems } from '../dynamo/batch-get.js';
import { tableKeyOf } from '../dynamo/keys.js';
import {
  assertCursorBinding,
  decodeCursor,
  encodeCursor,
  type CursorBinding,
} from '../querying/cursor.js';
import { queryPages } from '../querying/key-query.js';
import type { Page, PageOptions } from '../querying/pages.js';
import { scanPages } from '../querying/scan.js';
import { schemaOf } from '../schema/model-class.js';
import { attributesOf } from './conditions.js';
import { matchesAll } from './evaluate.js';
import { cursorKeyNames, keyQueryOf, scanRequestOf, type Plan } from './plan.js';

type Item = Record<string, AttributeValue>;

/** DynamoDB's most keys in one BatchGetItem. */
const HYDRATED_PAGE = 100;

/**
 * The matching items of one request, each beside the item as the Query or Scan returned it
 * (whose key resumes a page): the same array when nothing was read back. @internal
 */
export interface MatchPage {
  readonly items: Item[];
  readonly raws: Item[];
  readonly lastEvaluatedKey: Item | undefined;
}

function isFiltered(plan: Plan): boolean {
  return plan.serverFilter.length > 0 || plan.postFilter.length > 0;
}

function smallest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * The pages of matches. Without a filter `limit` goes to DynamoDB as `Limit`; with one,
 * DynamoDB's Limit would count items read, so pages are read whole and the caller stops.
 */
async function* matchPages(
  plan: Plan,
  options: { limit?: number | undefined; startKey?: Item | undefined; onePage?: boolean } = {},
): AsyncGenerator<MatchPage> {
  const { model } = plan.state;
  if (plan.state.none) return;
  const exactLimit = isFiltered(plan) ? undefined : options.limit;
  // A limited read of a hydrated index goes 100 keys at a time: no batched read of a whole
  // 1 MB page of keys when a few matches will do. Unlimited, it takes DynamoDB's pages.
  const pageSize = smallest(
    plan.state.pageSize,
    plan.hydrate && options.limit !== undefined ? HYDRATED_PAGE : undefined,
  );
  const source =
    plan.operation === 'Query'
      ? queryPages({
          ...keyQueryOf(plan),
          limit: exactLimit,
          pageSize: options.onePage ? smallest(pageSize, options.limit) : pageSize,
          exclusiveStartKey: options.startKey,
        })
      : scanPages(model, {
          ...scanRequestOf(plan),
          limit: exactLimit,
          pageSize: options.onePage ? smallest(pageSize, options.limit) : pageSize,
          exclusiveStartKey: options.startKey,
          ...(options.startKey || options.onePage ? { segments: 1 } : {}),
        });
  for await (const page of source) {
    const { items, lastEvaluatedKey } = page;
    // Items read whole are the matches as they are: no batched read to wait for.
    if (!plan.hydrate) yield { items, raws: items, lastEvaluatedKey };
    else yield { ...(await hydratedMatches(plan, items)), lastEvaluatedKey };
    if (options.onePage) return;
  }
}

async function hydratedMatches(plan: Plan, raws: Item[]): Promise<{ items: Item[]; raws: Item[] }> {
  const { model } = plan.state;
  const projection = plan.projection
    ? [...new Set([...plan.projection, ...plan.postFilter.flatMap(attributesOf)])]
    : undefined;
  const read = await batchGetItems(
    model,
    raws.map((raw) => tableKeyOf(model, raw)),
    { consistent: plan.target.kind !== 'global' && plan.state.consistent, projection },
  );
  const items: Item[] = [];
  const kept: Item[] = [];
  read.forEach((item, i) => {
    // An item deleted between the index read and the batched read is left out.
    if (item && matchesAll(item, plan.postFilter)) {
      items.push(trim(plan, item));
      kept.push(raws[i]!);
    }
  });
  return { items, raws: kept };
}

// Attributes read only to apply a filter are not part of a record read with select().
function trim(plan: Plan, item: Item): Item {
  if (!plan.projection || plan.postFilter.length === 0) return item;
  const kept: Item = {};
  for (const name of plan.projection) if (item[name] !== undefined) kept[name] = item[name];
  return kept;
}

/** Builds records from matching items. @internal */
export function recordMaker<T>(plan: Plan): (item: Item) => T {
  const model = plan.state.model as unknown as new () => T;
  if (!plan.projection) return (item) => instantiate(model, item);
  const selected = new Set(plan.projection);
  return (item) => instantiateSelected(model as new () => T & object, item, selected);
}

/** The matching items, up to the relation's limit, page by page. @internal */
export async function* matchingItems(plan: Plan): AsyncGenerator<Item[]> {
  let remaining = plan.state.limit;
  if (remaining === 0) return;
  for await (const { items } of matchPages(plan, { limit: remaining })) {
    const kept =
      remaining === undefined || items.length <= remaining ? items : items.slice(0, remaining);
    if (remaining !== undefined) remaining -= kept.length;
    if (kept.length > 0) yield kept;
    if (remaining === 0) return;
  }
}

/** Every matching record, as an array: the pages read straight into records. @internal */
export async function allRecords<T>(plan: Plan): Promise<T[]> {
  const make = recordMaker<T>(plan);
  const records: T[] = [];
  let remaining = plan.state.limit;
  if (remaining === 0) return records;
  for await (const { items } of matchPages(plan, { limit: remaining })) {
    const count = remaining === undefined ? items.length : Math.min(remaining, items.length);
    for (let i = 0; i < count; i++) records.push(make(items[i]!));
    if (remaining !== undefined && (remaining -= count) === 0) break;
  }
  return records;
}

/** The matching records, streamed page by page. @internal */
export async function* streamRecords<T>(plan: Plan): AsyncGenerator<T> {
  const make = recordMaker<T>(plan);
  for await (const items of matchingItems(plan)) for (const item of items) yield make(item);
}

/** How many items match: Select COUNT when DynamoDB can count them, else counted here. @internal */
export async function countMatches(plan: Plan): Promise<number> {
  let total = 0;
  if (plan.state.none) return 0;
  if (plan.postFilter.length > 0 || plan.state.limit !== undefined) {
    for await (const items of matchingItems(plan)) total += items.length;
    return total;
  }
  const pages =
    plan.operation === 'Query'
      ? queryPages({ ...keyQueryOf(plan), select: 'COUNT', pageSize: plan.state.pageSize })
      : scanPages(plan.state.model, { ...scanRequestOf(plan), select: 'COUNT' });
  for await (const page of pages) total += page.count;
  return total;
}

/** Whether anything matches: stops at the first match. @internal */
export async function anyMatch(plan: Plan): Promise<boolean> {
  for await (const page of matchPages(plan, { limit: 1 })) if (page.items.length > 0) return true;
  return false;
}

function keyOf(plan: Plan, raw: Item): Item {
  const key: Item = {};
  for (const name of cursorKeyNames(plan.state.model, plan.target)) key[name] = raw[name]!;
  return key;
}

/**
 * One page for a paginated API. It reads until `limit` matches (a filtered page may take
 * several requests, and may come out short when the relation ends); when a request brings
 * more matches than the page takes, the cursor resumes after the last one kept.
 * @internal
 */
export async function relationPage<T>(plan: Plan, options: PageOptions = {}): Promise<Page<T>> {
  const { model } = plan.state;
  const limit = options.limit ?? plan.state.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidArgument(
      `A page of ${model.name} needs a positive integer limit (got ${String(limit)})`,
      'limit',
    );
  }
  const hasCursor = options.after !== undefined && options.after !== null;
  const binding: CursorBinding = { context: options.context, expiresIn: options.expiresIn };
  assertCursorBinding(binding);
  const scope = plan.key
    ? { model, hashName: plan.key.hash.attribute, hashValue: plan.key.hash.value }
    : { model, hashName: schemaOf(model).hashKey, hashValue: undefined };
  const startKey = hasCursor
    ? decodeCursor(options.after, scope, plan.target, plan.fingerprint, binding)
    : undefined;
  let taken: TakenPage;
  try {
    taken = await takePage(
      matchPages(plan, { limit, startKey, onePage: limit === undefined }),
      limit,
      (raw) => keyOf(plan, raw),
    );
  } catch (error) {
    // A cursor that passed our checks but still does not fit (a tampered range value under
    // a local index): report the cursor, not DynamoDB's validation message.
    if (hasCursor && awsErrorName(error) === 'ValidationException') {
      throw new InvalidCursor(`Invalid cursor for ${model.name}: it does not fit this query`, {
        cause: awsCause(error),
      });
    }
    throw error;
  }
  const make = recordMaker<T>(plan);
  return {
    items: taken.items.map(make),
    next: taken.lastKey ? encodeCursor(plan.fingerprint, taken.lastKey, binding) : null,
  };
}

/** The items a page keeps, and the key it ends at (none after the last). @internal */
export interface TakenPage {
  readonly items: Item[];
  readonly lastKey: Item | undefined;
}

/**
 * Takes up to `limit` matches from pages of matches (all of them without a limit). When a
 * request brought more than the page takes, the page ends at the last match kept (`keyOf`
 * its raw item); otherwise where the request ended.
 * @internal
 */
export async function takePage(
  pages: AsyncIterable<MatchPage>,
  limit: number | undefined,
  keyOf: (raw: Item) => Item,
): Promise<TakenPage> {
  const items: Item[] = [];
  let lastKey: Item | undefined;
  for await (const page of pages) {
    const room = limit === undefined ? page.items.length : limit - items.length;
    const count = Math.min(room, page.items.length);
    for (let i = 0; i < count; i++) items.push(page.items[i]!);
    lastKey = count < page.items.length ? keyOf(page.raws[count - 1]!) : page.lastEvaluatedKey;
    if (items.length === limit) break;
  }
  return { items, lastKey };
}
