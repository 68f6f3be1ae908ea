import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { assertStorableNumber, fail, type Codec } from './codec.js';
import { checkMillisStorable, describeStored, readEpochMillis } from './epoch.js';
import { numberText } from './number-text.js';

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isBlank(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return `a ${typeof value}`;
}

function numberFromAttribute(value: AttributeValue | undefined): number | null {
  return value?.N === undefined ? null : Number(value.N);
}

function numberToAttribute(value: number | null): AttributeValue | undefined {
  return value === null ? undefined : { N: numberText(value) };
}

/**
 * A stored integer, refused when a JavaScript number cannot hold it exactly (beyond ±2^53−1):
 * reading it would silently give a neighbouring value. @internal
 */
export function readInteger(text: string): number {
  const n = Number(text);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    fail(
      `the stored ${text} is beyond the integers a JavaScript number holds exactly (±${Number.MAX_SAFE_INTEGER})`,
    );
  }
  return n;
}

export const stringCodec: Codec<string> = {
  cast(value) {
    if (typeof value === 'string') return value;
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') {
      assertStorableNumber(value);
      return String(value);
    }
    if (typeof value === 'bigint') return value.toString();
    return fail(`expected a string, got ${describeKind(value)}`);
  },
  // An empty string is stored as an absent attribute: it reads back as '' either way, and an
  // empty string is not a valid index key in DynamoDB.
  toAttributeValue: (value) => (value === '' ? undefined : { S: value }),
  fromAttributeValue: (value) => value?.S ?? '',
  empty: () => '',
  mutable: false,
  keyType: 'S',
};

export const integerCodec: Codec<number | null> = {
  cast(value) {
    if (isBlank(value)) return null;
    let n: number;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) n = Number(value.trim());
    else if (typeof value === 'bigint') n = Number(value);
    else if (typeof value === 'string') return fail('not an integer');
    else return fail(`expected an integer, got ${describeKind(value)}`);
    if (!Number.isFinite(n)) fail('numbers must be finite');
    if (!Number.isInteger(n)) fail('not an integer');
    if (!Number.isSafeInteger(n)) fail('beyond the integers a JavaScript number holds exactly');
    // DynamoDB stores -0 as 0: hold what will be read back.
    return n === 0 ? 0 : n;
  },
  toAttributeValue: numberToAttribute,
  fromAttributeValue: (value) => (value?.N === undefined ? null : readInteger(value.N)),
  empty: () => null,
  mutable: false,
  keyType: 'N',
};

export const floatCodec: Codec<number | null> = {
  cast(value) {
    if (isBlank(value)) return null;
    let n: number;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) n = Number(value.trim());
    else if (typeof value === 'string') return fail('not a number');
    else return fail(`expected a number, got ${describeKind(value)}`);
    assertStorableNumber(n);
    return n === 0 ? 0 : n;
  },
  toAttributeValue: numberToAttribute,
  fromAttributeValue: numberFromAttribute,
  empty: () => null,
  mutable: false,
  keyType: 'N',
};

/** Casts one datetime; shared with datetime sets. */
export function castDate(value: unknown): Date | null {
  if (isBlank(value)) return null;
  let date: Date;
  if (value instanceof Date) date = new Date(value.getTime());
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('numbers must be finite');
    date = new Date(value);
  } else if (typeof value === 'string') date = new Date(value.trim());
  else
    return fail(
      `expected a Date, an ISO 8601 string or epoch milliseconds, got ${describeKind(value)}`,
    );
  if (Number.isNaN(date.getTime())) fail('not a valid date');
  return date;
}

/** Epoch milliseconds in N: the default, so datetimes sort correctly as keys. */
export const datetimeCodec: Codec<Date | null> = {
  cast: (value) => checkMillisStorable(castDate(value)),
  toAttributeValue: (value) => (value === null ? undefined : { N: String(value.getTime()) }),
  fromAttributeValue: (value) => (value?.N === undefined ? null : readEpochMillis(value.N)),
  empty: () => null,
  mutable: true,
  keyType: 'N',
  equalsStored: (value, stored) =>
    value === null
      ? stored === undefined
      : stored?.N !== undefined && Number(stored.N) === value.getTime(),
};

const TRUE_TEXT = new Set(['true', '1']);
const FALSE_TEXT = new Set(['false', '0']);

/** Casts one boolean; shared with the gem's string form. */
export function castBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (isBlank(value)) return null;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (TRUE_TEXT.has(text)) return true;
    if (FALSE_TEXT.has(text)) return false;
    return fail('not a boolean (true, false, "true", "false", "1" or "0")');
  }
  return fail(`expected a boolean, got ${describeKind(value)}`);
}

/** Native BOOL: the default. A string is the gem's form and never read as a boolean. */
export const booleanCodec: Codec<boolean | null> = {
  cast: castBoolean,
  toAttributeValue: (value) => (value === null ? undefined : { BOOL: value }),
  fromAttributeValue(value) {
    if (value === undefined) return null;
    if (value.BOOL !== undefined) return value.BOOL;
    return fail(`expected a BOOL, found ${describeStored(value)}`);
  },
  empty: () => null,
  mutable: false,
};
