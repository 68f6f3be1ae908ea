/**
 * Conditions as DynamoDB expressions: with placeholders for a request, or with names and
 * values written out for `explain()`.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Comparison, Condition } from './conditions.js';

/** Where names and values go: request placeholders or readable text. @internal */
export interface Placeholders {
  name(attribute: string): string;
  value(value: AttributeValue): string;
}

/** Names and values written out, for explain() and messages. @internal */
export const readable: Placeholders = {
  name: (attribute) => attribute,
  value: (value) => displayValue(value),
};

function displayValue(value: AttributeValue): string {
  if (value.S !== undefined) return JSON.stringify(value.S);
  if (value.N !== undefined) return value.N;
  if (value.BOOL !== undefined) return String(value.BOOL);
  if (value.SS !== undefined) return `<<${value.SS.map((s) => JSON.stringify(s)).join(', ')}>>`;
  if (value.NS !== undefined) return `<<${value.NS.join(', ')}>>`;
  if (value.L !== undefined) return `[${value.L.map(displayValue).join(', ')}]`;
  if (value.M !== undefined)
    return `{${Object.entries(value.M)
      .map(([k, v]) => `${k}: ${displayValue(v)}`)
      .join(', ')}}`;
  return 'null';
}

function comparisonExpression(c: Comparison, p: Placeholders): string {
  const name = p.name(c.attribute);
  const [first, second] = c.operands as [AttributeValue, AttributeValue];
  switch (c.comparator) {
    case 'between':
      return `${name} BETWEEN ${p.value(first)} AND ${p.value(second)}`;
    case 'begins_with':
      return `begins_with(${name}, ${p.value(first)})`;
    case 'contains':
      return `contains(${name}, ${p.value(first)})`;
    case 'in':
      return `${name} IN (${c.operands.map((v) => p.value(v)).join(', ')})`;
    case 'exists':
      return `attribute_exists(${name})`;
    case 'notExists':
      return `attribute_not_exists(${name})`;
    case 'size=':
    case 'size<':
    case 'size<=':
    case 'size>':
    case 'size>=':
      return `size(${name}) ${c.comparator.slice(4)} ${p.value(first)}`;
    default:
      return `${name} ${c.comparator} ${p.value(first)}`;
  }
}

/** One condition as an expression. @internal */
export function conditionExpression(condition: Condition, p: Placeholders): string {
  if (condition.kind === 'compare') return comparisonExpression(condition, p);
  if (condition.kind === 'not') return `NOT (${andExpression(condition.conditions, p)})`;
  return `(${condition.groups.map((group) => `(${andExpression(group, p)})`).join(' OR ')})`;
}

/** An AND of conditions; '' for none. @internal */
export function andExpression(conditions: readonly Condition[], p: Placeholders): string {
  return conditions.map((condition) => conditionExpression(condition, p)).join(' AND ');
}
