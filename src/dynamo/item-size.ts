/** Item sizes as DynamoDB counts them, checked before a write is sent. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ItemTooLarge } from '../errors.js';

const MAX_ITEM_BYTES = 400 * 1024;

/** The size DynamoDB counts for a value, by its published sizing rules. @internal */
export function attributeValueSize(value: AttributeValue): number {
  return measured(value, true);
}

/**
 * At least the size DynamoDB counts for a value, found without reading a character: a
 * UTF-16 unit never takes more than three UTF-8 bytes, and a number text of n characters
 * never more than n + 1 bytes. Exact sizes are counted only for items this puts near the limit.
 * @internal
 */
export function attributeValueBound(value: AttributeValue): number {
  return measured(value, false);
}

/** The size of an item: every attribute name and value. @internal */
export function itemSize(item: Record<string, AttributeValue | undefined>): number {
  return measuredItem(item, true);
}

/** At least the size of an item (see attributeValueBound). @internal */
export function itemBound(item: Record<string, AttributeValue | undefined>): number {
  return measuredItem(item, false);
}

// One walk for both: `exact` counts UTF-8 bytes and digit pairs, otherwise the bounds.
function measured(value: AttributeValue, exact: boolean): number {
  // Loops rather than entries/reduce/regex: this runs over every attribute of every write.
  if (value.S !== undefined) return textSize(value.S, exact);
  if (value.N !== undefined) return exact ? numberSize(value.N) : value.N.length + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  let size = 0;
  if (value.SS !== undefined) {
    for (const s of value.SS) size += textSize(s, exact);
    return size;
  }
  if (value.NS !== undefined) {
    for (const n of value.NS) size += exact ? numberSize(n) : n.length + 1;
    return size;
  }
  if (value.L !== undefined) {
    for (const v of value.L) size += 1 + measured(v, exact);
    return 3 + size;
  }
  if (value.M !== undefined) {
    const map = value.M;
    for (const key of Object.keys(map))
      size += 1 + textSize(key, exact) + measured(map[key]!, exact);
    return 3 + size;
  }
  return 0;
}

function measuredItem(item: Record<string, AttributeValue | undefined>, exact: boolean): number {
  let size = 0;
  for (const name of Object.keys(item)) {
    const value = item[name];
    if (value !== undefined) size += textSize(name, exact) + measured(value, exact);
  }
  return size;
}

function textSize(text: string, exact: boolean): number {
  return exact ? stringSize(text) : 3 * text.length;
}

/** UTF-8 bytes; ASCII-only strings (most keys and names) are counted without encoding. */
function stringSize(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return Buffer.byteLength(text);
  }
  return text.length;
}

/**
 * DynamoDB stores a number as base-100 digit pairs aligned on the decimal point, without
 * leading or trailing zero pairs, plus one byte: every significant digit counts, on both sides
 * of the point and under an exponent (`1.5` is `01|50`, 3 bytes; `1e21` is `10`, 2 bytes).
 * Counting the pairs never under-estimates what DynamoDB counts.
 */
function numberSize(text: string): number {
  // A character loop rather than a regex: this runs over every number of every write.
  let first = -1;
  let last = -1;
  let count = 0;
  let point = -1;
  let exponent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (c !== 0x30) {
        if (first < 0) first = count;
        last = count;
      }
      count++;
    } else if (c === 0x2e) {
      point = count;
    } else if (c === 0x65 || c === 0x45) {
      exponent = Number(text.slice(i + 1));
      break;
    }
  }
  if (first < 0) return 2; // zero
  // Where the decimal point falls relative to the first significant digit: pairs start there.
  const offset = (point < 0 ? count : point) + exponent - first;
  const pad = ((offset % 2) + 2) % 2;
  return Math.ceil((pad + last - first + 1) / 2) + 1;
}

/**
 * The bound of an item of bound `bound` once `changes` are applied (undefined removes an
 * attribute), counting only the changed attributes: bounds add up attribute by attribute, so
 * this is the bound of the changed item.
 * @internal
 */
export function changedItemBound(
  item: Record<string, AttributeValue | undefined>,
  bound: number,
  changes: ReadonlyMap<string, AttributeValue | undefined>,
): number {
  for (const [name, value] of changes) {
    // Own attributes only: a name such as `valueOf` must not find Object.prototype's.
    const before = Object.hasOwn(item, name) ? item[name] : undefined;
    if (before !== undefined) bound -= textSize(name, false) + measured(before, false);
    if (value !== undefined) bound += textSize(name, false) + measured(value, false);
  }
  return bound;
}

/**
 * Throws before sending an item DynamoDB would reject as too large, given at least its size
 * (`bound`): the item is built and counted exactly only when the bound is over the limit.
 * @internal
 */
export function assertItemFits(
  modelName: string,
  bound: number,
  item: () => Record<string, AttributeValue | undefined>,
  record?: unknown,
): void {
  if (bound > MAX_ITEM_BYTES) assertItemSize(modelName, item(), record);
}

/** Throws before sending an item DynamoDB would reject as too large. @internal */
export function assertItemSize(
  modelName: string,
  item: Record<string, AttributeValue | undefined>,
  record?: unknown,
  size = itemSize(item),
): void {
  if (size > MAX_ITEM_BYTES) {
    throw new ItemTooLarge(
      `${modelName} item is ${size} bytes, over DynamoDB's limit of ${MAX_ITEM_BYTES} bytes (400 KB): nothing was stored`,
      size,
      MAX_ITEM_BYTES,
      { record },
    );
  }
}

// DynamoDB's words for a put or an update that would make an item too large.
const REFUSED_AS_TOO_LARGE = /Item size( to update)? has exceeded the maximum allowed size/;

/**
 * ItemTooLarge for a write DynamoDB refused as too large though the record's own count fit:
 * another writer made the item larger than this copy knows. Its size only DynamoDB knew
 * (NaN). Null when `cause` is not that refusal.
 * @internal
 */
export function refusedAsTooLarge(
  modelName: string,
  name: string | undefined,
  cause: unknown,
  record: unknown,
): ItemTooLarge | null {
  if (name !== 'ValidationException' || !saysTooLarge((cause as Error | undefined)?.message))
    return null;
  return refusedItemTooLarge(modelName, cause, record);
}

/** Whether DynamoDB's message refuses a write as making its item too large. @internal */
export function saysTooLarge(message: string | undefined): boolean {
  return REFUSED_AS_TOO_LARGE.test(String(message));
}

/** The ItemTooLarge of a record whose write DynamoDB refused as too large. @internal */
export function refusedItemTooLarge(
  modelName: string,
  cause: unknown,
  record: unknown,
): ItemTooLarge {
  return new ItemTooLarge(
    `${modelName} item would be over DynamoDB's limit of ${MAX_ITEM_BYTES} bytes (400 KB), larger than this copy knows (another writer grew it; reload to see it): nothing was stored`,
    Number.NaN,
    MAX_ITEM_BYTES,
    { record, cause },
  );
}
