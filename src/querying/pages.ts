/**
 * Page-at-a-time key queries for HTTP APIs: `{ items, next }`, where `next` is an opaque
 * cursor to pass back as `after`, or null after the last page.
 */
import type { CursorBinding } from './cursor.js';

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
