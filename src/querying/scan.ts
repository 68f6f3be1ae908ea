/**
 * Reads of the whole table: `all`, `findEach`, `count`, `approximateCount`. These are the only
 * reads (with deleteAll and destroyAll) that scan, as their names say.
 */
import {
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
  type DescribeTableCommandOutput,
  type ScanCommandInput,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { instantiate } from '../attributes/hydration.js';
import { modelSend } from '../connection/model-request.js';
import { ExpressionBuilder, projectionOf } from '../dynamo/expressions.js';
import { tableKeyNames } from '../dynamo/keys.js';
import { pagesOf, type ItemPage } from '../dynamo/paging.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { checkOptions, SCAN_OPTIONS } from './arguments.js';
import type { QueryExpressions } from './key-query.js';

type Item = Record<string, AttributeValue>;

/** Options of `all` and `findEach`. */
export interface ScanOptions {
  /** Strongly consistent reads. Default false. */
  consistent?: boolean;
  /** The most records to read in all. */
  limit?: number;
  /** The most items one Scan request asks for (DynamoDB also stops each page at 1 MB). */
  batchSize?: number;
  /** Scan this many segments of the table in parallel (records then arrive interleaved). */
  segments?: number;
}

/** How a scan is sent. @internal */
export interface ScanRequest {
  consistent?: boolean | undefined;
  pageSize?: number | undefined;
  limit?: number | undefined;
  segments?: number | undefined;
  /** Only the table's key attributes (for deleting). */
  keysOnly?: boolean | undefined;
  select?: 'COUNT' | undefined;
  /** A relation's FilterExpression and ProjectionExpression. */
  expressions?: ((builder: ExpressionBuilder) => QueryExpressions) | undefined;
  /** Where to resume (one segment only): a page's `lastEvaluatedKey`. */
  exclusiveStartKey?: Item | undefined;
}

/** One DynamoDB page of a scan. @internal */
export type ScanPage = ItemPage;

/** The pages of one segment (or of the whole table), one Scan request each. */
function segmentPages(
  model: ModelClass,
  base: ScanCommandInput,
  pageSize: number | undefined,
  limit: number | undefined,
  startKey?: Item,
): AsyncGenerator<ScanPage> {
  return pagesOf(
    (page) =>
      modelSend<ScanCommandOutput>(model, new ScanCommand({ ...base, ...page }), base.TableName),
    { pageSize, limit, startKey },
  );
}

/** The request a scan sends first (without Limit, segments and ExclusiveStartKey). @internal */
export function scanInput(model: ModelClass, request: ScanRequest = {}): ScanCommandInput {
  const base: ScanCommandInput = { TableName: tableFullNameOf(model) };
  if (request.consistent === true) base.ConsistentRead = true;
  if (request.select === 'COUNT') base.Select = 'COUNT';
  const builder = new ExpressionBuilder();
  if (request.keysOnly === true) {
    base.ProjectionExpression = projectionOf(builder, tableKeyNames(model));
  }
  const extra = request.expressions?.(builder);
  if (extra?.filter) base.FilterExpression = extra.filter;
  if (extra?.projection && request.select !== 'COUNT') base.ProjectionExpression = extra.projection;
  Object.assign(base, builder.maps());
  return base;
}

/**
 * The pages of a scan of the model's table; with `segments` > 1, a parallel scan whose pages
 * are interleaved as they arrive. Each segment holds at most one page at a time, so memory
 * stays flat whatever the table's size. `limit` is enforced over all pages.
 * @internal
 */
export async function* scanPages(
  model: ModelClass,
  request: ScanRequest = {},
): AsyncGenerator<ScanPage> {
  const base = scanInput(model, request);
  const segments = Math.max(1, Math.floor(request.segments ?? 1));
  if (request.limit !== undefined && request.limit <= 0) return;
  const sources =
    segments === 1
      ? [segmentPages(model, base, request.pageSize, request.limit, request.exclusiveStartKey)]
      : Array.from({ length: segments }, (_, segment) =>
          segmentPages(
            model,
            { ...base, Segment: segment, TotalSegments: segments },
            request.pageSize,
            request.limit,
          ),
        );
  let remaining = request.limit;
  for await (const page of merge(sources)) {
    if (remaining !== undefined && page.count > remaining && request.select !== 'COUNT') {
      page.items = page.items.slice(0, remaining);
      page.count = remaining;
    }
    yield page;
    if (remaining !== undefined) {
      remaining -= page.count;
      if (remaining <= 0) return;
    }
  }
}

/** Values from several async generators as each arrives; stops them all when abandoned. */
async function* merge<T>(sources: AsyncGenerator<T>[]): AsyncGenerator<T> {
  if (sources.length === 1) {
    yield* sources[0]!;
    return;
  }
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) => {
    const promise = sources[index]!.next().then((result) => ({ index, result }));
    promise.catch(() => undefined); // observed through Promise.race; never unhandled
    pending.set(index, promise);
  };
  sources.forEach((_, index) => pull(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
      } else {
        pull(index);
        yield result.value;
      }
    }
  } finally {
    await Promise.allSettled([...pending.keys()].map((index) => sources[index]!.return(undefined)));
  }
}

/** The records of the table, streamed page by page. @internal */
export async function* scanRecords<T>(
  model: ModelClass,
  options: ScanOptions = {},
): AsyncGenerator<T> {
  checkOptions(`${model.name}.findEach`, options, SCAN_OPTIONS);
  const pages = scanPages(model, {
    consistent: options.consistent,
    pageSize: options.batchSize,
    limit: options.limit,
    segments: options.segments,
  });
  for await (const page of pages) {
    for (const item of page.items) yield instantiate(model as unknown as new () => T, item);
  }
}

/** Every record of the table in one array (a scan of every page). @internal */
export async function allRecords<T>(model: ModelClass, options: ScanOptions = {}): Promise<T[]> {
  const records: T[] = [];
  for await (const record of scanRecords<T>(model, options)) records.push(record);
  return records;
}

/** The exact number of items: a Scan with Select COUNT over every page. @internal */
export async function countItems(
  model: ModelClass,
  options: { consistent?: boolean; segments?: number } = {},
): Promise<number> {
  checkOptions(`${model.name}.count`, options, ['consistent', 'segments']);
  let total = 0;
  for await (const page of scanPages(model, { ...options, select: 'COUNT' })) total += page.count;
  return total;
}

/** DynamoDB's own item count (refreshed about every six hours): no scan. @internal */
export async function approximateCount(model: ModelClass): Promise<number> {
  const table = tableFullNameOf(model);
  const output = await modelSend<DescribeTableCommandOutput>(
    model,
    new DescribeTableCommand({ TableName: table }),
    table,
  );
  return output.Table?.ItemCount ?? 0;
}
