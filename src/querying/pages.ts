/**
 * Page-at-a-time key queries for HTTP APIs: `{ items, next }`, where `next` is an opaque
 * cursor to pass back as `after`, or null after the last page.
 */
import { instantiate } from '../attributes/hydration.js';
import { awsCause, awsErrorName } from '../connection/request.js';
import { InvalidArgument, InvalidCursor } from '../errors.js';
import {
  assertCursorBinding,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
  type CursorBinding,
} from './cursor.js';
import { queryInput, queryPages, wholeItems, type KeyQuery } from './key-query.js';

/** One page of records. */
export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

/**
 * How much to read, and where to resume; with `configure({ cursorSecret })`, also whom the
 * cursors are for (`context`) and how long they last (`expiresIn`).
 */
export interface PageOptions extends CursorBinding {
  /** The most records on the page; without it, one DynamoDB page (up to 1 MB). */
  limit?: number;
  /** A `next` cursor from the previous page of the same query. */
  after?: string | null;
}

/**
 * One page of a key query. It may take several requests to fill `limit` (DynamoDB stops each
 * response at 1 MB); a keys-only index is read back with one batched read per page.
 * @internal
 */
export async function keyQueryPage<T>(q: KeyQuery, page: PageOptions = {}): Promise<Page<T>> {
  const { target } = queryInput(q);
  const limit = page.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidArgument(
      `A page of ${q.model.name}: limit must be a positive integer, not ${String(limit)}`,
      'limit',
    );
  }
  const hasCursor = page.after !== undefined && page.after !== null;
  const binding: CursorBinding = { context: page.context, expiresIn: page.expiresIn };
  assertCursorBinding(binding);
  const fingerprint = queryFingerprint(q);
  const exclusiveStartKey = hasCursor
    ? decodeCursor(page.after, q, target, fingerprint, binding)
    : undefined;
  const raw = [];
  let lastKey;
  try {
    for await (const result of queryPages({ ...q, limit, exclusiveStartKey })) {
      raw.push(...result.items);
      lastKey = result.lastEvaluatedKey;
      if (limit === undefined) break;
    }
  } catch (error) {
    // A cursor that passed our checks but still does not fit the query (say, a tampered range
    // value under a local index): report the cursor, not DynamoDB's validation message.
    if (hasCursor && awsErrorName(error) === 'ValidationException') {
      throw new InvalidCursor(`Invalid cursor for ${q.model.name}: it does not fit this query`, {
        cause: awsCause(error),
      });
    }
    throw error;
  }
  const items = await wholeItems(q.model, target, raw);
  return {
    items: items.map((item) => instantiate(q.model as unknown as new () => T, item)),
    next: lastKey ? encodeCursor(fingerprint, lastKey, binding) : null,
  };
}
