/**
 * Conditions evaluated on items in memory, with DynamoDB's semantics (numbers by value,
 * strings by their UTF-8 bytes, sets without order). Used where DynamoDB cannot filter: an
 * attribute a keys-only or include index does not project, and habtm partners read by key.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { sameAttributeValue } from '../attributes/attribute-value-equality.js';
import type { Comparison, Condition } from './conditions.js';

type Item = Record<string, AttributeValue>;

/** Whether an item satisfies every condition. @internal */
export function matchesAll(item: Item, conditions: readonly Condition[]): boolean {
  return conditions.every((condition) => matches(item, condition));
}

function matches(item: Item, condition: Condition): boolean {
  if (condition.kind === 'not') return !matchesAll(item, condition.conditions);
  if (condition.kind === 'or') return condition.groups.some((group) => matchesAll(item, group));
  return compares(item[condition.attribute], condition);
}

/** -1, 0, 1, or NaN when the two cannot be ordered (different types, as DynamoDB's false). */
function order(a: AttributeValue, b: AttributeValue): number {
  if (a.N !== undefined && b.N !== undefined) return Math.sign(Number(a.N) - Number(b.N));
  if (a.S !== undefined && b.S !== undefined)
    return Buffer.compare(Buffer.from(a.S), Buffer.from(b.S));
  return Number.NaN;
}

function sizeOf(value: AttributeValue): number | undefined {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.SS !== undefined) return value.SS.length;
  if (value.NS !== undefined) return value.NS.length;
  if (value.L !== undefined) return value.L.length;
  if (value.M !== undefined) return Object.keys(value.M).length;
  return undefined;
}

function containsElement(value: AttributeValue, operand: AttributeValue): boolean {
  if (value.S !== undefined) return operand.S !== undefined && value.S.includes(operand.S);
  if (value.SS !== undefined) return operand.S !== undefined && value.SS.includes(operand.S);
  if (value.NS !== undefined)
    return operand.N !== undefined && value.NS.some((n) => Number(n) === Number(operand.N));
  if (value.L !== undefined) return value.L.some((e) => sameAttributeValue(e, operand));
  return false;
}

function compares(value: AttributeValue | undefined, c: Comparison): boolean {
  if (c.comparator === 'exists') return value !== undefined;
  if (c.comparator === 'notExists') return value === undefined;
  // As in DynamoDB: an absent attribute is unequal to any value and fails every other test.
  if (value === undefined) return c.comparator === '<>';
  const [first, second] = c.operands as [AttributeValue, AttributeValue | undefined];
  switch (c.comparator) {
    case '=':
      return sameAttributeValue(value, first);
    case '<>':
      return !sameAttributeValue(value, first);
    case '<':
      return order(value, first) < 0;
    case '<=':
      return order(value, first) <= 0;
    case '>':
      return order(value, first) > 0;
    case '>=':
      return order(value, first) >= 0;
    case 'between':
      return second !== undefined && order(value, first) >= 0 && order(value, second) <= 0;
    case 'begins_with':
      return value.S !== undefined && first.S !== undefined && value.S.startsWith(first.S);
    case 'in':
      return c.operands.some((operand) => sameAttributeValue(value, operand));
    case 'contains':
      return containsElement(value, first);
    default: {
      const size = sizeOf(value);
      if (size === undefined) return false;
      return compares({ N: String(size) }, { ...c, comparator: c.comparator.slice(4) as '=' });
    }
  }
}
