import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { assertStorableNumber, fail } from './codec.js';
import { numberText } from './number-text.js';

// DynamoDB allows 32 levels of nesting in a document.
const MAX_DEPTH = 32;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that a value is plain JSON data (objects, arrays, strings, finite numbers, booleans,
 * null) and returns a copy, so later changes to the caller's object do not leak in unseen.
 */
export function copyJsonValue(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) fail(`nested deeper than DynamoDB's ${MAX_DEPTH} levels (or circular)`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    assertStorableNumber(value);
    // DynamoDB stores -0 as 0: hold what will be read back.
    return value === 0 ? 0 : value;
  }
  if (Array.isArray(value)) return value.map((item) => copyJsonValue(item, depth + 1));
  if (typeof value === 'object' && isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const item = object[key];
      if (item !== undefined) defineOwn(copy, key, copyJsonValue(item, depth + 1));
    }
    return copy;
  }
  return fail(`not JSON data: ${value instanceof Date ? 'a Date' : `a ${typeof value}`}`);
}

// Assigning `obj['__proto__'] = x` would replace the object's prototype: define it instead.
function defineOwn<V>(target: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** Converts checked JSON data to a DynamoDB value (M, L, S, N, BOOL, NULL). */
export function jsonToAttributeValue(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: numberText(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) {
    // A plain loop: this runs on every save of a document attribute (dirty check and write).
    const list: AttributeValue[] = new Array<AttributeValue>(value.length);
    for (let i = 0; i < value.length; i++) list[i] = jsonToAttributeValue(value[i]);
    return { L: list };
  }
  const map: Record<string, AttributeValue> = {};
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (item !== undefined) defineOwn(map, key, jsonToAttributeValue(item));
  }
  return { M: map };
}

/**
 * Whether checked JSON data is what a DynamoDB value holds: the comparison of its
 * `jsonToAttributeValue` with `stored`, without building it.
 */
export function jsonEqualsStored(value: unknown, stored: AttributeValue): boolean {
  if (value === null) return stored.NULL !== undefined;
  if (typeof value === 'string') return stored.S === value;
  if (typeof value === 'number') return stored.N !== undefined && Number(stored.N) === value;
  if (typeof value === 'boolean') return stored.BOOL === value;
  if (Array.isArray(value)) {
    const list = stored.L;
    if (list === undefined || list.length !== value.length) return false;
    for (let i = 0; i < value.length; i++) {
      if (!jsonEqualsStored(value[i], list[i]!)) return false;
    }
    return true;
  }
  const map = stored.M;
  if (map === undefined) return false;
  const object = value as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (item === undefined) continue;
    count++;
    const held = Object.hasOwn(map, key) ? map[key] : undefined;
    if (held === undefined || !jsonEqualsStored(item, held)) return false;
  }
  return count === Object.keys(map).length;
}

/** Converts a DynamoDB document value back to plain JSON data. */
export function attributeValueToJson(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(attributeValueToJson);
  if (value.M !== undefined) {
    const result: Record<string, unknown> = {};
    const map = value.M;
    for (const key of Object.keys(map)) defineOwn(result, key, attributeValueToJson(map[key]!));
    return result;
  }
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  return null;
}
