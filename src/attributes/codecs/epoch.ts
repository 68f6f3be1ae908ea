/**
 * Datetimes as epoch numbers in N, in milliseconds (ocean-dynamo's default) or in whole
 * seconds (the Ruby gem's `value.to_i`). A stored number carries no unit, so the unit is told
 * by magnitude, and a number of the other unit is refused instead of read as a wrong date:
 *
 * - seconds are whole numbers below 10^10 in magnitude (years 1653 to 2286);
 * - milliseconds are refused between 10^8 and 10^10 in magnitude (1970-01-02 to 1970-04-26
 *   and the same span before 1970), where every gem timestamp from 1973 to 2286 falls.
 *
 * Each codec refuses on assignment the dates it could not read back, so a model never writes
 * what it would then reject.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fail } from './codec.js';

/** Epoch numbers at or above this magnitude are milliseconds; below it, seconds can be. */
export const SECONDS_LIMIT = 1e10;
/** Below this magnitude a number is taken as milliseconds near 1970 in either unit. */
const AMBIGUOUS_FLOOR = 1e8;

function looksLikeSeconds(n: number): boolean {
  const magnitude = Math.abs(n);
  return magnitude >= AMBIGUOUS_FLOOR && magnitude < SECONDS_LIMIT;
}

/** A short description of a stored value for an error message (type and a preview). @internal */
export function describeStored(value: AttributeValue): string {
  const [type, content] = Object.entries(value).find(([, v]) => v !== undefined) ?? ['?', ''];
  const text = typeof content === 'string' ? JSON.stringify(content) : JSON.stringify(content);
  const preview = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `${type} ${preview}`;
}

/** Refuses a date whose milliseconds would read as the gem's epoch seconds. @internal */
export function checkMillisStorable(date: Date | null): Date | null {
  if (date !== null && looksLikeSeconds(date.getTime())) {
    fail(
      "dates from 1969-09-07 to 1970-04-26 (bar the day around 1970-01-01) cannot be stored as epoch milliseconds: they would read as the Ruby gem's epoch seconds",
    );
  }
  return date;
}

/** A stored N read as epoch milliseconds; a seconds-shaped number is refused. @internal */
export function readEpochMillis(text: string): Date {
  const n = Number(text);
  if (looksLikeSeconds(n)) {
    fail(
      `found N ${text}, which looks like epoch seconds (the Ruby gem's datetime), not milliseconds: declare the attribute with storedAs: 'epochSeconds' or the model with storage: 'gem'`,
    );
  }
  return new Date(n);
}

/** Truncates a date to whole seconds, as the gem's `to_i`, refusing what seconds cannot hold. @internal */
export function toWholeSeconds(date: Date | null): Date | null {
  if (date === null) return null;
  const seconds = Math.floor(date.getTime() / 1000);
  if (Math.abs(seconds) >= SECONDS_LIMIT) {
    fail('dates before 1653 or after 2286 cannot be stored as epoch seconds');
  }
  return new Date(seconds * 1000);
}

/** The N of a date in whole epoch seconds. @internal */
export function secondsText(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}

/** A stored N read as the gem's epoch seconds; a millisecond-shaped number is refused. @internal */
export function readEpochSeconds(text: string): Date {
  const n = Number(text);
  if (!Number.isInteger(n) || Math.abs(n) >= SECONDS_LIMIT) {
    fail(
      `found N ${text}, which is not whole epoch seconds (the Ruby gem's datetime)${Number.isInteger(n) ? ": it looks like epoch milliseconds; declare the attribute with storedAs: 'epochMillis'" : ''}`,
    );
  }
  return new Date(n * 1000);
}
