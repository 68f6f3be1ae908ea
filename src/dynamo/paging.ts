/**
 * DynamoDB's paging loop, for Query and Scan alike: one request a page, each resuming at the
 * previous page's LastEvaluatedKey, until the last page or until `limit` items were read.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

/** One DynamoDB page of a Query or Scan. @internal */
export interface ItemPage {
  /** The raw items, as the table or index holds them (empty when counting). */
  items: Item[];
  /** How many items matched in this page. */
  count: number;
  /** Where the next page starts; undefined after the last. */
  lastEvaluatedKey?: Item | undefined;
}

/** The part of a Query or Scan answer that paging reads. @internal */
export interface PageOutput {
  Items?: Item[] | undefined;
  Count?: number | undefined;
  LastEvaluatedKey?: Item | undefined;
}

/** The paging parameters of one request: none on a first, unlimited page. @internal */
export interface PageRequest {
  Limit?: number;
  ExclusiveStartKey?: Item;
}

/** How far to page. @internal */
export interface PagingOptions {
  /** The most items to ask DynamoDB for in one request. */
  pageSize?: number | undefined;
  /** The most items over all pages. */
  limit?: number | undefined;
  /** Where to resume: a page's `lastEvaluatedKey`. */
  startKey?: Item | undefined;
}

/**
 * The pages of one Query or Scan. `send` sends the request with the page's Limit and
 * ExclusiveStartKey added.
 * @internal
 */
export async function* pagesOf(
  send: (page: PageRequest) => Promise<PageOutput>,
  options: PagingOptions,
): AsyncGenerator<ItemPage> {
  let startKey = options.startKey;
  let remaining = options.limit;
  if (remaining !== undefined && remaining <= 0) return;
  do {
    const pageLimit = minDefined(remaining, options.pageSize);
    const output = await send({
      ...(pageLimit !== undefined ? { Limit: pageLimit } : {}),
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    });
    const items = output.Items ?? [];
    const count = output.Count ?? items.length;
    if (remaining !== undefined) remaining -= count;
    startKey = output.LastEvaluatedKey;
    yield { items, count, lastEvaluatedKey: startKey };
  } while (startKey && (remaining === undefined || remaining > 0));
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
